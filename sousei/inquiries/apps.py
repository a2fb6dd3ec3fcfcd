from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "sousei.inquiries"
    label = "inquiries"
    verbose_name = _("Inquiries")

    def ready(self) -> None:
        from sousei.inquiries import audit_labels, notifications, panels

        audit_labels.register()
        notifications.register()
        panels.register()
