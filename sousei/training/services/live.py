"""Live training sessions (ライブ研修): a trainer schedules a session of a course, its learners
are invited, they join from Sousei (which takes their attendance), the trainer corrects what
needs correcting and closes the session; the attended time then counts in each learner's
progress as study on the session's day, through `progress_log` like any other study."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.training import live_notifications
from sousei.training.models import (
    AttendanceStatus,
    Course,
    Enrolment,
    EnrolmentStatus,
    LiveAttendance,
    LiveSession,
)
from sousei.training.services.enrolments import StudyLog, progress_log

#: Joining this long after the start counts as late.
LATE_AFTER = dt.timedelta(minutes=10)
#: The join button opens this long before the start.
JOIN_OPENS_BEFORE = dt.timedelta(minutes=15)
#: A session lasts at most this long (a study day is at most 24 h; a live session far less).
LONGEST = dt.timedelta(hours=8)
#: Sessions are scheduled at most this far ahead.
FURTHEST_AHEAD = dt.timedelta(days=366)


@dataclass(frozen=True, kw_only=True)
class LiveSessionInput:
    course_id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    meeting_url: str
    room_name: str = ""
    description: str = ""


def _check_times(data: LiveSessionInput, *, now: dt.datetime) -> None:
    errors: dict[str, ValidationError] = {}
    if data.starts_at < now:
        errors["starts_at"] = ValidationError(
            _("The start is in the past. Choose a time from now on."), code="past"
        )
    elif data.starts_at > now + FURTHEST_AHEAD:
        errors["starts_at"] = ValidationError(
            _("Sessions can be scheduled up to a year ahead. Choose an earlier date."),
            code="too_far",
        )
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = ValidationError(
            _("The end must come after the start. Check both times."), code="order"
        )
    elif data.ends_at - data.starts_at > LONGEST:
        errors["ends_at"] = ValidationError(
            _("A live session lasts at most 8 hours. Split it into several sessions."),
            code="too_long",
        )
    if not data.meeting_url.startswith("https://"):
        errors["meeting_url"] = ValidationError(
            _("Enter the meeting link starting with https://."), code="scheme"
        )
    if errors:
        raise ValidationError(errors)


def live_session_schedule(*, region: Region, data: LiveSessionInput, actor: User) -> LiveSession:
    """Schedule a session of a course and invite everyone studying it now."""
    _check_times(data, now=clock.now())
    with transaction.atomic():
        course = Course.objects.filter(pk=data.course_id).first()
        if course is None:
            raise ValidationError(
                {"course": ValidationError(_("Choose one of the region's courses."), "unknown")}
            )
        session = LiveSession.objects.create(
            region=region,
            course=course,
            title=data.title.strip(),
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            meeting_url=data.meeting_url,
            room_name=data.room_name.strip(),
            description=data.description.strip(),
            trainer=actor,
        )
        learners = list(
            Enrolment.objects.filter(course=course, status=EnrolmentStatus.ACTIVE).select_related(
                "participant__person__user"
            )
        )
        LiveAttendance.objects.bulk_create(
            [LiveAttendance(region=region, session=session, enrolment=e) for e in learners]
        )
        audit_record(
            region=region,
            actor=actor,
            action="live_session.schedule",
            obj=session,
            changes={
                "course": course.pk,
                "starts_at": session.starts_at.isoformat(),
                "ends_at": session.ends_at.isoformat(),
                "invited": len(learners),
            },
        )
        for enrolment in learners:
            live_notifications.notify_invited(session=session, enrolment=enrolment)
    return session


def _session_for_update(session_id: int) -> LiveSession:
    session = LiveSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None:
        raise LiveSession.DoesNotExist
    return session


def live_session_join(*, session_id: int, user: User) -> LiveAttendance:
    """A learner joins: present, or late after the grace period; the first join counts.
    A learner who started the course after the session was scheduled is added."""
    now = clock.now()
    with transaction.atomic():
        session = _session_for_update(session_id)
        if session.cancelled_at is not None:
            raise Conflict(_("This session was cancelled."))
        if session.closed_at is not None or now > session.ends_at:
            raise Conflict(_("This session has ended."))
        if now < session.starts_at - JOIN_OPENS_BEFORE:
            raise Conflict(
                _("You can join from 15 minutes before the start (%(time)s)."),
                time=timezone.localtime(session.starts_at).strftime("%H:%M"),
            )
        enrolment = (
            Enrolment.objects.filter(
                course_id=session.course_id,
                participant__person__user=user,
                status=EnrolmentStatus.ACTIVE,
            )
            .order_by("-id")
            .first()
        )
        if enrolment is None:
            raise Conflict(_("Only learners studying this course can join its sessions."))
        attendance, _created = LiveAttendance.objects.get_or_create(
            region=session.region, session=session, enrolment=enrolment
        )
        if attendance.joined_at is None:
            attendance.joined_at = now
            attendance.status = (
                AttendanceStatus.LATE
                if now > session.starts_at + LATE_AFTER
                else AttendanceStatus.PRESENT
            )
            attendance.save(update_fields=["joined_at", "status"])
            audit_record(
                region=session.region,
                actor=user,
                action="live_session.join",
                obj=session,
                changes={"enrolment": enrolment.pk, "status": attendance.status},
            )
    return attendance


def attended_minutes(session: LiveSession, joined_at: dt.datetime | None) -> int:
    """From joining (or the start, whichever is later) to the end, in whole minutes."""
    begin = max(joined_at or session.starts_at, session.starts_at)
    return max(0, int((session.ends_at - begin).total_seconds() // 60))


def live_attendance_record(
    *, session_id: int, enrolment_id: int, status: str, minutes: int | None, actor: User
) -> LiveAttendance:
    """The trainer's word on one learner's attendance, until the session is closed.
    `minutes` None means the time from joining to the end (the whole session if unknown)."""
    if status not in AttendanceStatus.values or status == AttendanceStatus.INVITED:
        raise ValidationError(
            {"status": ValidationError(_("Choose present, late, absent or excused."), "choice")}
        )
    with transaction.atomic():
        session = _session_for_update(session_id)
        if session.closed_at is not None:
            raise Conflict(_("Attendance of this session is closed and counted in progress."))
        attendance = LiveAttendance.objects.filter(
            session=session, enrolment_id=enrolment_id
        ).first()
        if attendance is None:
            raise LiveAttendance.DoesNotExist
        length = attended_minutes(session, None)
        attends = status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
        if not attends:
            minutes = 0
        elif minutes is None:
            minutes = attended_minutes(session, attendance.joined_at)
        elif not 0 <= minutes <= length:
            raise ValidationError(
                {
                    "minutes": ValidationError(
                        _("Enter the minutes attended: 0 to %(length)s, the session's length."),
                        params={"length": length},
                        code="range",
                    )
                }
            )
        before = {"status": attendance.status, "minutes": attendance.minutes}
        attendance.status = status
        attendance.minutes = minutes
        attendance.recorded_by = actor
        attendance.save(update_fields=["status", "minutes", "recorded_by"])
        audit_record(
            region=session.region,
            actor=actor,
            action="live_attendance.record",
            obj=session,
            changes={
                "enrolment": enrolment_id,
                "before": before,
                "after": {"status": status, "minutes": minutes},
            },
        )
    return attendance


def live_session_close(*, session_id: int, actor: User) -> LiveSession:
    """After the end: nobody-joined becomes absent, and each present or late learner's
    minutes become study on the session's day in their progress (progress_log, which also
    refreshes their pace). A learner no longer studying the course, or whose course started
    after the session's day, keeps the attendance without progress."""
    now = clock.now()
    with transaction.atomic():
        session = _session_for_update(session_id)
        if session.cancelled_at is not None:
            raise Conflict(_("This session was cancelled."))
        if session.closed_at is not None:
            raise Conflict(_("Attendance of this session is already closed."))
        if now < session.ends_at:
            raise Conflict(
                _("Attendance can be closed once the session has ended (%(time)s)."),
                time=timezone.localtime(session.ends_at).strftime("%H:%M"),
            )
        day = timezone.localtime(session.starts_at).date()
        counted = 0
        for attendance in LiveAttendance.objects.filter(session=session).select_related(
            "enrolment"
        ):
            if attendance.status == AttendanceStatus.INVITED:
                attendance.status = AttendanceStatus.ABSENT
                attendance.save(update_fields=["status"])
                continue
            if attendance.status not in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
                continue
            if attendance.minutes == 0 and attendance.recorded_by_id is None:
                attendance.minutes = attended_minutes(session, attendance.joined_at)
            enrolment = attendance.enrolment
            if (
                attendance.minutes
                and enrolment.status == EnrolmentStatus.ACTIVE
                and day >= enrolment.start_date
            ):
                try:
                    attendance.progress = progress_log(
                        enrolment_id=enrolment.pk,
                        log=StudyLog(
                            day=day,
                            minutes=attendance.minutes,
                            note=str(_("Live session: %(title)s") % {"title": session.title}),
                        ),
                        actor=actor,
                    )
                    counted += 1
                except ValidationError:
                    # The day already holds 24 hours of study for this learner: the
                    # attendance stays on record, the time cannot count twice.
                    attendance.progress = None
            attendance.save(update_fields=["minutes", "progress"])
        session.closed_at = now
        session.save(update_fields=["closed_at"])
        audit_record(
            region=session.region,
            actor=actor,
            action="live_session.close",
            obj=session,
            changes={"counted_in_progress": counted},
        )
    return session


def live_session_cancel(*, session_id: int, actor: User) -> LiveSession:
    """Cancel a session that has not ended; the invited learners are told."""
    with transaction.atomic():
        session = _session_for_update(session_id)
        if session.cancelled_at is not None:
            raise Conflict(_("This session is already cancelled."))
        if session.closed_at is not None or clock.now() > session.ends_at:
            raise Conflict(_("This session has ended; it can no longer be cancelled."))
        session.cancelled_at = clock.now()
        session.save(update_fields=["cancelled_at"])
        audit_record(region=session.region, actor=actor, action="live_session.cancel", obj=session)
        for attendance in LiveAttendance.objects.filter(session=session).select_related(
            "enrolment__participant__person__user"
        ):
            live_notifications.notify_cancelled(session=session, enrolment=attendance.enrolment)
    return session
