"""Location-free hiring (ATS): job openings with their own pipeline stages, candidacies
moving through them (every move recorded), interviews with per-interviewer scorecards,
offers approved by an operator and answered by the candidate, and the employee record a
hire creates. Candidacies carry the milestones the funnel counts (see selectors/funnel)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time employee")
    CONTRACT = "contract", _("Contract employee")
    PART_TIME = "part_time", _("Part-time")
    FREELANCE = "freelance", _("Freelance contract")


class WorkStyle(models.TextChoices):
    LOCATION_FREE = "location_free", _("Location-free (work from where you live)")
    HYBRID = "hybrid", _("Hybrid (some days at the shared office)")
    ON_SITE = "on_site", _("On site")


class OpeningStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("opening", "Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


# Stage codes. An opening's pipeline is a list of codes that starts with "applied" and ends
# with "offer", "hired"; the stages between are the opening's own (custom names allowed).
APPLIED = "applied"
OFFER = "offer"
HIRED = "hired"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
EXIT_STAGES = (REJECTED, WITHDRAWN)
DEFAULT_STAGES = [APPLIED, "screening", "interview_1", "interview_2", OFFER, HIRED]

STAGE_LABELS = {
    APPLIED: _("Applied"),
    "screening": _("Screening"),
    "interview_1": _("First interview"),
    "interview_2": _("Second interview"),
    "interview_3": _("Final interview"),
    "assignment": _("Work sample"),
    OFFER: pgettext_lazy("stage", "Offer"),
    HIRED: _("Hired"),
    REJECTED: pgettext_lazy("stage", "Rejected"),
    WITHDRAWN: pgettext_lazy("stage", "Withdrawn"),
}


def stage_label(code: str) -> str:
    """The stage's name for people: a known code translated, a custom stage as named."""
    label = STAGE_LABELS.get(code)
    return str(label) if label is not None else code


def stage_label_lazy(code: str) -> str:
    """stage_label rendered when read, in the reader's language (for error messages)."""
    return lazy(lambda: stage_label(code), str)()


def default_stages() -> list[str]:
    return list(DEFAULT_STAGES)


class JobOpening(RegionOwned):
    """A position an employer of the region hires for: the operator or any other company
    taking part in the region's program. Location-free openings say which region the hire
    lives in; the salary range is annual, in yen."""

    employer = models.ForeignKey(
        "core.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("hiring", "employer"),
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=EmploymentType.choices
    )
    work_style = models.CharField(
        _("work style"), max_length=20, choices=WorkStyle.choices, default=WorkStyle.LOCATION_FREE
    )
    residence_region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region to live in"),
    )
    salary_min_jpy = models.PositiveIntegerField(_("annual salary from (yen)"))
    salary_max_jpy = models.PositiveIntegerField(_("annual salary up to (yen)"))
    working_hours = models.CharField(_("working hours"), max_length=200, blank=True)
    stages = models.JSONField(_("pipeline stages"), default=default_stages)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OpeningStatus.choices,
        default=OpeningStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_max_jpy__gte=models.F("salary_min_jpy")),
                name="job_opening_salary_range_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def stage_choices(self) -> list[tuple[str, str]]:
        return [(code, stage_label(code)) for code in self.stages]


class OpeningSkill(RegionOwned):
    """A skill an opening requires, at a level from 1 (basic) to 4 (expert)."""

    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("training.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("level"), default=2, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        verbose_name = _("required skill")
        verbose_name_plural = _("required skills")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "opening", "skill"], name="opening_skill_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill_id}@{self.level}"


class HeardVia(models.TextChoices):
    EVENT = "event", _("An internship or recruiting event")
    UNIVERSITY = "university", _("My university or school")
    JOB_SITE = "job_site", _("A job site")
    SOCIAL = "social", _("Social media")
    REFERRAL = "referral", _("A friend or acquaintance")
    MUNICIPALITY = "municipality", _("The city's information")
    SEARCH = "search", _("A web search")
    OTHER = "other", _("Other")


class DesiredResidence(models.TextChoices):
    IN_REGION = "in_region", _("In the region of this job")
    CURRENT = "current", _("Where I live now")
    OTHER = "other", _("Somewhere else")


def cv_upload_to(instance: Candidacy, filename: str) -> str:
    """A random name under cv/<region id>/: the upload's own name is never used as a path."""
    return f"cv/{instance.region_id}/{secrets.token_hex(16)}.pdf"


ACTIVE_STAGE_EXCLUDED = (*EXIT_STAGES, HIRED)


class Candidacy(RegionOwned):
    """One candidate's way through one opening's stages.

    The candidate is `person` (people.Person, found by e-mail in the region): names, kana,
    contact and address live there only; a candidate who registered for an event first is
    the same person as that registration's.

    The milestone timestamps (interviewed_at, offered_at, hired_at) and lives_in_region are
    written by the services together with the change they record, so the funnel counts one
    table in one pass (see selectors.funnel)."""

    opening = models.ForeignKey(JobOpening, on_delete=models.PROTECT, related_name="candidacies")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The candidate's account when they applied signed in.",
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("person"),
    )
    language = models.CharField(_("language"), max_length=5, default="ja")
    # Whether the address they gave when applying (kept on the person) lies in the
    # opening's region.
    lives_in_region = models.BooleanField(_("lives in the region"), default=False)
    desired_residence = models.CharField(
        _("where they want to live"),
        max_length=20,
        choices=DesiredResidence.choices,
        default=DesiredResidence.IN_REGION,
    )
    desired_residence_note = models.CharField(
        _("place they want to live"), max_length=80, blank=True
    )
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    heard_via = models.CharField(_("how they heard"), max_length=20, choices=HeardVia.choices)
    motivation = models.TextField(_("motivation"), blank=True)
    cv = models.FileField(_("CV (PDF)"), upload_to=cv_upload_to, max_length=200)
    cv_name = models.CharField(_("CV file name"), max_length=200, blank=True)
    cv_size = models.PositiveIntegerField(_("CV size (bytes)"), default=0)
    consent_wording_version = models.CharField(_("consent wording version"), max_length=20)
    # Linked by the application service when the person registered for an event in the
    # region (the latest registration, preferring attended); source_event is its event, kept here
    # so the funnel per event reads one table.
    source_registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidacies",
        verbose_name=_("came through the registration"),
    )
    source_event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("came through the event"),
    )
    stage = models.CharField(_("stage"), max_length=40, default=APPLIED)
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=clock.now)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    applied_at = models.DateTimeField(_("applied at"), default=clock.now)
    interviewed_at = models.DateTimeField(_("first interview scheduled at"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offer extended at"), null=True, blank=True)
    hired_at = models.DateTimeField(_("hired at"), null=True, blank=True)

    class Meta:
        ordering = ["-applied_at", "-id"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        indexes = [
            # The pipeline: an opening's candidacies per stage, longest waiting first.
            models.Index(
                fields=["region", "opening", "stage", "stage_entered_at"],
                name="candidacy_pipeline_idx",
            ),
            # The funnel's medians read the hires alone (a few % of the applications).
            models.Index(
                fields=["region", "opening", "hired_at", "applied_at"],
                condition=Q(hired_at__isnull=False),
                name="candidacy_hire_idx",
            ),
            models.Index(
                fields=["region", "source_event", "hired_at", "applied_at"],
                condition=Q(hired_at__isnull=False, source_event__isnull=False),
                name="candidacy_hire_event_idx",
            ),
        ]
        constraints = [
            # One open candidacy per person and opening; after an exit they may apply again.
            models.UniqueConstraint(
                fields=["region", "opening", "person"],
                condition=~Q(stage__in=EXIT_STAGES),
                name="candidacy_one_open_per_opening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.opening_id} ({self.stage})"

    @property
    def stage_name(self) -> str:
        return stage_label(self.stage)

    @property
    def is_open(self) -> bool:
        return self.stage not in ACTIVE_STAGE_EXCLUDED


class StageMove(RegionOwned):
    """One move of a candidacy from a stage to another: who, when, and why."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.CharField(_("from"), max_length=40, blank=True)
    to_stage = models.CharField(_("to"), max_length=40)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=clock.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["candidacy", "at", "id"]
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        indexes = [models.Index(fields=["region", "candidacy", "at"], name="stage_move_idx")]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class Interview(RegionOwned):
    """An interview slot of a candidacy, at a place or online, with its interviewers."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="interviews")
    stage = models.CharField(_("stage"), max_length=40)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        indexes = [
            models.Index(fields=["region", "candidacy", "starts_at"], name="interview_cand_idx"),
            # The reminder task: upcoming interviews not reminded yet.
            models.Index(
                fields=["starts_at"],
                condition=Q(reminder_sent_at__isnull=True),
                name="interview_reminder_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="interview_period_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidacy_id} @ {self.starts_at:%Y-%m-%d %H:%M}"


class Interviewer(RegionOwned):
    """A user on an interview's panel."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("interviewer")
        verbose_name_plural = _("interviewers")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "interview", "user"], name="interviewer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.interview_id}"


class Recommendation(models.TextChoices):
    STRONG_YES = "strong_yes", _("Strongly recommend hiring")
    YES = "yes", _("Recommend hiring")
    NO = "no", _("Do not recommend")
    STRONG_NO = "strong_no", _("Strongly against")


# The scorecard's criteria, each scored 1 (weak) to 4 (strong) with a note.
SCORECARD_CRITERIA = {
    "skills": _("Skills for the job"),
    "communication": _("Communication"),
    "motivation": _("Motivation"),
    "remote_work": _("Working remotely on their own"),
}

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class Scorecard(RegionOwned):
    """One interviewer's structured judgement of one interview. Until an interviewer has
    submitted their own, the others' scorecards of that interview stay hidden from them."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skills_score = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    skills_note = models.TextField(blank=True)
    communication_score = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    communication_note = models.TextField(blank=True)
    motivation_score = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    motivation_note = models.TextField(blank=True)
    remote_work_score = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    remote_work_note = models.TextField(blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    summary = models.TextField(_("summary"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=clock.now)

    class Meta:
        ordering = ["interview", "submitted_at", "id"]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "interview", "interviewer"], name="scorecard_one_per_interviewer"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}_score__gte": 1, f"{name}_score__lte": 4}),
                    name=f"scorecard_{name}_score_range",
                )
                for name in SCORECARD_CRITERIA
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interviewer_id} on {self.interview_id}: {self.recommendation}"

    @property
    def criteria(self) -> list[tuple[str, int, str]]:
        """(label, score, note) per criterion, in order."""
        return [
            (str(label), getattr(self, f"{name}_score"), getattr(self, f"{name}_note"))
            for name, label in SCORECARD_CRITERIA.items()
        ]

    @property
    def average(self) -> float:
        scores = [getattr(self, f"{name}_score") for name in SCORECARD_CRITERIA]
        return round(sum(scores) / len(scores), 2)


class OfferStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("offer", "Draft")
    APPROVED = "approved", _("Approved, sent to the candidate")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("offer", "Withdrawn")


OPEN_OFFER_STATUSES = (OfferStatus.DRAFT.value, OfferStatus.APPROVED.value)


def new_offer_link_secret() -> str:
    return secrets.token_urlsafe(24)


class Offer(RegionOwned):
    """The terms offered to a candidate. Drafted by an operator, approved by another
    operator (four eyes), then accepted or declined by the candidate."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.PROTECT, related_name="offers")
    salary_jpy = models.PositiveIntegerField(_("annual salary (yen)"))
    start_date = models.DateField(_("start date"))
    conditions = models.TextField(_("conditions"), blank=True)
    respond_by = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The random half of the candidate's link (hiring/links.py): the signature alone proves
    # only that someone holding the SECRET_KEY made the link, and offer ids are sequential.
    link_secret = models.CharField(max_length=64, default=new_offer_link_secret, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "candidacy"],
                condition=Q(status__in=OPEN_OFFER_STATUSES),
                name="offer_one_open_per_candidacy",
            ),
            models.UniqueConstraint(
                fields=["region", "candidacy"],
                condition=Q(status="accepted"),
                name="offer_one_accepted_per_candidacy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidacy_id}: {self.salary_jpy} ({self.status})"


class Employee(RegionOwned):
    """A hire: the person (people.Person, the candidacy's), where they lived when hired
    (their home region), the opening and the start date — the record onboarding starts
    from."""

    candidacy = models.OneToOneField(Candidacy, on_delete=models.PROTECT, related_name="employee")
    opening = models.ForeignKey(JobOpening, on_delete=models.PROTECT, related_name="employees")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="employments",
        verbose_name=_("person"),
    )
    # Where the hire lived when hired (the municipality of the person's address then): what
    # the region's hiring figures count, even after the person moves.
    home_municipality_code = models.CharField(_("home municipality code"), max_length=5)
    home_region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home region"),
    )
    lives_in_region = models.BooleanField(_("lives in the region"))
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=EmploymentType.choices
    )
    salary_jpy = models.PositiveIntegerField(_("annual salary (yen)"))
    start_date = models.DateField(_("start date"))
    hired_at = models.DateTimeField(_("hired at"), default=clock.now)
    onboarded_at = models.DateTimeField(_("onboarding finished at"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self) -> str:
        return str(self.person)


class FunnelTally(RegionOwned):
    """How many of an opening's applicants (from one event, or event_key 0 for none) reached
    each step of the funnel, and their total time from application to hire.

    Kept by the hiring services in the same transaction as each milestone (application,
    first interview, approved offer, hire), so the funnel of a region with a million
    applications reads a few hundred rows (bench/recruiting_funnel.py).
    `funnel_tally_rebuild` recomputes it from the candidacies."""

    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="+")
    event_key = models.BigIntegerField(default=0, help_text="source event id, 0 for none")
    applicants = models.PositiveIntegerField(default=0)
    interviews = models.PositiveIntegerField(default=0)
    offers = models.PositiveIntegerField(default=0)
    hires = models.PositiveIntegerField(default=0)
    hires_in_region = models.PositiveIntegerField(default=0)
    seconds_to_hire = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("funnel tally")
        verbose_name_plural = _("funnel tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "opening", "event_key"], name="funnel_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.opening_id}/{self.event_key}: {self.applicants}"
