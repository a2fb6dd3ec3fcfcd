"""Reads of training, inside the caller's region scope (except certificate verification,
which is public across regions by its unguessable code)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from sousei.core.pagination import Page, paginate
from sousei.core.scoping import cross_region
from sousei.people.models import Participant, Person
from sousei.people.selectors import person_match
from sousei.training.models import (
    OPEN_ENROLMENT_STATUSES,
    AssessmentAttempt,
    Certificate,
    Course,
    CourseModule,
    CourseSkill,
    CourseTrainer,
    Enrolment,
    EnrolmentStatus,
    Licence,
    LicencePool,
    LiveAttendance,
    LiveSession,
    ParticipantSkill,
    PlanRevision,
    ProgressEntry,
    ToolProduct,
)


def course_list(*, published_only: bool = True) -> list[Course]:
    """Courses with their modules, skills and total minutes, in two queries plus one each
    for modules and skills, whatever the number of courses."""
    qs = (
        Course.objects.select_related("product__vendor")
        .prefetch_related(
            Prefetch("modules", queryset=CourseModule.objects.order_by("position")),
            Prefetch("skills", queryset=CourseSkill.objects.select_related("skill")),
        )
        .annotate(total_minutes=Sum("modules__minutes"))
        .order_by("title")
    )
    if published_only:
        qs = qs.filter(is_published=True)
    return list(qs)


def course_get(*, course_id: int) -> Course:
    return (
        Course.objects.select_related("product__vendor")
        .prefetch_related(
            Prefetch("modules", queryset=CourseModule.objects.order_by("position")),
            Prefetch("skills", queryset=CourseSkill.objects.select_related("skill")),
        )
        .annotate(total_minutes=Sum("modules__minutes"))
        .get(pk=course_id)
    )


def enrolment_get(*, enrolment_id: int) -> Enrolment:
    return Enrolment.objects.select_related("course__product", "participant__person").get(
        pk=enrolment_id
    )


def course_minutes(*, course_id: int) -> int:
    """A course's length: the sum of its modules' minutes."""
    return CourseModule.objects.filter(course_id=course_id).aggregate(t=Sum("minutes"))["t"] or 0


def finished_module_ids(*, enrolment: Enrolment) -> frozenset[int]:
    """The modules a learner has marked finished in their study log."""
    return frozenset(
        ProgressEntry.objects.filter(
            enrolment=enrolment, module_finished__isnull=False
        ).values_list("module_finished_id", flat=True)
    )


def waiting_queue(*, product: ToolProduct) -> QuerySet[Enrolment]:
    """Enrolments waiting for a seat of the product, first come first served."""
    return Enrolment.objects.filter(
        status=EnrolmentStatus.WAITING_LICENCE, course__product=product
    ).order_by("requested_at", "id")


def waitlist_position(*, enrolment: Enrolment) -> int | None:
    """1 for the next in line; None when the enrolment is not waiting."""
    if enrolment.status != EnrolmentStatus.WAITING_LICENCE:
        return None
    ahead = waiting_queue(product=enrolment.course.product).filter(
        Q(requested_at__lt=enrolment.requested_at)
        | Q(requested_at=enrolment.requested_at, id__lt=enrolment.pk)
    )
    return ahead.count() + 1


@dataclass(frozen=True)
class EnrolmentProgress:
    enrolment: Enrolment
    minutes_total: int
    finished_module_ids: frozenset[int]
    licence: Licence | None
    waitlist_position: int | None
    certificate: Certificate | None

    @property
    def percent(self) -> int:
        if not self.minutes_total:
            return 0
        return min(100, round(100 * self.enrolment.minutes_done / self.minutes_total))


def enrolment_progress(*, enrolment: Enrolment) -> EnrolmentProgress:
    minutes_total = course_minutes(course_id=enrolment.course_id)
    finished = finished_module_ids(enrolment=enrolment)
    licence = Licence.objects.filter(enrolment=enrolment, released_at__isnull=True).first()
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    return EnrolmentProgress(
        enrolment=enrolment,
        minutes_total=minutes_total,
        finished_module_ids=finished,
        licence=licence,
        waitlist_position=waitlist_position(enrolment=enrolment),
        certificate=certificate,
    )


def enrolments_progress(*, enrolments: list[Enrolment]) -> list[EnrolmentProgress]:
    """`enrolment_progress` of several enrolments in four queries whatever their number (a
    waiting enrolment's place in line adds one)."""
    ids = [e.pk for e in enrolments]
    totals = dict(
        CourseModule.objects.filter(course_id__in={e.course_id for e in enrolments})
        .values("course_id")
        .annotate(t=Sum("minutes"))
        .values_list("course_id", "t")
    )
    finished: dict[int, set[int]] = {}
    for enrolment_id, module_id in ProgressEntry.objects.filter(
        enrolment_id__in=ids, module_finished__isnull=False
    ).values_list("enrolment_id", "module_finished_id"):
        finished.setdefault(enrolment_id, set()).add(module_id)
    licences = {
        licence.enrolment_id: licence
        for licence in Licence.objects.filter(enrolment_id__in=ids, released_at__isnull=True)
    }
    certificates = {c.enrolment_id: c for c in Certificate.objects.filter(enrolment_id__in=ids)}
    return [
        EnrolmentProgress(
            enrolment=e,
            minutes_total=totals.get(e.course_id) or 0,
            finished_module_ids=frozenset(finished.get(e.pk, ())),
            licence=licences.get(e.pk),
            waitlist_position=waitlist_position(enrolment=e),
            certificate=certificates.get(e.pk),
        )
        for e in enrolments
    ]


def progress_entries(*, enrolment: Enrolment) -> list[ProgressEntry]:
    return list(
        ProgressEntry.objects.filter(enrolment=enrolment)
        .select_related("module_finished")
        .order_by("-date", "-id")
    )


def plan_history(*, enrolment: Enrolment) -> list[PlanRevision]:
    return list(PlanRevision.objects.filter(enrolment=enrolment).order_by("created_at", "id"))


def taught_by(trainer_id: int | None) -> Q:
    """Enrolments of the courses the trainer teaches; every course's for None (the office)."""
    return Q() if trainer_id is None else Q(course__trainers__user_id=trainer_id)


def teaches(*, trainer_id: int, course_id: int) -> bool:
    return CourseTrainer.objects.filter(user_id=trainer_id, course_id=course_id).exists()


def at_risk_count(*, trainer_id: int | None = None) -> int:
    """How many studying enrolments of the trainer's courses (every course's for None) are
    flagged at risk (one query)."""
    return Enrolment.objects.filter(
        taught_by(trainer_id), at_risk=True, status=EnrolmentStatus.ACTIVE
    ).count()


def at_risk_page(
    *, trainer_id: int | None = None, page: int = 1, size: int = 50
) -> Page[Enrolment]:
    """Studying enrolments of the trainer's courses (every course's for None) flagged at risk,
    the most urgent plan first (indexed)."""
    qs = (
        Enrolment.objects.filter(taught_by(trainer_id), at_risk=True, status=EnrolmentStatus.ACTIVE)
        .select_related("course", "participant__person")
        .order_by("planned_completion_date", "id")
    )
    return paginate(qs, page=page, size=size)


def learner_courses(*, trainer: User | None) -> list[tuple[int, str]]:
    """(id, title) of the courses `trainer` teaches (every course for None), by title: the
    learners list's course filter (one query)."""
    qs = Course.objects.order_by("title", "id")
    if trainer is not None:
        qs = qs.filter(trainers__user=trainer)
    return list(qs.values_list("id", "title"))


def learners_page(
    *,
    trainer: User | None,
    q: str | None = None,
    course_id: int | None = None,
    statuses: tuple[str, ...] = OPEN_ENROLMENT_STATUSES,
    page: int = 1,
    size: int = 50,
) -> Page[Enrolment]:
    """The learners of the courses `trainer` teaches (every course's for None, the office):
    enrolments in `statuses` (studying or waiting by default), of one course if given, those
    at risk first, then by course and the learner's kana; `q` keeps the learners whose name
    (kanji or kana), e-mail or phone starts with it, as the applications search does. Each
    carries `course_minutes`, its course's length. Three queries whatever the page or the
    search."""
    length = (
        CourseModule.objects.filter(course=OuterRef("course"))
        .order_by()
        .values("course")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    qs = (
        Enrolment.objects.filter(status__in=statuses)
        .select_related("course", "participant__person")
        .annotate(course_minutes=Coalesce(Subquery(length), 0))
        .order_by(
            F("at_risk").desc(),
            "course__title",
            "participant__person__family_name_kana",
            "participant__person__given_name_kana",
            "id",
        )
    )
    qs = qs.filter(taught_by(trainer.pk if trainer is not None else None))
    if course_id is not None:
        qs = qs.filter(course_id=course_id)
    words = (q or "").split()
    if words:
        people = Person.objects.filter(person_match(words)).values("pk")
        qs = qs.filter(participant__person__in=people)
    return paginate(qs, page=page, size=size)


@dataclass(frozen=True)
class PoolUse:
    pool: LicencePool
    in_use: int
    waiting: int

    @property
    def percent(self) -> int:
        return round(100 * self.in_use / self.pool.seats) if self.pool.seats else 0


def pool_utilisation(*, day: dt.date, current_only: bool = False) -> list[PoolUse]:
    """Every pool (`current_only`: those not expired on `day`, for the dashboard) with its
    seats in use, and how many wait for its product."""
    pools = LicencePool.objects.select_related("product").annotate(
        in_use=Count("licences", filter=Q(licences__released_at__isnull=True))
    )
    if current_only:
        pools = pools.filter(valid_to__gte=day)
    pools = pools.order_by("product__name", "valid_from")
    waiting = dict(
        Enrolment.objects.filter(status=EnrolmentStatus.WAITING_LICENCE)
        .values_list("course__product_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [PoolUse(p, p.in_use, waiting.get(p.product_id, 0)) for p in pools]


def pool_holders(*, pool_id: int) -> list[Licence]:
    return list(
        Licence.objects.filter(pool_id=pool_id, released_at__isnull=True)
        .select_related("enrolment__participant__person", "enrolment__course")
        .order_by("granted_at")
    )


def participant_of(*, user: User) -> Participant | None:
    """The signed-in user's participant record in the current region."""
    return Participant.objects.select_related("person").filter(person__user=user).first()


def enrolments_of(*, participant: Participant) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(participant=participant)
        .select_related("course__product")
        .order_by("-requested_at")
    )


def certificate_verify(*, candidates: list[str]) -> Certificate | None:
    """A certificate by one of the codes a typed code may be (training.codes), from any
    region: the public verification page's read (indexed on the code)."""
    if not candidates:
        return None
    with cross_region("a certificate is verified by its code alone, whatever its region"):
        return Certificate.objects.select_related("region").filter(code__in=candidates).first()


def _certificates_to_print() -> QuerySet[Certificate]:
    return Certificate.objects.select_related(
        "region", "enrolment__participant__person", "enrolment__course__product__vendor"
    )


def certificate_in_region(*, code: str) -> Certificate | None:
    """A certificate of the current region by its code, with what its PDF prints."""
    return _certificates_to_print().filter(code=code).first()


def certificate_of(*, enrolment: Enrolment) -> Certificate | None:
    """The enrolment's certificate, with what its PDF prints."""
    return _certificates_to_print().filter(enrolment=enrolment).first()


def participant_get(*, participant_id: int) -> Participant | None:
    return Participant.objects.select_related("person").filter(pk=participant_id).first()


def participants_to_enrol() -> QuerySet[Participant]:
    """The region's participants for the enrol form, in kana order."""
    return Participant.objects.select_related("person").order_by(
        "person__family_name_kana", "person__given_name_kana", "pk"
    )


def published_courses() -> QuerySet[Course]:
    return Course.objects.filter(is_published=True).order_by("title")


def waiting_for(*, product: ToolProduct, limit: int) -> list[Enrolment]:
    """The first `limit` enrolments in line for a product's seats."""
    return list(
        waiting_queue(product=product).select_related("participant__person", "course")[:limit]
    )


def assessment_attempts(*, enrolment: Enrolment) -> list[AssessmentAttempt]:
    return list(
        AssessmentAttempt.objects.filter(enrolment=enrolment).order_by("-attempted_at", "-id")
    )


# --- live sessions -----------------------------------------------------------------------


def live_sessions_taught(*, trainer: User | None, since: dt.datetime) -> QuerySet[LiveSession]:
    """Sessions ending after `since` of the courses `trainer` teaches, or that they hold
    (every course's for None, the office), soonest first, with their course and the count of
    learners invited and joined."""
    qs = (
        LiveSession.objects.filter(ends_at__gte=since)
        .select_related("course")
        .annotate(
            invited=Count("attendance"),
            joined=Count("attendance", filter=Q(attendance__joined_at__isnull=False)),
        )
        .order_by("starts_at", "id")
    )
    if trainer is not None:
        qs = qs.filter(Q(course__trainers__user=trainer) | Q(trainer=trainer)).distinct()
    return qs


def live_sessions_past(
    *, trainer: User | None, before: dt.datetime, limit: int
) -> list[LiveSession]:
    """The latest sessions that ended before `before`, most recent first."""
    qs = LiveSession.objects.filter(ends_at__lt=before).select_related("course")
    if trainer is not None:
        qs = qs.filter(Q(course__trainers__user=trainer) | Q(trainer=trainer)).distinct()
    return list(qs.order_by("-starts_at", "-id")[:limit])


def live_sessions_to_close(*, before: dt.datetime, trainer_id: int | None = None) -> int:
    """Sessions that ended before `before` whose attendance nobody has closed yet, of the
    courses the trainer teaches or that they hold (every course's for None, the office)."""
    qs = LiveSession.objects.filter(
        ends_at__lt=before, closed_at__isnull=True, cancelled_at__isnull=True
    )
    if trainer_id is not None:
        qs = qs.filter(Q(course__trainers__user_id=trainer_id) | Q(trainer_id=trainer_id))
        return qs.values("pk").distinct().count()
    return qs.count()


def live_attendance_of_learner(*, user: User, since: dt.datetime) -> list[LiveAttendance]:
    """The caller's places at sessions that end after `since` (not cancelled), soonest first."""
    return list(
        LiveAttendance.objects.filter(
            enrolment__participant__person__user=user,
            session__ends_at__gte=since,
            session__cancelled_at__isnull=True,
        )
        .select_related("session__course")
        .order_by("session__starts_at", "id")
    )


def live_session_get(*, session_id: int) -> LiveSession:
    return LiveSession.objects.select_related("course", "trainer").get(pk=session_id)


def live_session_attendance(*, session: LiveSession) -> list[LiveAttendance]:
    """Everyone invited to `session`, by the learner's kana."""
    return list(
        LiveAttendance.objects.filter(session=session)
        .select_related("enrolment__participant__person")
        .order_by(
            "enrolment__participant__person__family_name_kana",
            "enrolment__participant__person__given_name_kana",
            "id",
        )
    )


def live_attendance_of(*, session: LiveSession, user: User) -> LiveAttendance | None:
    return (
        LiveAttendance.objects.filter(session=session, enrolment__participant__person__user=user)
        .order_by("-id")
        .first()
    )


@dataclass(frozen=True)
class InSession:
    """Someone studying in a live session now: who, and which session."""

    user_id: int
    session: LiveSession


def live_sessions_now(*, at: dt.datetime) -> list[InSession]:
    """Who is in a live session at `at`: the learners who joined a session under way (not
    cancelled, not closed), and its trainer — for the virtual office's "who is where"."""
    sessions = {
        session.pk: session
        for session in LiveSession.objects.filter(
            starts_at__lte=at, ends_at__gt=at, cancelled_at__isnull=True, closed_at__isnull=True
        ).select_related("course")
    }
    if not sessions:
        return []
    present = [InSession(session.trainer_id, session) for session in sessions.values()]
    joined = LiveAttendance.objects.filter(
        session_id__in=list(sessions), joined_at__isnull=False
    ).values_list("session_id", "enrolment__participant__person__user_id")
    present += [
        InSession(user_id, sessions[session_id]) for session_id, user_id in joined if user_id
    ]
    return present


def skills_of_participant(*, participant_id: int) -> list[ParticipantSkill]:
    """The skills a participant has shown (from completed courses and project evaluations),
    highest level first."""
    return list(
        ParticipantSkill.objects.filter(participant_id=participant_id)
        .select_related("skill")
        .order_by("-level", "skill__code")
    )


def completed_courses_of(*, participant_id: int) -> list[Course]:
    """The courses a participant completed, in title order."""
    return list(
        Course.objects.filter(
            enrolments__participant_id=participant_id,
            enrolments__status=EnrolmentStatus.COMPLETED,
        )
        .distinct()
        .order_by("title", "pk")
    )


def participant_of_person(*, person_id: int) -> Participant | None:
    """The participant record of a person in this region, if they are one."""
    return Participant.objects.filter(person_id=person_id).first()


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def enrolments_of_person(*, person_id: int) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(participant__person_id=person_id).order_by("id")


def plan_revisions_of_person(*, person_id: int) -> QuerySet[PlanRevision]:
    return PlanRevision.objects.filter(enrolment__participant__person_id=person_id).order_by("id")


def progress_of_person(*, person_id: int) -> QuerySet[ProgressEntry]:
    return ProgressEntry.objects.filter(enrolment__participant__person_id=person_id).order_by(
        "date", "id"
    )


def assessments_of_person(*, person_id: int) -> QuerySet[AssessmentAttempt]:
    return AssessmentAttempt.objects.filter(enrolment__participant__person_id=person_id).order_by(
        "id"
    )


def licences_of_person(*, person_id: int) -> QuerySet[Licence]:
    return Licence.objects.filter(enrolment__participant__person_id=person_id).order_by("id")


def certificates_of_person(*, person_id: int) -> QuerySet[Certificate]:
    """The person's certificates with what their PDF prints (course, tool, vendor)."""
    return (
        Certificate.objects.filter(enrolment__participant__person_id=person_id)
        .select_related("region", "enrolment__course__product__vendor")
        .order_by("id")
    )


def skills_of_person(*, person_id: int) -> QuerySet[ParticipantSkill]:
    return ParticipantSkill.objects.filter(participant__person_id=person_id).order_by("id")
