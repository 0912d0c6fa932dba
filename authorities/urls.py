from django.urls import path

from authorities import views

app_name = "authorities"

urlpatterns = [
    path("authority/", views.my_authority, name="my_authority"),
    path("authority/edit/", views.authority_edit, name="authority_edit"),
    path("authority/users/invite/", views.user_invite, name="user_invite"),
    path("authority/users/<int:pk>/roles/", views.user_roles, name="user_roles"),
    path("authority/users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("authority/users/<int:pk>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path("authority/users/<int:pk>/resend-invitation/", views.invitation_resend, name="invitation_resend"),
    path("profile/", views.profile, name="profile"),
    path("profile/backups/", views.backups, name="backups"),
    path("profile/absence/", views.absence, name="absence"),
]
