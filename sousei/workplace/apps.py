from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplaceConfig(AppConfig):
    name = "sousei.workplace"
    label = "workplace"
    verbose_name = _("Workplace")

    def ready(self) -> None:
        from sousei.workplace import audit_labels_chat, notifications

        audit_labels_chat.register()
        notifications.register()
