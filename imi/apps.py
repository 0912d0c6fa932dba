from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImiConfig(AppConfig):
    name = "imi"
    verbose_name = _("Portal")
