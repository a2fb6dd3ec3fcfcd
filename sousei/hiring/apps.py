from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HiringConfig(AppConfig):
    name = "sousei.hiring"
    label = "hiring"
    verbose_name = _("Hiring")

    def ready(self) -> None:
        from sousei.hiring import audit_labels, mail, notifications, panels

        audit_labels.register()
        mail.register()
        notifications.register()
        panels.register()
