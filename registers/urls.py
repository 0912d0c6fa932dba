from django.urls import path

from registers import views

app_name = "registers"

urlpatterns = [
    path("", views.register_directory, name="list"),
    path("new/", views.register_new, name="new"),
    path("<int:pk>/", views.register_detail, name="detail"),
    path("<int:pk>/edit/", views.register_edit, name="edit"),
    path("<int:pk>/reviewed/", views.register_reviewed, name="reviewed"),
    path("<int:pk>/retire/", views.register_retire, name="retire"),
]
