"""Enrolling, replanning, withdrawing; logging study; assessments and completion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict, lazy_format, lazy_join
from sousei.core.models import Region
from sousei.people.models import Participant
from sousei.training import planning, selectors
from sousei.training.codes import code_new
from sousei.training.models import (
    OPEN_ENROLMENT_STATUSES,
    AssessmentAttempt,
    Certificate,
    Course,
    CourseModule,
    CourseSkill,
    Enrolment,
    EnrolmentStatus,
    ParticipantSkill,
    PlanRevision,
    ProgressEntry,
    SkillSource,
)
from sousei.training.notifications import (
    notify_certificate_issued,
    notify_learner_at_risk,
    notify_licence_granted,
    notify_plan_at_risk,
)
from sousei.training.pace import assess_pace
from sousei.training.services.licences import (
    held_licence,
    licence_release,
    licence_take,
    pools_lock,
)

MAX_MINUTES_PER_DAY = 24 * 60
ALREADY_ENROLLED = _(
    "%(person)s is already enrolled on %(course)s. Open that enrolment instead of enrolling again."
)


def plan_modules(course: Course) -> list[planning.PlanModule]:
    return [
        planning.PlanModule(id=m.pk, title=m.title, minutes=m.minutes)
        for m in CourseModule.objects.filter(course=course).order_by("position")
    ]


def closed_periods(region: Region) -> tuple[planning.ClosedPeriod, ...]:
    return planning.parse_closed_periods(region.closed_periods or ())


def _plan_error(error: planning.PlanInputError, field: str) -> ValidationError:
    """The engine's explained refusal as a translatable field error."""
    return ValidationError({field: ValidationError(_(error.template), params=error.params)})


@dataclass(frozen=True, kw_only=True)
class PlanChoice:
    """What a participant chooses: from when, how long a day, on which weekdays."""

    start_date: dt.date
    daily_minutes: int
    weekdays: frozenset[int] = planning.WEEKDAYS_MON_FRI
    skip_holidays: bool = True

    @property
    def weekdays_text(self) -> str:
        return "".join(str(d) for d in sorted(self.weekdays))


def plan_for(
    *, course: Course, choice: PlanChoice, modules: list[planning.PlanModule] | None = None
) -> planning.StudyPlan:
    """The dated plan of a course for a choice; ValidationError when it cannot be planned."""
    try:
        return planning.plan_study(
            modules if modules is not None else plan_modules(course),
            start=choice.start_date,
            daily_minutes=choice.daily_minutes,
            weekdays=choice.weekdays,
            skip_holidays=choice.skip_holidays,
            closed_periods=closed_periods(course.region),
        )
    except planning.PlanInputError as error:
        field = {"daily_minutes": "daily_hours", "hours": "daily_hours"}.get(
            error.code, "weekdays" if error.code in ("weekdays", "no_study_days") else "start_date"
        )
        raise _plan_error(error, field) from None


def enrolment_create(
    *, participant: Participant, course: Course, choice: PlanChoice, actor: User
) -> Enrolment:
    """Enrol a participant: plan the course, take a free licence seat or join the queue."""
    plan = plan_for(course=course, choice=choice)
    try:
        with transaction.atomic():
            pools_lock(product=course.product, day=clock.today())
            if Enrolment.objects.filter(
                participant=participant, course=course, status__in=OPEN_ENROLMENT_STATUSES
            ).exists():
                raise Conflict(
                    ALREADY_ENROLLED, person=str(participant.person), course=course.title
                )
            enrolment = Enrolment.objects.create(
                region=course.region,
                participant=participant,
                course=course,
                status=EnrolmentStatus.WAITING_LICENCE,
                start_date=choice.start_date,
                daily_minutes=choice.daily_minutes,
                weekdays=choice.weekdays_text,
                skip_holidays=choice.skip_holidays,
                planned_completion_date=plan.completion_date,
                projected_completion_date=plan.completion_date,
                study_days=plan.study_days,
            )
            _plan_record(enrolment, effective_from=choice.start_date, plan=plan, actor=actor)
            if licence_take(enrolment=enrolment, day=clock.today(), actor=actor):
                enrolment.status = EnrolmentStatus.ACTIVE
                enrolment.save(update_fields=["status"])
            audit_record(
                region=course.region,
                actor=actor,
                action="enrolment.create",
                obj=enrolment,
                changes={"course": course.pk, "status": enrolment.status},
            )
    except IntegrityError:
        # A second request for the same person and course raced past the check above.
        raise Conflict(
            ALREADY_ENROLLED, person=str(participant.person), course=course.title
        ) from None
    if enrolment.status == EnrolmentStatus.ACTIVE:
        notify_licence_granted(enrolment=enrolment)
    return enrolment


def enrolment_withdraw(*, enrolment_id: int, actor: User) -> Enrolment:
    """Leave the course: the seat (if any) goes to the first waiting enrolment at once."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("course__product")
            .get(pk=enrolment_id)
        )
        if enrolment.status not in OPEN_ENROLMENT_STATUSES:
            raise Conflict(
                _(
                    "This enrolment is already %(status)s, so there is nothing to withdraw. "
                    "Reload the page to see its current state."
                ),
                status=EnrolmentStatus(enrolment.status).label,
            )
        previous = enrolment.status
        enrolment.status = EnrolmentStatus.WITHDRAWN
        enrolment.withdrawn_at = clock.now()
        enrolment.at_risk = False
        enrolment.save(update_fields=["status", "withdrawn_at", "at_risk"])
        audit_record(
            region=enrolment.region,
            actor=actor,
            action="enrolment.withdraw",
            obj=enrolment,
            changes={"from": previous},
        )
        licence = held_licence(enrolment=enrolment)
        if licence is not None:
            licence_release(licence=licence, actor=actor, reason="withdrawn")
    return enrolment


def enrolment_replan(
    *, enrolment_id: int, from_date: dt.date, daily_minutes: int, actor: User
) -> Enrolment:
    """New daily hours from a date for what is left; earlier plans stay as history."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment_id)
        )
        if enrolment.status not in OPEN_ENROLMENT_STATUSES:
            raise Conflict(
                _("Only a studying or waiting enrolment can be replanned; this one has ended.")
            )
        remaining = _remaining_modules(enrolment)
        choice = PlanChoice(
            start_date=from_date,
            daily_minutes=daily_minutes,
            weekdays=enrolment.weekday_set,
            skip_holidays=enrolment.skip_holidays,
        )
        plan = plan_for(course=enrolment.course, choice=choice, modules=remaining)
        enrolment.daily_minutes = daily_minutes
        enrolment.planned_completion_date = plan.completion_date
        enrolment.study_days = plan.study_days
        enrolment.save(update_fields=["daily_minutes", "planned_completion_date", "study_days"])
        _plan_record(enrolment, effective_from=from_date, plan=plan, actor=actor)
        _refresh_pace(enrolment, today=clock.today(), notify=False)
        audit_record(
            region=enrolment.region,
            actor=actor,
            action="enrolment.replan",
            obj=enrolment,
            changes={"from": str(from_date), "daily_minutes": daily_minutes},
        )
    return enrolment


def _plan_record(
    enrolment: Enrolment, *, effective_from: dt.date, plan: planning.StudyPlan, actor: User
) -> PlanRevision:
    """Keep the plan now in force (the enrolment's current choices) in the plan history."""
    return PlanRevision.objects.create(
        region=enrolment.region,
        enrolment=enrolment,
        effective_from=effective_from,
        daily_minutes=enrolment.daily_minutes,
        weekdays=enrolment.weekdays,
        skip_holidays=enrolment.skip_holidays,
        planned_completion_date=plan.completion_date,
        study_days=plan.study_days,
        created_by=actor,
    )


def _remaining_modules(enrolment: Enrolment) -> list[planning.PlanModule]:
    """Each unfinished module with all its minutes: a finished module needs no more time."""
    finished = selectors.finished_module_ids(enrolment=enrolment)
    return [m for m in plan_modules(enrolment.course) if m.id not in finished]


@dataclass(frozen=True, kw_only=True)
class StudyLog:
    day: dt.date
    minutes: int
    module_id: int | None = None
    note: str = ""


def progress_log(*, enrolment_id: int, log: StudyLog, actor: User) -> ProgressEntry:
    """Record study on a date; refreshes the enrolment's pace. Nothing is stored on error."""
    today = clock.today()
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment_id)
        )
        errors: dict[str, ValidationError] = {}
        if enrolment.status != EnrolmentStatus.ACTIVE:
            raise Conflict(
                _("Study can be logged only while studying; this enrolment is %(status)s."),
                status=EnrolmentStatus(enrolment.status).label,
            )
        if not 0 < log.minutes <= MAX_MINUTES_PER_DAY:
            errors["hours"] = ValidationError(
                _("Enter the hours studied: more than 0 and at most 24.")
            )
        if log.day > today:
            errors["date"] = ValidationError(
                _("%(date)s is in the future. Log study on the day it happened or later."),
                params={"date": log.day},
            )
        elif log.day < enrolment.start_date:
            errors["date"] = ValidationError(
                _("%(date)s is before this course starts (%(start)s). Check the date you studied."),
                params={"date": log.day, "start": enrolment.start_date},
            )
        if "hours" not in errors and "date" not in errors:
            logged = (
                ProgressEntry.objects.filter(
                    enrolment__participant=enrolment.participant, date=log.day
                ).aggregate(total=Sum("minutes"))["total"]
                or 0
            )
            if logged + log.minutes > MAX_MINUTES_PER_DAY:
                errors["hours"] = ValidationError(
                    _(
                        "%(date)s already has %(hours)s hours logged; a day has 24. "
                        "Check the date or the hours."
                    ),
                    params={"date": log.day, "hours": round(logged / 60, 1)},
                )
        module = None
        if log.module_id is not None:
            module = CourseModule.objects.filter(pk=log.module_id, course=enrolment.course).first()
            if module is None:
                errors["module_id"] = ValidationError(
                    _("That module is not part of %(course)s. Choose one of its modules."),
                    params={"course": enrolment.course.title},
                )
        if errors:
            raise ValidationError(errors)
        entry = ProgressEntry.objects.create(
            region=enrolment.region,
            enrolment=enrolment,
            date=log.day,
            minutes=log.minutes,
            module_finished=module,
            note=log.note.strip(),
            recorded_by=actor,
        )
        enrolment.minutes_done += log.minutes
        if enrolment.last_studied_on is None or log.day > enrolment.last_studied_on:
            enrolment.last_studied_on = log.day
        enrolment.save(update_fields=["minutes_done", "last_studied_on"])
        _refresh_pace(enrolment, today=today, notify=True)
        audit_record(
            region=enrolment.region,
            actor=actor,
            action="progress.log",
            obj=entry,
            changes={"enrolment": enrolment.pk, "date": str(log.day), "minutes": log.minutes},
        )
    return entry


def _refresh_pace(
    enrolment: Enrolment,
    *,
    today: dt.date,
    notify: bool,
    course_minutes: int | None = None,
    closed: tuple[planning.ClosedPeriod, ...] | None = None,
) -> None:
    """Store the projection and the at-risk flag; tell the participant when it turns risky.
    Callers going through many enrolments pass the course length and closed days in."""
    if course_minutes is None:
        course_minutes = selectors.course_minutes(course_id=enrolment.course_id)
    pace = assess_pace(
        total_minutes=course_minutes,
        minutes_done=enrolment.minutes_done,
        start=enrolment.start_date,
        planned_completion=enrolment.planned_completion_date,
        last_studied_on=enrolment.last_studied_on,
        today=today,
        weekdays=enrolment.weekday_set,
        skip_holidays=enrolment.skip_holidays,
        closed_periods=closed if closed is not None else closed_periods(enrolment.region),
    )
    unchanged = (enrolment.projected_completion_date, enrolment.at_risk) == (
        pace.projected_completion,
        pace.at_risk,
    )
    if unchanged:
        return
    became_risky = pace.at_risk and not enrolment.at_risk
    enrolment.projected_completion_date = pace.projected_completion
    enrolment.at_risk = pace.at_risk
    enrolment.save(update_fields=["projected_completion_date", "at_risk"])
    if became_risky and notify:
        notify_plan_at_risk(enrolment=enrolment)
        notify_learner_at_risk(enrolment=enrolment)


def enrolments_refresh_pace(*, today: dt.date) -> int:
    """Daily: re-assess every studying enrolment of the scope (idleness grows with time).
    Course lengths and closed days are read once, not per enrolment; only changes are saved."""
    lengths: dict[int, int] = {}
    closed: dict[int, tuple[planning.ClosedPeriod, ...]] = {}
    count = 0
    active = Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE).select_related("region")
    for enrolment in active.iterator(chunk_size=2000):
        if enrolment.course_id not in lengths:
            lengths[enrolment.course_id] = selectors.course_minutes(course_id=enrolment.course_id)
        if enrolment.region_id not in closed:
            closed[enrolment.region_id] = closed_periods(enrolment.region)
        _refresh_pace(
            enrolment,
            today=today,
            notify=True,
            course_minutes=lengths[enrolment.course_id],
            closed=closed[enrolment.region_id],
        )
        count += 1
    return count


def assessment_record(*, enrolment_id: int, score: int, actor: User) -> AssessmentAttempt:
    """One sitting of the final assessment; passed when the score reaches the pass mark."""
    if not 0 <= score <= 100:
        raise ValidationError({"score": _("Enter the score as a whole number from 0 to 100.")})
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment_id)
        )
        if enrolment.status != EnrolmentStatus.ACTIVE:
            raise Conflict(
                _(
                    "A score can be recorded only while the participant is studying; "
                    "this enrolment is %(status)s."
                ),
                status=EnrolmentStatus(enrolment.status).label,
            )
        attempt = AssessmentAttempt.objects.create(
            region=enrolment.region,
            enrolment=enrolment,
            score=score,
            passed=score >= enrolment.course.pass_mark,
            recorded_by=actor,
        )
        audit_record(
            region=enrolment.region,
            actor=actor,
            action="assessment.record",
            obj=attempt,
            changes={"score": score, "passed": attempt.passed},
        )
    return attempt


def completion_gaps(enrolment: Enrolment) -> list[str]:
    """What still stands between the enrolment and completion, as sentences rendered in
    the reader's language when read."""
    gaps: list[str] = []
    finished = selectors.finished_module_ids(enrolment=enrolment)
    missing = [
        m for m in CourseModule.objects.filter(course=enrolment.course) if m.pk not in finished
    ]
    if missing:
        gaps.append(
            lazy_format(
                _("Modules not yet finished: %(modules)s."),
                {"modules": "、".join(f"{m.position}. {m.title}" for m in missing)},
            )
        )
    if not AssessmentAttempt.objects.filter(enrolment=enrolment, passed=True).exists():
        gaps.append(
            lazy_format(
                _("The final assessment has not been passed (pass mark %(mark)s)."),
                {"mark": enrolment.course.pass_mark},
            )
        )
    return gaps


def enrolment_complete(*, enrolment_id: int, actor: User) -> Certificate:
    """Complete the course: issue the certificate, add the course's skills to the
    participant's profile and schedule the seat's release after the pool's grace period."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("course__product", "participant__person")
            .get(pk=enrolment_id)
        )
        if enrolment.status != EnrolmentStatus.ACTIVE:
            raise Conflict(
                _("Only a studying enrolment can be completed; this one is %(status)s."),
                status=EnrolmentStatus(enrolment.status).label,
            )
        gaps = completion_gaps(enrolment)
        if gaps:
            raise Conflict(_("The course cannot be completed yet. %(gaps)s"), gaps=lazy_join(gaps))
        today = clock.today()
        person = enrolment.participant.person
        certificate = Certificate.objects.create(
            region=enrolment.region,
            enrolment=enrolment,
            code=code_new(),
            holder_name=person.full_name,
            holder_name_kana=person.full_name_kana,
            course_title=enrolment.course.title,
            product_name=enrolment.course.product.name,
            minutes=selectors.course_minutes(course_id=enrolment.course_id),
            completed_on=today,
        )
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = clock.now()
        enrolment.at_risk = False
        enrolment.save(update_fields=["status", "completed_at", "at_risk"])
        for course_skill in CourseSkill.objects.filter(course=enrolment.course):
            current = ParticipantSkill.objects.filter(
                participant=enrolment.participant, skill_id=course_skill.skill_id
            ).first()
            if current is None:
                ParticipantSkill.objects.create(
                    region=enrolment.region,
                    participant=enrolment.participant,
                    skill_id=course_skill.skill_id,
                    level=course_skill.level,
                    certificate=certificate,
                )
            elif course_skill.level > current.level:
                current.level = course_skill.level
                current.certificate = certificate
                current.source = SkillSource.COURSE
                current.save(update_fields=["level", "certificate", "source"])
            elif current.certificate_id is None:
                # A skill first shown on a project now also has a course certificate.
                current.certificate = certificate
                current.save(update_fields=["certificate"])
        licence = held_licence(enrolment=enrolment)
        if licence is not None:
            licence.release_on = today + dt.timedelta(days=licence.pool.grace_days)
            licence.save(update_fields=["release_on"])
        audit_record(
            region=enrolment.region,
            actor=actor,
            action="enrolment.complete",
            obj=enrolment,
            changes={"certificate": certificate.code},
        )
        notify_certificate_issued(certificate=certificate)
        domain_event_publish(
            kind="enrolment.completed",
            region=enrolment.region,
            payload={
                "enrolment_id": enrolment.pk,
                "participant_id": enrolment.participant_id,
                "person_id": enrolment.participant.person_id,
                "course_id": enrolment.course_id,
                "certificate_id": certificate.pk,
                "status": enrolment.status,
            },
        )
    return certificate
