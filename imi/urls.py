from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from authorities import directory as authority_directory
from authorities import views as authority_views
from imi import admin as imi_admin
from imi import views

admin.site.site_header = _("IMI portal administration")
admin.site.site_title = _("IMI portal administration")
admin.site.index_title = _("Coordination and helpdesk")
# The admin has no login of its own: everybody logs in through allauth, with MFA.
admin.site.login = secure_admin_login(admin.site.login)

# The error pages do without the database; a database outage is answered with 503.
handler500 = "imi.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("helpdesks/", views.helpdesks, name="helpdesks"),
    path("data-protection/", views.data_protection, name="data_protection"),
    path("help/<slug:slug>/", views.help_page, name="help_page"),
    path("training/mailbox/", views.training_mailbox, name="training_mailbox"),
    path("getting-started/", views.getting_started_visibility, name="getting_started"),
    path("session/ping/", views.session_ping, name="session_ping"),
    path("mail/failed/", views.failed_mails, name="failed_mails"),
    path("mail/failed/<int:pk>/send-again/", views.failed_mail_send_again, name="failed_mail_send_again"),
    path("i18n/languages/", views.languages, name="languages"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("invitation/<str:token>/", authority_views.invitation_accept, name="invitation_accept"),
    path("", include("authorities.urls")),
    path("requests/", include("requests_app.urls")),
    path("directory/authorities/", authority_directory.authority_directory, name="directory"),
    path("directory/authorities/<int:pk>/", authority_directory.authority_profile, name="authority_profile"),
    path("directory/registers/", include("registers.urls")),
    # Login addresses are kept by the LDA, the helpdesk or a superuser: allauth's e-mail pages are closed.
    path("accounts/email/", authority_views.login_address_kept_by_others),
    path("accounts/confirm-email/", authority_views.login_address_kept_by_others),
    path("accounts/confirm-email/<str:key>/", authority_views.login_address_kept_by_others),
    path("accounts/", include("allauth.urls")),
    # Before the admin's own, which redirects for any object that exists, in the user's scope or not.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(imi_admin.view_on_site)),
    path("admin/", admin.site.urls),
]
