"""The impact of the program: one outcome record per person, residence checks (定住確認),
KPI targets per fiscal year and each region's grading thresholds.

`OutcomeRecord` is a materialised, indexed table kept by `services.outcome_record_refresh`
from the records that ran the program (application, enrolments, certificates, assignments,
pay statements, career outcomes, the hire, the residence checks); it is never typed by
anyone. Why a table rather than figures computed on every read: docs/impact.md, "Where the
figures come from".
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class Track(models.TextChoices):
    PROGRAM = "program", _("Digital-talent program")
    HIRE = "hire", _("Location-free hire")


class LeftEarlyReason(models.TextChoices):
    JOB = "job", _("To take a job")
    OTHER = "other", _("Other reasons")


class OutcomeRecord(RegionOwned):
    """One person's way through the program (or one location-free hire), with the dates,
    incomes and residence answers the indicators are computed from.

    `source_id` is the application's id (track "program": every participant has one, and an
    applicant who was not accepted still counts in the funnel) or the employee's (track
    "hire"). Rebuilt from the sources by `outcome_record_refresh`; the same sources give the
    same row."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    track = models.CharField(_("track"), max_length=10, choices=Track.choices)
    source_id = models.BigIntegerField(_("application or employee id"))
    participant_id = models.BigIntegerField(_("participant id"), null=True, blank=True)
    # Dates of the way through.
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), default=False)
    enrolled_on = models.DateField(_("first enrolment on"), null=True, blank=True)
    enrolments = models.PositiveSmallIntegerField(_("enrolments"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    left_early_on = models.DateField(_("left training early on"), null=True, blank=True)
    left_early_reason = models.CharField(
        _("why they left early"), max_length=10, choices=LeftEarlyReason.choices, blank=True
    )
    first_paid_on = models.DateField(_("first paid day"), null=True, blank=True)
    last_paid_on = models.DateField(_("last paid day"), null=True, blank=True)
    outcome_kind = models.CharField(_("outcome"), max_length=20, blank=True)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    employed_on = models.DateField(_("in work from"), null=True, blank=True)
    insured_employed_on = models.DateField(
        _("in a job covered by employment insurance from"), null=True, blank=True
    )
    employment_insured = models.BooleanField(
        _("covered by employment insurance"), null=True, blank=True
    )
    age_at_completion = models.PositiveSmallIntegerField(
        _("age at the end of training"), null=True, blank=True
    )
    # Incomes, in yen a month.
    baseline_monthly_income_jpy = models.PositiveIntegerField(
        _("monthly income before (yen)"), null=True, blank=True
    )
    monthly_earnings_jpy = models.PositiveIntegerField(
        _("median monthly pay from statements (yen)"), null=True, blank=True
    )
    earnings_after_monthly_jpy = models.PositiveIntegerField(
        _("monthly earnings after the outcome (yen)"), null=True, blank=True
    )
    # {"2026-04": 123456, ...}: gross pay per month from pay statements.
    earnings_by_month = models.JSONField(_("pay per month"), default=dict, blank=True)
    # [["2026-04-01", "2026-06-30" | null], ...]: spells of paid work.
    employment = models.JSONField(_("spells of paid work"), default=list, blank=True)
    credential_on = models.DateField(_("first certificate on"), null=True, blank=True)
    skill_gains = models.JSONField(_("dates of skill gains"), default=list, blank=True)
    # Residence.
    lives_in_region = models.BooleanField(_("lives in the region"), null=True, blank=True)
    asked_6m_on = models.DateField(_("asked at 6 months on"), null=True, blank=True)
    staying_6m = models.BooleanField(_("still in the region at 6 months"), null=True, blank=True)
    income_6m_jpy = models.PositiveIntegerField(
        _("monthly income reported at 6 months (yen)"), null=True, blank=True
    )
    asked_12m_on = models.DateField(_("asked at 12 months on"), null=True, blank=True)
    staying_12m = models.BooleanField(_("still in the region at 12 months"), null=True, blank=True)
    income_12m_jpy = models.PositiveIntegerField(
        _("monthly income reported at 12 months (yen)"), null=True, blank=True
    )
    # Location-free hires.
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    days_to_hire = models.PositiveIntegerField(_("days from application to hire"), null=True)
    source_event_id = models.BigIntegerField(_("event the hire came through"), null=True)
    refreshed_at = clock.DateTimeField(_("refreshed at"), auto_now=True)

    class Meta:
        verbose_name = _("outcome record")
        verbose_name_plural = _("outcome records")
        ordering = ["track", "source_id"]
        indexes = [
            models.Index(fields=["region", "applied_on"], name="outcome_record_applied_idx"),
            models.Index(fields=["region", "person"], name="outcome_record_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "track", "source_id"], name="outcome_record_one_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.track} {self.source_id}"


class CheckAnswerVia(models.TextChoices):
    LINK = "link", _("The person, by the link")
    OPERATOR = "operator", _("An operator")


class ResidenceCheck(RegionOwned):
    """定住確認: at 6 or 12 months after a person's outcome (or hire), whether they still live
    in the region and, for independents, their monthly income. Asked by the scheduled job
    through a notification with a one-click link, or recorded by an operator."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    track = models.CharField(_("track"), max_length=10, choices=Track.choices)
    source_id = models.BigIntegerField(_("application or employee id"))
    months = models.PositiveSmallIntegerField(
        _("months after the outcome"), choices=[(6, "6"), (12, "12")]
    )
    due_on = models.DateField(_("due on"))
    asks_income = models.BooleanField(_("asks the monthly income"), default=False)
    asked_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_via = models.CharField(
        _("answered by"), max_length=10, choices=CheckAnswerVia.choices, blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lives_in_region = models.BooleanField(_("still lives in the region"), null=True, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=5, blank=True)
    monthly_income_jpy = models.PositiveIntegerField(
        _("monthly income (yen)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000_000)],
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("residence check")
        verbose_name_plural = _("residence checks")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["region", "due_on"],
                condition=Q(asked_at__isnull=True, answered_at__isnull=True),
                name="residence_check_due_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "track", "source_id", "months"],
                name="residence_check_one_per_milestone",
            ),
            models.CheckConstraint(condition=Q(months__in=(6, 12)), name="residence_check_6_or_12"),
        ]

    def __str__(self) -> str:
        return f"{self.track} {self.source_id} at {self.months} months"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


class KpiCode(models.TextChoices):
    """The figures a target can be set for, each an indicator of docs/impact.md."""

    COMPLETERS = "completers", _("研修修了者数 (people who completed training)")
    PLACED = "placed", _("People placed on paid work")
    EMPLOYMENT_RATE = "employment_rate_mhlw", _("就職率 (MHLW definition, %)")
    INCOME_CHANGE = "income_change_median", _("所得増加額 (median, yen a month)")
    RETENTION_6M = "retention_6m", _("定住率 at 6 months (%)")
    RETENTION_12M = "retention_12m", _("定住率 at 12 months (%)")
    HIRES = "hires", _("Location-free hires")
    HIRES_IN_REGION = "hires_in_region", _("Location-free hires living in the region")
    WAGES_PAID = "wages_paid_in_region", _("Wages paid to residents (yen)")


class KpiTarget(RegionOwned):
    """A region's target for one figure in one fiscal year (April–March). A year's targets
    stay as they were set; changing one is audited with the old and the new value."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    code = models.CharField(_("indicator"), max_length=30, choices=KpiCode.choices)
    target = models.BigIntegerField(_("target"), validators=[MinValueValidator(0)])
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    set_at = clock.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["fiscal_year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "fiscal_year", "code"], name="kpi_target_one_per_year_and_code"
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.code}: {self.target}"


class GradeRule(RegionOwned):
    """How a region grades its KPIs: ◎ at `achieved_percent` of the target or more, ○ at
    `good_percent` or more, △ below that with some progress, × with none."""

    achieved_percent = models.PositiveSmallIntegerField(
        _("◎ from (per cent of the target)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    good_percent = models.PositiveSmallIntegerField(
        _("○ from (per cent of the target)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    set_at = clock.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("grading rule")
        verbose_name_plural = _("grading rules")
        constraints = [
            models.UniqueConstraint(fields=["region"], name="grade_rule_one_per_region"),
            models.CheckConstraint(
                condition=Q(good_percent__lt=models.F("achieved_percent")),
                name="grade_rule_good_below_achieved",
            ),
        ]

    def __str__(self) -> str:
        return f"◎ {self.achieved_percent}% ○ {self.good_percent}%"


class RefreshMark(RegionOwned):
    """How far the outcome records of a region have followed the audit log: the id of the
    last audit entry whose change they reflect (services.outcome_records_catch_up)."""

    last_audit_id = models.BigIntegerField(_("last audit entry followed"), default=0)
    refreshed_at = clock.DateTimeField(_("refreshed at"), auto_now=True)

    class Meta:
        verbose_name = _("outcome records refresh mark")
        verbose_name_plural = _("outcome records refresh marks")
        constraints = [
            models.UniqueConstraint(fields=["region"], name="refresh_mark_one_per_region")
        ]

    def __str__(self) -> str:
        return f"audit ≤ {self.last_audit_id}"


class EarlyLeaving(RegionOwned):
    """Why a participant left training early, as an operator recorded it (就職理由退校 or not).
    Without one, the outcome record infers it from a job starting soon after (docs/impact.md);
    with one, the operator's answer counts."""

    application = models.OneToOneField(
        "people.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("application"),
    )
    reason = models.CharField(
        _("why they left early"), max_length=10, choices=LeftEarlyReason.choices
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = clock.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("reason for leaving early")
        verbose_name_plural = _("reasons for leaving early")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reason}"


class RegionFigures(RegionOwned):
    """The summary's figures of one fiscal year, kept with the outcome records (each figure's
    value, the people behind it and its kind), so a comparison of many regions reads one row
    per region instead of every person's record. Suppression is applied when read."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    # {"funnel.placed": [value, people, kind], ...}
    cells = models.JSONField(_("figures"), default=dict)
    computed_at = clock.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("region figures")
        verbose_name_plural = _("region figures")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "fiscal_year"], name="region_figures_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year}"


class BenchmarkOptIn(RegionOwned):
    """Whether the region's municipality compares its figures with other regions that opted in
    too (operators across regions and the program's owner compare regardless)."""

    opted_in = models.BooleanField(_("takes part in benchmarking"), default=False)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    set_at = clock.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("benchmarking choice")
        verbose_name_plural = _("benchmarking choices")
        constraints = [
            models.UniqueConstraint(fields=["region"], name="benchmark_opt_in_one_per_region")
        ]

    def __str__(self) -> str:
        return f"benchmarking {'on' if self.opted_in else 'off'}"
