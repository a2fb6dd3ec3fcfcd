from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "sousei.spaces"
    label = "spaces"
    verbose_name = _("Spaces")

    def ready(self) -> None:
        from sousei.spaces import audit_labels, notifications, panels

        audit_labels.register()
        notifications.register()
        panels.register()
