from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo world (``seed_demo``), the nightly training reset and the benchmarks: on top of everything."""

    name = "demo"
    verbose_name = _("Demo world")
