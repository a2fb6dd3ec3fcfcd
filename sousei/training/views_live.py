"""Live-session pages: the list (a trainer's sessions, a learner's invitations), scheduling,
one session's page (attendance for its trainer and the office; join for a learner), its
calendar file, and the trainer's attendance, close and cancel actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from sousei.core import clock
from sousei.core.access import region_roles, region_view, signed_in_user
from sousei.core.errors import Conflict, add_service_errors, run_service
from sousei.core.http import calendar_file_response
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.text import hours_text
from sousei.training import selectors
from sousei.training.forms import AttendanceForm, LiveSessionForm
from sousei.training.live_notifications import when_text
from sousei.training.models import AttendanceStatus, Course, LiveAttendance, LiveSession
from sousei.training.services import live as services

STAFF = frozenset({Role.OPERATOR, Role.TRAINER})
MEMBERS = frozenset({Role.OPERATOR, Role.TRAINER, Role.PARTICIPANT})
PAST_SHOWN = 20


def _teaches(request: HttpRequest, region: Region, session: LiveSession) -> bool:
    """The office, the session's trainer, or a trainer of its course."""
    roles = region_roles(request, region)
    if Role.OPERATOR in roles:
        return True
    if Role.TRAINER not in roles:
        return False
    user = signed_in_user(request)
    return session.trainer_id == user.pk or session.course.trainers.filter(user=user).exists()


def _courses_for(request: HttpRequest, region: Region) -> QuerySet[Course]:
    courses = Course.objects.order_by("title")
    if Role.OPERATOR not in region_roles(request, region):
        courses = courses.filter(trainers__user=signed_in_user(request))
    return courses


def _session(session_id: int) -> LiveSession:
    try:
        return selectors.live_session_get(session_id=session_id)
    except LiveSession.DoesNotExist:
        raise Http404("No such live session.") from None


def _detail_url(region: Region, session: LiveSession) -> str:
    return reverse("live-session-detail", kwargs={"slug": region.slug, "session_id": session.pk})


@region_view(roles=MEMBERS)
def live_session_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Staff: the sessions they teach (the office: all), upcoming and past. A learner: the
    sessions they are invited to."""
    now = clock.now()
    roles = region_roles(request, region)
    user = signed_in_user(request)
    staff = bool(roles & STAFF)
    trainer = None if Role.OPERATOR in roles else user
    context = {
        "region": region,
        "staff": staff,
        "now": now,
        "upcoming": list(selectors.live_sessions_taught(trainer=trainer, since=now))
        if staff
        else [],
        "past": selectors.live_sessions_past(trainer=trainer, before=now, limit=PAST_SHOWN)
        if staff
        else [],
        "invitations": selectors.live_attendance_of_learner(user=user, since=now)
        if Role.PARTICIPANT in roles
        else [],
    }
    return render(request, "training/live_sessions.html", context)


@region_view(roles=STAFF)
def live_session_create(request: HttpRequest, region: Region) -> HttpResponse:
    form = LiveSessionForm(request.POST or None, courses=_courses_for(request, region))
    if request.method == "POST" and form.is_valid():
        session = run_service(
            form,
            lambda: services.live_session_schedule(
                region=region, data=form.to_input(), actor=signed_in_user(request)
            ),
        )
        if session is not None:
            messages.success(
                request, _("Scheduled; the course's learners are invited and notified.")
            )
            return redirect(_detail_url(region, session))
    return render(request, "training/live_session_form.html", {"region": region, "form": form})


@dataclass(frozen=True)
class AttendanceRow:
    attendance: LiveAttendance
    form: AttendanceForm
    hours: str


@region_view(roles=MEMBERS)
def live_session_detail(request: HttpRequest, region: Region, session_id: int) -> HttpResponse:
    session = _session(session_id)
    user = signed_in_user(request)
    teaches = _teaches(request, region, session)
    mine = selectors.live_attendance_of(session=session, user=user)
    if not teaches and mine is None:
        raise Http404("No such live session.")
    rows = []
    if teaches:
        for attendance in selectors.live_session_attendance(session=session):
            form = AttendanceForm(
                prefix=f"a{attendance.enrolment_id}",
                initial={
                    "status": attendance.status
                    if attendance.status != AttendanceStatus.INVITED
                    else AttendanceStatus.PRESENT,
                    "minutes": attendance.minutes or None,
                },
            )
            rows.append(AttendanceRow(attendance, form, hours_text(attendance.minutes)))
    now = clock.now()
    context = {
        "region": region,
        "session": session,
        "when": when_text(session),
        "teaches": teaches,
        "mine": mine,
        "rows": rows,
        "ended": now >= session.ends_at,
        "can_join": mine is not None
        and session.cancelled_at is None
        and session.closed_at is None
        and session.starts_at - services.JOIN_OPENS_BEFORE <= now < session.ends_at,
    }
    return render(request, "training/live_session.html", context)


@require_POST
@region_view(roles=frozenset({Role.PARTICIPANT}))
def live_session_join(request: HttpRequest, region: Region, session_id: int) -> HttpResponse:
    """Take the learner's attendance, then send them to the meeting."""
    session = _session(session_id)
    try:
        services.live_session_join(session_id=session.pk, user=signed_in_user(request))
    except Conflict as refusal:
        messages.error(request, str(refusal))
        return redirect(_detail_url(region, session))
    return redirect(session.meeting_url)


@require_POST
@region_view(roles=STAFF)
def live_attendance_record(
    request: HttpRequest, region: Region, session_id: int, enrolment_id: int
) -> HttpResponse:
    session = _session(session_id)
    if not _teaches(request, region, session):
        raise Http404("No such live session.")
    form = AttendanceForm(request.POST, prefix=f"a{enrolment_id}")
    if form.is_valid():
        try:
            services.live_attendance_record(
                session_id=session.pk,
                enrolment_id=enrolment_id,
                status=form.cleaned_data["status"],
                minutes=form.cleaned_data["minutes"],
                actor=signed_in_user(request),
            )
            messages.success(request, _("Attendance saved."))
        except LiveAttendance.DoesNotExist:
            raise Http404("No such learner at this session.") from None
        except (Conflict, ValidationError) as refusal:
            _tell(request, refusal)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(_detail_url(region, session) + "#attendance")


def _tell(request: HttpRequest, refusal: Conflict | ValidationError) -> None:
    if isinstance(refusal, ValidationError):
        form = AttendanceForm()
        add_service_errors(form, refusal)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        messages.error(request, str(refusal))


@require_POST
@region_view(roles=STAFF)
def live_session_close(request: HttpRequest, region: Region, session_id: int) -> HttpResponse:
    session = _session(session_id)
    if not _teaches(request, region, session):
        raise Http404("No such live session.")
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the attendance is final."))
        return redirect(_detail_url(region, session) + "#close")
    try:
        services.live_session_close(session_id=session.pk, actor=signed_in_user(request))
        messages.success(
            request, _("Attendance closed; attended time is in each learner's progress.")
        )
    except Conflict as refusal:
        messages.error(request, str(refusal))
    return redirect(_detail_url(region, session))


@require_POST
@region_view(roles=STAFF)
def live_session_cancel(request: HttpRequest, region: Region, session_id: int) -> HttpResponse:
    session = _session(session_id)
    if not _teaches(request, region, session):
        raise Http404("No such live session.")
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the cancellation."))
        return redirect(_detail_url(region, session) + "#cancel")
    try:
        services.live_session_cancel(session_id=session.pk, actor=signed_in_user(request))
        messages.success(request, _("Cancelled; the invited learners are told."))
    except Conflict as refusal:
        messages.error(request, str(refusal))
    return redirect(_detail_url(region, session))


def session_calendar(session: LiveSession, *, url: str, now: dt.datetime) -> str:
    """The session as an iCalendar file (RFC 5545), cancelled sessions marked so."""
    calendar = Calendar()
    calendar.add("prodid", "-//Sousei//Live sessions//JA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"live-session-{session.pk}@{session.region.slug}.sousei")
    event.add("dtstamp", now)
    event.add("dtstart", timezone.localtime(session.starts_at))
    event.add("dtend", timezone.localtime(session.ends_at))
    event.add("summary", f"{session.title} ({session.course.title})")
    event.add("description", f"{session.description}\n{url}".strip())
    event.add("location", session.meeting_url)
    event.add("url", url)
    if session.cancelled_at is not None:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


@region_view(roles=MEMBERS)
def live_session_ics(request: HttpRequest, region: Region, session_id: int) -> HttpResponse:
    session = _session(session_id)
    user = signed_in_user(request)
    if not _teaches(request, region, session) and (
        selectors.live_attendance_of(session=session, user=user) is None
    ):
        raise Http404("No such live session.")
    body = session_calendar(
        session, url=request.build_absolute_uri(_detail_url(region, session)), now=clock.now()
    )
    return calendar_file_response(body, f"live-session-{session.pk}.ics")
