from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplaceConfig(AppConfig):
    name = "sousei.workplace"
    label = "workplace"
    verbose_name = _("Workplace")

    def ready(self) -> None:
        from sousei.core.domain_events import domain_event_subscribe
        from sousei.workplace import audit_labels, notifications, panels
        from sousei.workplace.services import onboarding

        audit_labels.register()
        notifications.register()
        panels.register()
        domain_event_subscribe("employee.created", onboarding.on_employee_created)
        domain_event_subscribe("assignment.started", onboarding.on_assignment_started)
