"""What work's audit action codes mean to a reader (registered from WorkConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

PAY_LABELS = {
    "time_record.create": _("Work day recorded"),
    "time_record.delete": _("Work day deleted"),
    "time_record.update": _("Work day changed"),
    "time_record.correct": _("Work day corrected"),
    "week.submit": _("Week submitted"),
    "week.approve": _("Week approved"),
    "week.return": _("Week returned"),
    "pay_run.create": _("Pay run computed"),
    "pay_run.recompute": _("Pay run recomputed"),
    "pay_run.complete": _("Pay run completed"),
    "pay_run.export": _("Pay run exported for payroll"),
}


def register() -> None:
    action_labels_register(PAY_LABELS)
