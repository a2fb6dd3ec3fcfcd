from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "sousei.projects"
    label = "projects"
    verbose_name = _("Client projects")

    def ready(self) -> None:
        # Each app registers its audit labels and dashboard panels here, one line each.
        from sousei.projects import audit_labels, notifications, panels

        audit_labels.register()
        notifications.register()
        panels.register()
