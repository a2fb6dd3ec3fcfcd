"""What hiring's audit action codes mean to a reader (registered from HiringConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register, change_value_labels_register
from sousei.hiring.models import stage_label

HIRING_LABELS = {
    "opening.create": _("Job opening created"),
    "opening.update": _("Job opening updated"),
    "opening.status": _("Job opening status changed"),
    "candidacy.apply": _("Applied for a job"),
    "candidacy.move": _("Candidate moved to another stage"),
    "interview.schedule": _("Interview scheduled"),
    "scorecard.submit": _("Scorecard submitted"),
    "offer.draft": _("Offer drafted"),
    "offer.approve": _("Offer approved"),
    "offer.accept": _("Offer accepted"),
    "offer.decline": _("Offer declined"),
    "employee.create": _("Hired: employee record created"),
    "employee.onboarded": _("Onboarding finished"),
    "candidacy.cv_read": _("CV opened"),
    "funnel.export": _("Recruiting funnel exported as CSV"),
    "candidacy.purge": _("Unsuccessful candidacies deleted after the retention period"),
}


def register() -> None:
    action_labels_register(HIRING_LABELS)
    change_value_labels_register({"stage": stage_label, "stages": stage_label})
