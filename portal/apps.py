from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site-wide pages and admin on top of the apps: home, help, languages, failed mails, the change log."""

    name = "portal"
    verbose_name = _("Portal pages")
