"""The pages of an authority's national systems, under /authority/systems/ (api/views.py)."""

from django.urls import path

from api import views

app_name = "systems"

urlpatterns = [
    path("", views.systems, name="systems"),
    path("accounts/new/", views.account_new, name="account_new"),
    path("accounts/<int:pk>/revoke/", views.account_revoke, name="account_revoke"),
    path("accounts/<int:pk>/tokens/new/", views.token_new, name="token_new"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("endpoints/new/", views.endpoint_new, name="endpoint_new"),
    path("endpoints/<int:pk>/", views.endpoint, name="endpoint"),
    path("endpoints/<int:pk>/edit/", views.endpoint_edit, name="endpoint_edit"),
    path("endpoints/<int:pk>/delete/", views.endpoint_delete, name="endpoint_delete"),
    path("endpoints/<int:pk>/deliveries/", views.deliveries, name="deliveries"),
    path("deliveries/<int:pk>/send-again/", views.delivery_send_again, name="delivery_send_again"),
]
