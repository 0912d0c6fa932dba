from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("National systems")

    def ready(self):
        from api import webhooks  # noqa: F401 (connects the receiver of request_changed)
