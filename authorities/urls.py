from django.urls import path

from authorities import directory, views

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
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("directory/authorities/", directory.authority_directory, name="directory"),
    path("directory/authorities/<int:pk>/", directory.authority_profile, name="authority_profile"),
    # Login addresses are kept by the LDA, the helpdesk or a superuser: allauth's e-mail pages are closed
    # (this app is included before allauth's URLs).
    path("accounts/email/", views.login_address_kept_by_others),
    path("accounts/confirm-email/", views.login_address_kept_by_others),
    path("accounts/confirm-email/<str:key>/", views.login_address_kept_by_others),
    # allauth's "account inactive" page, in place of its own: it names whom to ask.
    path("accounts/inactive/", views.account_inactive),
]
