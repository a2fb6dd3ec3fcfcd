"""Live-session endpoints: list and schedule (trainers of the course, the office), one
session with its attendance, join (the learner), record attendance, close and cancel."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status

from sousei.core import clock
from sousei.core.access import region_context, region_roles, signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.training import selectors
from sousei.training.models import Course, LiveAttendance, LiveSession
from sousei.training.schemas import AttendanceIn, AttendanceOut, LiveSessionIn, LiveSessionOut
from sousei.training.services import live as services

router = Router(tags=["training"])
STAFF = {Role.OPERATOR, Role.TRAINER}
MEMBERS = STAFF | {Role.PARTICIPANT}


def session_body(session: LiveSession, attendance: list[LiveAttendance] | None) -> dict[str, Any]:
    return {
        "id": session.pk,
        "course_id": session.course_id,
        "course": session.course.title,
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "meeting_url": session.meeting_url,
        "room_name": session.room_name,
        "closed_at": session.closed_at,
        "cancelled_at": session.cancelled_at,
        "attendance": None
        if attendance is None
        else [
            {
                "enrolment_id": a.enrolment_id,
                "learner": a.enrolment.participant.person.full_name,
                "status": a.status,
                "joined_at": a.joined_at,
                "minutes": a.minutes,
            }
            for a in attendance
        ],
    }


def _teaching(request: HttpRequest, roles: frozenset[str], session: LiveSession) -> bool:
    if Role.OPERATOR in roles:
        return True
    if Role.TRAINER not in roles:
        return False
    user = signed_in_user(request)
    return session.trainer_id == user.pk or session.course.trainers.filter(user=user).exists()


def _session(session_id: int) -> LiveSession:
    try:
        return selectors.live_session_get(session_id=session_id)
    except LiveSession.DoesNotExist:
        raise Http404("No such live session.") from None


@router.get(
    "/regions/{slug}/live-sessions",
    auth=signed_in,
    response=list[LiveSessionOut],
    summary="Upcoming live sessions: those I teach (the office: all), or I am invited to",
)
def live_session_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=MEMBERS) as region:
        roles = region_roles(request, region)
        user = signed_in_user(request)
        now = clock.now()
        if roles & STAFF:
            trainer = None if Role.OPERATOR in roles else user
            sessions = list(selectors.live_sessions_taught(trainer=trainer, since=now))
        else:
            sessions = [
                a.session for a in selectors.live_attendance_of_learner(user=user, since=now)
            ]
        return [session_body(s, None) for s in sessions]


@router.post(
    "/regions/{slug}/live-sessions",
    auth=signed_in,
    response={201: LiveSessionOut, 404: ErrorOut, 422: ErrorOut},
    summary="Schedule a live session of a course and invite its learners (its trainer, the office)",
)
def live_session_create(request: HttpRequest, slug: Slug, payload: LiveSessionIn):
    with region_context(request, slug, roles=STAFF) as region:
        user = signed_in_user(request)
        courses = Course.objects.filter(pk=payload.course_id)
        if Role.OPERATOR not in region_roles(request, region):
            courses = courses.filter(trainers__user=user)
        if not courses.exists():
            raise Http404("No such course among those you teach.")
        session = services.live_session_schedule(
            region=region,
            data=services.LiveSessionInput(
                course_id=payload.course_id,
                title=payload.title,
                starts_at=payload.starts_at,
                ends_at=payload.ends_at,
                meeting_url=payload.meeting_url,
                room_name=payload.room_name,
                description=payload.description,
            ),
            actor=user,
        )
        return Status(201, session_body(_session(session.pk), None))


@router.get(
    "/regions/{slug}/live-sessions/{session_id}",
    auth=signed_in,
    response=LiveSessionOut,
    summary="A live session; with everyone's attendance for its trainers and the office",
)
def live_session_detail(request: HttpRequest, slug: Slug, session_id: Id):
    with region_context(request, slug, roles=MEMBERS) as region:
        session = _session(session_id)
        if _teaching(request, region_roles(request, region), session):
            return session_body(session, selectors.live_session_attendance(session=session))
        mine = selectors.live_attendance_of(session=session, user=signed_in_user(request))
        if mine is None:
            raise Http404("No such live session.")
        return session_body(session, [mine])


@router.post(
    "/regions/{slug}/live-sessions/{session_id}/join",
    auth=signed_in,
    response={200: AttendanceOut, 404: ErrorOut, 409: ErrorOut},
    summary="Join a live session (the learner): takes attendance; open meeting_url next",
)
def live_session_join(request: HttpRequest, slug: Slug, session_id: Id):
    with region_context(request, slug, roles={Role.PARTICIPANT}):
        session = _session(session_id)
        user = signed_in_user(request)
        if selectors.live_attendance_of(session=session, user=user) is None and not (
            session.course.enrolments.filter(participant__person__user=user).exists()
        ):
            raise Http404("No such live session.")
        attendance = services.live_session_join(session_id=session.pk, user=user)
        return {
            "enrolment_id": attendance.enrolment_id,
            "learner": attendance.enrolment.participant.person.full_name,
            "status": attendance.status,
            "joined_at": attendance.joined_at,
            "minutes": attendance.minutes,
        }


@router.put(
    "/regions/{slug}/live-sessions/{session_id}/attendance/{enrolment_id}",
    auth=signed_in,
    response={200: AttendanceOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record one learner's attendance (the session's trainers, the office)",
)
def live_attendance_record(
    request: HttpRequest, slug: Slug, session_id: Id, enrolment_id: Id, payload: AttendanceIn
):
    with region_context(request, slug, roles=STAFF) as region:
        session = _session(session_id)
        if not _teaching(request, region_roles(request, region), session):
            raise Http404("No such live session.")
        try:
            attendance = services.live_attendance_record(
                session_id=session.pk,
                enrolment_id=enrolment_id,
                status=payload.status,
                minutes=payload.minutes,
                actor=signed_in_user(request),
            )
        except LiveAttendance.DoesNotExist:
            raise Http404("No such learner at this session.") from None
        return {
            "enrolment_id": attendance.enrolment_id,
            "learner": attendance.enrolment.participant.person.full_name,
            "status": attendance.status,
            "joined_at": attendance.joined_at,
            "minutes": attendance.minutes,
        }


@router.post(
    "/regions/{slug}/live-sessions/{session_id}/close",
    auth=signed_in,
    response={200: LiveSessionOut, 404: ErrorOut, 409: ErrorOut},
    summary="Close the attendance; attended time counts in the learners' progress",
)
def live_session_close(request: HttpRequest, slug: Slug, session_id: Id):
    with region_context(request, slug, roles=STAFF) as region:
        session = _session(session_id)
        if not _teaching(request, region_roles(request, region), session):
            raise Http404("No such live session.")
        services.live_session_close(session_id=session.pk, actor=signed_in_user(request))
        session = _session(session_id)
        return session_body(session, selectors.live_session_attendance(session=session))


@router.post(
    "/regions/{slug}/live-sessions/{session_id}/cancel",
    auth=signed_in,
    response={200: LiveSessionOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cancel a live session that has not ended; the invited learners are told",
)
def live_session_cancel(request: HttpRequest, slug: Slug, session_id: Id):
    with region_context(request, slug, roles=STAFF) as region:
        session = _session(session_id)
        if not _teaching(request, region_roles(request, region), session):
            raise Http404("No such live session.")
        services.live_session_cancel(session_id=session.pk, actor=signed_in_user(request))
        return session_body(_session(session_id), None)
