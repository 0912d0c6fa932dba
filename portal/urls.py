"""The site-wide pages (no namespace: their names are the portal's own, e.g. ``home``)."""

from django.urls import path

from portal import views

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
]
