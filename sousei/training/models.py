"""Courses on partner tools, free licence pools, enrolments with their study plans,
progress, assessments, certificates and the skills a participant has shown."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.models import Organization
from sousei.core.scoping import RegionOwned
from sousei.people.models import Participant


class ToolCategory(models.TextChoices):
    RPA = "rpa", _("RPA")
    NO_CODE = "no_code", _("No-code")
    LOW_CODE = "low_code", _("Low-code")


class ToolProduct(models.Model):
    """A vendor's product that courses teach and licence pools give seats of (UiPath Studio)."""

    vendor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("product"), max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=10, choices=ToolCategory.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tool product")
        verbose_name_plural = _("tool products")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """A skill the matching of projects uses (rpa.uipath, nocode.kintone, …)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    class Meta:
        ordering = ["code"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.code

    @property
    def local_name(self) -> str:
        """The name in the active language (as Region.local_name)."""
        return self.name_en if (get_language() or "ja").startswith("en") else self.name_ja


class Course(RegionOwned):
    """Training on one tool: ordered modules whose minutes add up to the course length."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    product = models.ForeignKey(
        ToolProduct, on_delete=models.PROTECT, related_name="+", verbose_name=_("tool")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title


class CourseTrainer(RegionOwned):
    """A trainer who teaches a course: the course's enrolments are on their list of learners."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="trainers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("course trainer")
        verbose_name_plural = _("course trainers")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "course", "user"], name="course_trainer_unique"
            )
        ]
        indexes = [models.Index(fields=["region", "user"], name="course_trainer_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.course_id}"


class CourseModule(RegionOwned):
    """One unit of a course, in order, with its length and what the learner can do after it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=120)
    minutes = models.PositiveIntegerField(_("minutes"), validators=[MinValueValidator(30)])
    outcome = models.CharField(_("what the learner can do afterwards"), max_length=200, blank=True)

    class Meta:
        ordering = ["course", "position"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "course", "position"], name="course_module_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class CourseSkill(RegionOwned):
    """A skill a course teaches, at a level from 1 (basic) to 4 (expert)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        verbose_name = _("course skill")
        verbose_name_plural = _("course skills")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "course", "skill"], name="course_skill_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill_id}@{self.level}"


class LicencePool(RegionOwned):
    """Seats of one product given free to the region's program for a period."""

    product = models.ForeignKey(ToolProduct, on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    grace_days = models.PositiveSmallIntegerField(_("days a graduate keeps the seat"), default=30)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["product__name", "valid_from"]
        verbose_name = _("licence pool")
        verbose_name_plural = _("licence pools")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="licence_pool_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} ×{self.seats} ({self.valid_from}–{self.valid_to})"


class EnrolmentStatus(models.TextChoices):
    WAITING_LICENCE = "waiting_licence", _("Waiting for a licence")
    ACTIVE = "active", _("Studying")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("enrolment", "Withdrawn")


OPEN_ENROLMENT_STATUSES = (EnrolmentStatus.WAITING_LICENCE.value, EnrolmentStatus.ACTIVE.value)


class Enrolment(RegionOwned):
    """A participant on a course, with the daily hours and study days they chose.

    The current plan's figures are kept here for lists; every plan, the first and each
    replanning, is a PlanRevision (history)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, db_index=True
    )
    start_date = models.DateField(_("start date"))
    daily_minutes = models.PositiveSmallIntegerField(_("minutes per study day"))
    weekdays = models.CharField(_("study weekdays"), max_length=7, default="01234")
    skip_holidays = models.BooleanField(_("skip national holidays"), default=True)
    planned_completion_date = models.DateField(_("planned completion"))
    study_days = models.PositiveSmallIntegerField(_("planned study days"))
    # Denormalised from the progress entries by the service that writes them: the at-risk
    # list reads it for 100,000 enrolments without summing millions of entries.
    minutes_done = models.PositiveIntegerField(_("minutes studied"), default=0)
    last_studied_on = models.DateField(_("last studied on"), null=True, blank=True)
    # Kept by progress_log and the daily risk task (pace.assess_pace), so the at-risk list is
    # an indexed query rather than a projection of every enrolment per page view.
    projected_completion_date = models.DateField(_("projected completion"), null=True, blank=True)
    at_risk = models.BooleanField(_("at risk"), default=False)
    requested_at = clock.DateTimeField(_("requested at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        pgettext_lazy("enrolment", "withdrawn at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        indexes = [
            models.Index(
                fields=["region", "status", "requested_at", "id"], name="enrolment_queue_idx"
            ),
            # The at-risk list: studying and at risk, the most urgent plan first.
            models.Index(
                fields=["region", "planned_completion_date", "id"],
                condition=Q(at_risk=True, status="active"),
                name="enrolment_at_risk_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "participant", "course"],
                condition=Q(status__in=OPEN_ENROLMENT_STATUSES),
                name="enrolment_one_open_per_course",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.course_id} ({self.status})"

    @property
    def weekday_set(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.weekdays)


class PlanRevision(RegionOwned):
    """One version of an enrolment's plan: from which date, with which choices, ending when."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="plans")
    effective_from = models.DateField(_("from"))
    daily_minutes = models.PositiveSmallIntegerField(_("minutes per study day"))
    weekdays = models.CharField(_("study weekdays"), max_length=7)
    skip_holidays = models.BooleanField(_("skip national holidays"))
    planned_completion_date = models.DateField(_("planned completion"))
    study_days = models.PositiveSmallIntegerField(_("planned study days"))
    created_at = clock.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["enrolment", "created_at", "id"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")


class Licence(RegionOwned):
    """A seat of a pool held by an enrolment; released_at ends the holding."""

    pool = models.ForeignKey(LicencePool, on_delete=models.PROTECT, related_name="licences")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="licences")
    granted_at = clock.DateTimeField(_("granted at"), auto_now_add=True)
    release_on = models.DateField(_("to be released on"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            # One seat per enrolment at a time, whatever the code does.
            models.UniqueConstraint(
                fields=["region", "enrolment"],
                condition=Q(released_at__isnull=True),
                name="licence_one_held_per_enrolment",
            )
        ]
        indexes = [models.Index(fields=["region", "pool", "released_at"], name="licence_pool_idx")]

    def __str__(self) -> str:
        return f"seat of pool {self.pool_id} for enrolment {self.enrolment_id}"


class ProgressEntry(RegionOwned):
    """Time studied on a date, optionally finishing a module."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    module_finished = models.ForeignKey(
        CourseModule, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enrolment", "date", "id"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        indexes = [models.Index(fields=["region", "enrolment", "date"], name="progress_day_idx")]


class AssessmentAttempt(RegionOwned):
    """One sitting of a course's final assessment."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    passed = models.BooleanField(_("passed"))
    attempted_at = clock.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["enrolment", "attempted_at", "id"]
        verbose_name = _("assessment attempt")
        verbose_name_plural = _("assessment attempts")


class Certificate(RegionOwned):
    """Proof of completion. What it certifies is copied at issue, so it never changes."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=40)
    holder_name = models.CharField(_("holder"), max_length=90)
    holder_name_kana = models.CharField(_("holder (kana)"), max_length=130)
    course_title = models.CharField(_("course"), max_length=120)
    product_name = models.CharField(_("tool"), max_length=80)
    minutes = models.PositiveIntegerField(_("minutes"))
    completed_on = models.DateField(_("completed on"))
    issued_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="certificate_code_unique")
        ]
        indexes = [models.Index(fields=["code"], name="certificate_code_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.holder_name}"


class SkillSource(models.TextChoices):
    COURSE = "course", _("Completed course")
    EVALUATION = "evaluation", _("Project evaluation")


class ParticipantSkill(RegionOwned):
    """A skill a participant has shown, at the highest level a completed course or a project
    evaluation gave (never lowered).

    `certificate` is the course certificate behind the skill, if any (a skill first shown on a
    project has none); `source` says what set the current level. The evaluation itself is
    found from the staffing side (EvaluationSkill.level_after), so training does not depend
    on staffing."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"))
    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    source = models.CharField(
        _("level shown by"), max_length=12, choices=SkillSource.choices, default=SkillSource.COURSE
    )

    class Meta:
        verbose_name = _("participant skill")
        verbose_name_plural = _("participant skills")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "participant", "skill"], name="participant_skill_unique"
            )
        ]


class LiveSession(RegionOwned):
    """A scheduled online session of a course (ライブ研修), held in a room of the virtual
    office or at a meeting link; the course's learners are invited and their attendance is
    taken (LiveAttendance). Attended time counts as study once the trainer closes the session.
    """

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="live_sessions")
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    meeting_url = models.URLField(_("meeting link"), max_length=500)
    room_name = models.CharField(
        _("virtual office room"),
        max_length=60,
        blank=True,
        help_text=_("The room of the virtual office where the session is held, if any."),
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("attendance closed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="live_session_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["region", "starts_at"], name="live_session_start_idx")]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d %H:%M}"


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("attendance", "Invited")
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    LATE = "late", pgettext_lazy("attendance", "Late")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")
    EXCUSED = "excused", pgettext_lazy("attendance", "Excused")


class LiveAttendance(RegionOwned):
    """One learner's place at a live session: invited, then present, late, absent or excused.

    `joined_at` is when they joined from Sousei (present, or late after the grace period);
    `minutes` is the attended time the trainer confirms; `progress` is the study entry those
    minutes became when the session was closed."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
    )
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes attended"), default=0)
    progress = models.ForeignKey(
        ProgressEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("live session attendance")
        verbose_name_plural = _("live session attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "session", "enrolment"], name="live_attendance_once"
            )
        ]
