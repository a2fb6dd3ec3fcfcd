"""Client projects (案件), what they need, who is proposed for them and who works on them (参画)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.models import Organization
from sousei.core.scoping import RegionOwned
from sousei.people.models import Participant
from sousei.training.models import Skill, ToolProduct

LEVELS = [MinValueValidator(1), MaxValueValidator(4)]


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for staffing")
    STAFFED = "staffed", _("Staffed")
    CLOSED = "closed", _("Closed")


class Place(models.TextChoices):
    REMOTE = "remote", _("Remote")
    SPACE = "space", _("At the region's shared office")


class ClientProject(RegionOwned):
    """Paid work for a client company that the operator staffs with participants.

    The hourly rate is at least the prefecture's minimum wage in force on the start date
    (checked by `project_create`); each assignment carries its own dated rates.
    """

    client = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("client")
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    tools = models.ManyToManyField(
        ToolProduct, related_name="+", blank=True, verbose_name=_("tools")
    )
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=10, choices=Place.choices, default=Place.REMOTE)
    place_note = models.CharField(_("place details"), max_length=120, blank=True)
    hourly_rate_jpy = models.PositiveIntegerField(_("hourly rate (yen)"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("client project")
        verbose_name_plural = _("client projects")
        indexes = [models.Index(fields=["region", "status", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="project_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_status(self) -> str:
        """The status people read, which follows the dates: an open or staffed project whose
        end date has passed has ended, whatever was last saved."""
        live = self.status in (ProjectStatus.OPEN, ProjectStatus.STAFFED)
        if live and self.ends_on < clock.today():
            return ProjectStatus.CLOSED
        return self.status

    def get_shown_status_display(self) -> str:
        return str(ProjectStatus(self.shown_status).label)


class ProjectSkill(RegionOwned):
    """A skill a project asks for, at a minimum level; required or nice to have."""

    project = models.ForeignKey(ClientProject, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    min_level = models.PositiveSmallIntegerField(_("minimum level"), validators=LEVELS)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("project skill")
        verbose_name_plural = _("project skills")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "project", "skill"], name="project_skill_unique"
            )
        ]


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Working")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class Assignment(RegionOwned):
    """A participant on a project (参画). Pay starts on `starts_on`; the rate in force on a
    day is the latest `AssignmentRate` from on or before it."""

    project = models.ForeignKey(ClientProject, on_delete=models.PROTECT, related_name="assignments")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="assignments"
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ACTIVE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            models.Index(fields=["region", "participant", "status"]),
            models.Index(fields=["region", "project", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
            ),
            # One live assignment per person and project; a person may hold several projects.
            models.UniqueConstraint(
                fields=["region", "project", "participant"],
                condition=Q(status="active"),
                name="assignment_one_active_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.project_id}"

    @property
    def shown_status(self) -> str:
        """The status people read, which follows the dates: an active assignment is upcoming
        before its start date and has ended after its end date."""
        if self.status == AssignmentStatus.ACTIVE:
            today = clock.today()
            if today < self.starts_on:
                return "upcoming"
            if today > self.ends_on:
                return AssignmentStatus.ENDED
        return self.status

    def get_shown_status_display(self) -> str:
        if self.shown_status == "upcoming":
            return str(_("Not started yet"))
        return str(AssignmentStatus(self.shown_status).label)


class AssignmentRate(RegionOwned):
    """The hourly rate of an assignment from a date on (a raise is a new row, never an edit)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="rates")
    effective_from = models.DateField(_("from"))
    hourly_rate_jpy = models.PositiveIntegerField(_("hourly rate (yen)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment rate")
        verbose_name_plural = _("assignment rates")
        ordering = ["effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "assignment", "effective_from"], name="assignment_rate_unique"
            )
        ]


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    SUPERSEDED = "superseded", _("Superseded")


class AssignmentProposal(RegionOwned):
    """The solver's optimal staffing of all open projects at one moment, for the operator to
    accept in whole or in part."""

    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    total_score = models.PositiveIntegerField(_("total fit"))
    project_count = models.PositiveIntegerField(_("projects"))
    candidate_count = models.PositiveIntegerField(_("people considered"))
    unassigned = models.JSONField(_("people left unassigned"), default=list)
    solve_ms = models.PositiveIntegerField(_("solver time (ms)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment proposal")
        verbose_name_plural = _("assignment proposals")


class ProposalPair(RegionOwned):
    """One proposed person × project with the score and reasons behind it."""

    proposal = models.ForeignKey(AssignmentProposal, on_delete=models.CASCADE, related_name="pairs")
    project = models.ForeignKey(ClientProject, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveIntegerField(_("fit"))
    reasons = models.JSONField(_("reasons"), default=list)
    assignment = models.OneToOneField(
        Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("proposed pair")
        verbose_name_plural = _("proposed pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "proposal", "participant"], name="proposal_pair_person_unique"
            )
        ]
