from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sousei.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from sousei.events import audit_labels, mail, panels

        audit_labels.register()
        mail.register()
        panels.register()
