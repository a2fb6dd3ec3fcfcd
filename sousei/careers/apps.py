from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "sousei.careers"
    label = "careers"
    verbose_name = _("Careers")

    def ready(self) -> None:
        from sousei.careers import audit_labels, panels

        audit_labels.register()
        panels.register()
