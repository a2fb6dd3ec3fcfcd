"""What projects' audit action codes mean to a reader (registered from ProjectsConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

PROJECT_LABELS = {
    "project.create": _("Project created"),
    "project.status": _("Project status changed"),
    "assignment.create": _("Assigned to a project"),
    "assignment.rate": _("Hourly rate changed"),
    "assignment.end": _("Assignment ended"),
    "proposal.create": _("Staffing proposal made"),
    "proposal.accept": _("Staffing proposal accepted"),
}


def register() -> None:
    action_labels_register(PROJECT_LABELS)
