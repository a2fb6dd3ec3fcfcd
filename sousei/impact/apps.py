from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "sousei.impact"
    label = "impact"
    verbose_name = _("Impact")

    def ready(self) -> None:
        from sousei.impact import audit_labels, notifications, panels

        audit_labels.register()
        notifications.register()
        panels.register()
