from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "sousei.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from sousei.training import audit_labels, live_notifications, notifications, panels

        audit_labels.register()
        panels.register()
        notifications.register()
        live_notifications.register()
