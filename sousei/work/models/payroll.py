"""Pay runs (給与計算): one per region and month, a pay statement (給与明細) per assignment and
the statement's lines, each one checkable by hand (kind, minutes, rate, multiplier, amount).

A run is first a draft (computed, reviewable, recomputed when run again) and then completed
(確定): the time records it paid are locked, and running the month again returns it as it is.
Corrections approved after a month was completed are paid in a later month's run as
adjustment lines (`adjusts_month`). Statements are kept as the wage ledger (労働基準法
第108条 賃金台帳, 第109条 records kept)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.scoping import RegionOwned
from sousei.people.models import Participant
from sousei.projects.models import Assignment


class PayRunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not yet final)")
    COMPLETED = "completed", _("Completed (final)")


class PayRun(RegionOwned):
    """The region's pay calculation for one month (`month` is its first day)."""

    month = models.DateField(_("month"))
    status = models.CharField(
        _("status"), max_length=10, choices=PayRunStatus.choices, default=PayRunStatus.DRAFT
    )
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    statement_count = models.PositiveIntegerField(_("statements"), default=0)
    gross_total_jpy = models.BigIntegerField(_("gross total (yen)"), default=0)
    records_paid = models.PositiveIntegerField(_("time records paid"), default=0)
    records_left_out = models.PositiveIntegerField(_("time records not approved"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    compute_ms = models.PositiveIntegerField(_("computation time (ms)"), default=0)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pay run")
        verbose_name_plural = _("pay runs")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["region", "month"], name="pay_run_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.status}"

    @property
    def completed(self) -> bool:
        return self.status == PayRunStatus.COMPLETED


class PayStatement(RegionOwned):
    """The gross pay of one assignment for one month, with its lines.

    `gross_jpy` is the sum of the lines' amounts (each rounded once); `adjustment_jpy` is the
    part of it that corrects earlier months."""

    pay_run = models.ForeignKey(PayRun, on_delete=models.CASCADE, related_name="statements")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="pay_statements"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="pay_statements"
    )
    month = models.DateField(_("month"))
    gross_jpy = models.IntegerField(_("gross pay (yen)"))
    adjustment_jpy = models.IntegerField(_("corrections of earlier months (yen)"), default=0)
    worked_minutes = models.PositiveIntegerField(_("minutes worked"))
    overtime_minutes = models.PositiveIntegerField(_("overtime minutes"))
    late_night_minutes = models.PositiveIntegerField(_("late-night minutes"), default=0)
    holiday_minutes = models.PositiveIntegerField(_("day-off minutes"), default=0)
    days_worked = models.PositiveSmallIntegerField(_("days worked"), default=0)

    class Meta:
        verbose_name = _("pay statement")
        verbose_name_plural = _("pay statements")
        indexes = [models.Index(fields=["region", "participant", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "pay_run", "assignment"], name="pay_statement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.assignment_id} ¥{self.gross_jpy:,}"


class LineKind(models.TextChoices):
    REGULAR = "regular", _("Regular hours")
    LATE_NIGHT = "late_night", _("Late night (22:00–5:00)")
    OVERTIME = "overtime", _("Overtime")
    LATE_NIGHT_OVERTIME = "late_night_overtime", _("Overtime, late night")
    OVERTIME_OVER_60H = "overtime_over_60h", _("Overtime beyond 60 h in the month")
    LATE_NIGHT_OVERTIME_OVER_60H = (
        "late_night_overtime_over_60h",
        _("Overtime beyond 60 h in the month, late night"),
    )
    HOLIDAY = "holiday", _("Work on the statutory day off")
    LATE_NIGHT_HOLIDAY = "late_night_holiday", _("Work on the statutory day off, late night")


class PayLine(RegionOwned):
    """minutes × rate × multiplier / 60, rounded half up once: one line of a statement.

    An adjustment line (`adjusts_month` set) carries the difference between what a corrected
    earlier month comes to now and what was paid for it; its minutes and amount may be
    negative."""

    statement = models.ForeignKey(PayStatement, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("kind"), max_length=30, choices=LineKind.choices)
    minutes = models.IntegerField(_("minutes"))
    rate_jpy = models.PositiveIntegerField(_("hourly rate (yen)"))
    multiplier = models.DecimalField(_("multiplier"), max_digits=4, decimal_places=2)
    amount_jpy = models.IntegerField(_("amount (yen)"))
    order = models.PositiveSmallIntegerField(_("order"))
    adjusts_month = models.DateField(_("corrects the month"), null=True, blank=True)

    class Meta:
        verbose_name = _("pay statement line")
        verbose_name_plural = _("pay statement lines")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.kind} {self.minutes} min × ¥{self.rate_jpy} × {self.multiplier}"
