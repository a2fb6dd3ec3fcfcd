from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "sousei.work"
    label = "work"
    verbose_name = _("Work and pay")

    def ready(self) -> None:
        from sousei.work import audit_labels, notifications, panels

        audit_labels.register()
        notifications.register()
        panels.register()
