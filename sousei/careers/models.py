"""Evaluations (評価) of finished assignments and participants' career outcomes (進路).

An evaluation rates the skills a project used (1–4) and recommends a next step; a rating above
the participant's current level raises their skill profile (training.ParticipantSkill), never
lowers it. A career outcome is dated history: each change is a new row and the latest one
(`current`) is the participant's outcome now.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned
from sousei.people.models import Participant
from sousei.projects.models import Assignment
from sousei.training.models import Skill

RATINGS = [MinValueValidator(1), MaxValueValidator(4)]


class Recommendation(models.TextChoices):
    CONTINUE_PROJECTS = "continue_projects", _("Continue on projects")
    FULLTIME_CONVERSION = "fulltime_conversion", _("Try for full-time conversion")
    INDEPENDENT = "independent", _("Go independent")
    MORE_TRAINING = "more_training", _("More training first")


class EvaluatorRole(models.TextChoices):
    CLIENT = "client", _("Client")
    OPERATOR = "operator", _("Operator")


class Evaluation(RegionOwned):
    """How a participant did on one assignment, written by the project's client or an operator
    once the assignment has ended (one per assignment)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="evaluations")
    # Copied from the assignment so the averages per person are one indexed read.
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="evaluations"
    )
    recommendation = models.CharField(
        _("recommended next step"), max_length=20, choices=Recommendation.choices
    )
    comment = models.TextField(_("overall comment"), blank=True)
    evaluator_role = models.CharField(
        _("evaluated as"), max_length=10, choices=EvaluatorRole.choices
    )
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    evaluated_at = clock.DateTimeField(_("evaluated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_at", "-id"]
        indexes = [models.Index(fields=["region", "participant"])]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "assignment"], name="evaluation_one_per_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"evaluation of assignment {self.assignment_id}"


class EvaluationSkill(RegionOwned):
    """One skill's rating in an evaluation, with the participant's level before and after it
    (level_after > level_before when this rating raised the profile)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=RATINGS)
    note = models.CharField(_("note"), max_length=500, blank=True)
    level_before = models.PositiveSmallIntegerField(_("level before"), default=0)
    level_after = models.PositiveSmallIntegerField(_("level after"), default=0)

    class Meta:
        verbose_name = _("skill rating")
        verbose_name_plural = _("skill ratings")
        ordering = ["evaluation", "skill__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "evaluation", "skill"], name="evaluation_skill_unique"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=4), name="evaluation_rating_1_to_4"
            ),
        ]

    @property
    def raised(self) -> bool:
        return self.level_after > self.level_before


class OutcomeKind(models.TextChoices):
    CONTINUE_PROJECTS = "continue_projects", _("Continuing on projects")
    FULLTIME_CONVERSION = "fulltime_conversion", _("Full-time conversion")
    INDEPENDENT = "independent", _("Independent (sole proprietor)")
    EMPLOYED_ELSEWHERE = "employed_elsewhere", _("Employed elsewhere")
    LEFT_PROGRAM = "left_program", _("Left the program")


class ConversionStep(models.TextChoices):
    """The full-time conversion workflow: applied → interviewed → offered → hired or declined."""

    APPLIED = "applied", pgettext_lazy("conversion", "Applied")
    INTERVIEWED = "interviewed", pgettext_lazy("conversion", "Interviewed")
    OFFERED = "offered", pgettext_lazy("conversion", "Offered")
    HIRED = "hired", pgettext_lazy("conversion", "Hired")
    DECLINED = "declined", pgettext_lazy("conversion", "Declined")


class CareerOutcome(RegionOwned):
    """A participant's career outcome from a date on. Never edited: a change is a new row and
    the previous one stops being `current`.

    A full-time conversion row carries the dates of every step reached so far; an
    independent's row the business start and the 開業届 (opening notice, 所得税法 第229条)
    filing date when known."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="career_outcomes"
    )
    kind = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    effective_on = models.DateField(_("from"))
    current = models.BooleanField(_("current"), default=True)
    # Full-time conversion.
    step = models.CharField(
        _("conversion step"), max_length=12, choices=ConversionStep.choices, blank=True
    )
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    interviewed_on = models.DateField(_("interviewed on"), null=True, blank=True)
    offered_on = models.DateField(_("offered on"), null=True, blank=True)
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    declined_on = models.DateField(_("declined on"), null=True, blank=True)
    # Conversion or employment elsewhere: with whom.
    employer = models.CharField(_("employer"), max_length=120, blank=True)
    # Independent.
    business_started_on = models.DateField(_("business start date"), null=True, blank=True)
    opening_notice_filed_on = models.DateField(
        _("opening notice (開業届) filed on"), null=True, blank=True
    )
    # Whether the job is covered by employment insurance (雇用保険の適用, 雇用保険法 第4条・
    # 第6条): the MHLW employment rate of training counts only covered jobs. Empty when not
    # known; never for an independent (a sole proprietor is not an insured employee).
    employment_insured = models.BooleanField(
        _("covered by employment insurance"), null=True, blank=True
    )
    # Where the person lives now.
    lives_in_region = models.BooleanField(_("lives in the region"))
    municipality_code = models.CharField(_("municipality code"), max_length=5, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = clock.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("career outcome")
        verbose_name_plural = _("career outcomes")
        ordering = ["participant", "-effective_on", "-id"]
        indexes = [
            models.Index(fields=["region", "participant", "effective_on"]),
            models.Index(
                fields=["region", "kind"], condition=Q(current=True), name="outcome_current_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "participant"],
                condition=Q(current=True),
                name="outcome_one_current_per_participant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.kind} from {self.effective_on}"

    def step_dates(self) -> list[tuple[str, Any, dt.date]]:
        """(step, label, date) of the conversion steps reached, in workflow order."""
        return [
            (step.value, step.label, getattr(self, f"{step.value}_on"))
            for step in ConversionStep
            if getattr(self, f"{step.value}_on") is not None
        ]
