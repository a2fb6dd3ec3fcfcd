from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplaceConfig(AppConfig):
    name = "sousei.workplace"
    label = "workplace"
    verbose_name = _("Workplace")

    def ready(self) -> None:
        from sousei.core.domain_events import domain_event_subscribe
        from sousei.workplace import (
            audit_labels,
            audit_labels_chat,
            notifications,
            notifications_chat,
            panels,
        )
        from sousei.workplace.services import membership, onboarding

        audit_labels.register()
        notifications.register()
        audit_labels_chat.register()
        notifications_chat.register()
        panels.register()
        # A participant who joins a project joins its team; a hire joins the consulting team.
        # Then their onboarding starts (after, so it knows their manager).
        domain_event_subscribe("assignment.started", membership.on_assignment_started)
        domain_event_subscribe("employee.created", membership.on_employee_created)
        domain_event_subscribe("employee.created", onboarding.on_employee_created)
        domain_event_subscribe("assignment.started", onboarding.on_assignment_started)
