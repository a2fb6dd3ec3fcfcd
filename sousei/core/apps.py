from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sousei.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Registers the startup checks (the SECRET_KEY one).
        from sousei.core import (
            checks,  # noqa: F401
            signins,
        )
        from sousei.core.outbox import panels
        from sousei.core.services import register_kinds

        register_kinds()
        panels.register()
        signins.connect()
