from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = _("Registers")

    def ready(self):
        # A register's search document carries its authority's acronym: kept fresh when an authority changes.
        from authorities.signals import authorities_changed
        from registers.services import authorities_changed_refresh

        authorities_changed.connect(authorities_changed_refresh, dispatch_uid="registers.authorities_changed")
