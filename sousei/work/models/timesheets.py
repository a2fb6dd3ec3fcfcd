"""Time records (勤怠): the days a participant worked on an assignment, their breaks, and the
weekly submission that the client or the operator approves or returns.

A record belongs to its work date (the start's date; a shift may end after midnight). Once a
pay run that paid a record is completed the record is locked: a correction is a new adjusting
record (`adjusts` → the original, which is marked `superseded`), never an edit. These rows are
the wage ledger's hours (労働基準法 第108条 賃金台帳) and are kept, never deleted once paid.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned
from sousei.people.models import Participant
from sousei.projects.models import Assignment


class RecordStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("time record", "Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class TimeRecord(RegionOwned):
    """One work day of an assignment: start and end (aware), breaks, and where it stands.

    `participant` repeats the assignment's person so that overlaps across all of a person's
    assignments are one indexed query. `week_start` is the first day of the region's pay week
    containing `date`. `paid_in` is the pay run that pays the record (set by a draft run,
    `locked` once the run is completed)."""

    # The composite indexes below serve every read; single-column FK indexes would only slow
    # the pay run's mass UPDATE of paid_in (which, unindexed, PostgreSQL can do in place).
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="time_records", db_index=False
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    date = models.DateField(_("work date"))
    week_start = models.DateField(_("week from"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    worked_minutes = models.PositiveIntegerField(_("minutes worked"))
    break_minutes = models.PositiveIntegerField(_("break minutes"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_index=False,
    )
    is_adjustment = models.BooleanField(_("adjusting record"), default=False)
    adjusts = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
        verbose_name=_("corrects"),
        db_index=False,
    )
    superseded = models.BooleanField(_("replaced by a correction"), default=False)
    paid_in = models.ForeignKey(
        "work.PayRun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    locked = models.BooleanField(_("locked (paid)"), default=False)
    created_at = clock.DateTimeField(auto_now_add=True)
    updated_at = clock.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("time record")
        verbose_name_plural = _("time records")
        indexes = [
            models.Index(fields=["region", "assignment", "date"]),
            models.Index(fields=["region", "participant", "start"]),
            models.Index(fields=["region", "date", "status"]),
            models.Index(fields=["region", "assignment", "week_start"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="time_record_end_after")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.assignment_id}"


class TimeBreak(RegionOwned):
    """A break inside a time record (休憩), start to end."""

    record = models.ForeignKey(TimeRecord, on_delete=models.CASCADE, related_name="breaks")
    start = models.DateTimeField(_("break start"))
    end = models.DateTimeField(_("break end"))

    class Meta:
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="time_break_end_after")
        ]


class WeekStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class WeekReview(RegionOwned):
    """A participant's week of one assignment, submitted for approval; the client of the
    project or the operator approves it or returns it with a comment. A returned week is
    editable again and submitted anew (the same row; the audit trail keeps each step)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="weeks")
    week_start = models.DateField(_("week from"))
    status = models.CharField(_("status"), max_length=10, choices=WeekStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("week of time records")
        verbose_name_plural = _("weeks of time records")
        indexes = [models.Index(fields=["region", "status", "week_start"])]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "assignment", "week_start"], name="week_review_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.week_start} {self.status}"
