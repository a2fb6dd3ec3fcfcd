from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "sousei.people"
    label = "people"
    verbose_name = _("People and intake")

    def ready(self) -> None:
        from sousei.core.audit import action_labels_register
        from sousei.people import notifications, panels

        notifications.register()
        panels.register()

        action_labels_register(
            {
                "person.create": _("Person recorded"),
                "person.update": _("Person's details changed"),
                "application.submit": _("Application submitted"),
                "application.accept": _("Accepted"),
                "application.reject": _("Rejected"),
                "application.waitlist": _("Waitlisted"),
                "application.export": _("Applications exported as CSV"),
            }
        )
