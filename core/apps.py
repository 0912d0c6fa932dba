from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer: shared infrastructure that imports nothing of the portal's apps.

    Its models (the outbox, the help pages) keep the label ``imi`` they were
    created under, so their tables and migration history stay as they are.
    """

    name = "core"
    label = "imi"
    verbose_name = _("Portal")

    def ready(self):
        from core import lookups

        lookups.register()
