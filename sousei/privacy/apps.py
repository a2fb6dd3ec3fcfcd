from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "sousei.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from sousei.privacy import audit_labels
        from sousei.privacy.breach import notifications, panels

        audit_labels.register()
        notifications.register()
        panels.register()
