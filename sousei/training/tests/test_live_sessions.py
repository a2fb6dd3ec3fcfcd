"""Live sessions: scheduling invites the course's learners, joining takes attendance, and
closing counts the attended time in each learner's progress."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from conftest import Cast
from sousei.core import clock
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.training import selectors
from sousei.training.models import AttendanceStatus, Enrolment, LiveSession
from sousei.training.services.enrolments import PlanChoice, enrolment_create
from sousei.training.services.live import (
    LiveSessionInput,
    live_attendance_record,
    live_session_cancel,
    live_session_close,
    live_session_join,
    live_session_schedule,
)
from sousei.training.tests import factories

JST = ZoneInfo("Asia/Tokyo")
MONDAY_9 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=JST)
SESSION_10 = dt.datetime(2026, 12, 8, 10, 0, tzinfo=JST)


@pytest.fixture
def learners(koga: Region, cast: Cast) -> tuple[Enrolment, Enrolment]:
    """Two people studying one course in Koga from Monday 30 November; the first is the
    cast's participant."""
    operator = cast.user("operator")
    with clock.frozen_at(dt.datetime(2026, 11, 30, 9, 0, tzinfo=JST)), region_scope(koga):
        course = factories.course(koga)
        factories.pool(koga, seats=5)
        first, second = ParticipantFactory.create_batch(2, region=koga)
        first.person.user = cast.user("participant")
        first.person.save(update_fields=["user"])
        choice = PlanChoice(start_date=dt.date(2026, 11, 30), daily_minutes=120)
        return (
            enrolment_create(participant=first, course=course, choice=choice, actor=operator),
            enrolment_create(participant=second, course=course, choice=choice, actor=operator),
        )


def _schedule(koga: Region, enrolment: Enrolment, actor: User, **changes: object) -> LiveSession:
    data = {
        "course_id": enrolment.course_id,
        "title": "kintone 質問会",
        "starts_at": SESSION_10,
        "ends_at": SESSION_10 + dt.timedelta(hours=2),
        "meeting_url": "https://meet.example.jp/kintone",
        "room_name": "研修ルーム",
    } | changes
    with clock.frozen_at(MONDAY_9), region_scope(koga):
        return live_session_schedule(region=koga, data=LiveSessionInput(**data), actor=actor)  # type: ignore[arg-type]


def test_scheduling_invites_and_tells_everyone_studying_the_course(
    koga: Region, cast: Cast, learners: tuple[Enrolment, Enrolment]
) -> None:
    session = _schedule(koga, learners[0], cast.user("trainer"))
    with region_scope(koga):
        attendance = selectors.live_session_attendance(session=session)
        assert {a.enrolment_id for a in attendance} == {e.pk for e in learners}
        assert {a.status for a in attendance} == {AttendanceStatus.INVITED}
        told = OutboxMessage.objects.filter(kind="live_session_invited")
        assert told.filter(user=cast.user("participant")).count() == 1
        assert "2026年12月8日" in told.get(user=cast.user("participant")).body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": MONDAY_9 - dt.timedelta(hours=1)}, "starts_at"),
        ({"ends_at": SESSION_10}, "ends_at"),
        ({"ends_at": SESSION_10 + dt.timedelta(hours=9)}, "ends_at"),
        ({"meeting_url": "http://meet.example.jp/plain"}, "meeting_url"),
        ({"starts_at": SESSION_10 + dt.timedelta(days=400)}, "starts_at"),
    ],
)
def test_it_refuses_a_session_it_cannot_hold(
    koga: Region,
    cast: Cast,
    learners: tuple[Enrolment, Enrolment],
    changes: dict[str, object],
    field: str,
) -> None:
    with pytest.raises(ValidationError) as refusal:
        _schedule(koga, learners[0], cast.user("trainer"), **changes)
    assert field in refusal.value.message_dict
    with region_scope(koga):
        assert not LiveSession.objects.exists()


def test_attendance_at_a_live_session_shows_up_in_the_learners_progress(
    koga: Region, cast: Cast, learners: tuple[Enrolment, Enrolment]
) -> None:
    trainer = cast.user("trainer")
    session = _schedule(koga, learners[0], trainer)
    on_time, absentee = learners
    before = on_time.minutes_done
    with clock.frozen_at(SESSION_10 + dt.timedelta(minutes=5)), region_scope(koga):
        joined = live_session_join(session_id=session.pk, user=cast.user("participant"))
    assert joined.status == AttendanceStatus.PRESENT
    with clock.frozen_at(SESSION_10 + dt.timedelta(hours=2, minutes=5)), region_scope(koga):
        live_session_close(session_id=session.pk, actor=trainer)
        on_time.refresh_from_db()
        # From joining at 10:05 to the end at 12:00.
        assert on_time.minutes_done == before + 115
        entries = selectors.progress_entries(enrolment=on_time)
        assert [(e.date, e.minutes) for e in entries][-1] == (dt.date(2026, 12, 8), 115)
        assert "kintone 質問会" in entries[-1].note
        statuses = {
            a.enrolment_id: a.status for a in selectors.live_session_attendance(session=session)
        }
        assert statuses == {
            on_time.pk: AttendanceStatus.PRESENT,
            absentee.pk: AttendanceStatus.ABSENT,
        }
    client = Client()
    client.force_login(cast.user("participant"))
    page = client.get(
        reverse("my-enrolment", kwargs={"slug": "koga", "enrolment_id": on_time.pk}),
        headers={"accept-language": "ja"},
    )
    assert "kintone 質問会" in page.content.decode()


def test_joining_late_and_the_trainers_word_count(
    koga: Region, cast: Cast, learners: tuple[Enrolment, Enrolment]
) -> None:
    trainer = cast.user("trainer")
    session = _schedule(koga, learners[0], trainer)
    with clock.frozen_at(SESSION_10 + dt.timedelta(minutes=40)), region_scope(koga):
        late = live_session_join(session_id=session.pk, user=cast.user("participant"))
        assert late.status == AttendanceStatus.LATE
        live_attendance_record(
            session_id=session.pk,
            enrolment_id=learners[1].pk,
            status=AttendanceStatus.EXCUSED,
            minutes=None,
            actor=trainer,
        )
        live_attendance_record(
            session_id=session.pk,
            enrolment_id=learners[0].pk,
            status=AttendanceStatus.LATE,
            minutes=60,
            actor=trainer,
        )
        with pytest.raises(ValidationError):
            live_attendance_record(
                session_id=session.pk,
                enrolment_id=learners[0].pk,
                status=AttendanceStatus.PRESENT,
                minutes=121,
                actor=trainer,
            )
    with clock.frozen_at(SESSION_10 + dt.timedelta(hours=3)), region_scope(koga):
        live_session_close(session_id=session.pk, actor=trainer)
        learners[0].refresh_from_db()
        learners[1].refresh_from_db()
        assert selectors.progress_entries(enrolment=learners[0])[-1].minutes == 60
        assert not selectors.progress_entries(enrolment=learners[1])
        with pytest.raises(Conflict):
            live_attendance_record(
                session_id=session.pk,
                enrolment_id=learners[0].pk,
                status=AttendanceStatus.PRESENT,
                minutes=10,
                actor=trainer,
            )


def test_it_refuses_joins_and_closes_at_the_wrong_time(
    koga: Region, cast: Cast, learners: tuple[Enrolment, Enrolment]
) -> None:
    trainer = cast.user("trainer")
    session = _schedule(koga, learners[0], trainer)
    with region_scope(koga):
        with clock.frozen_at(SESSION_10 - dt.timedelta(minutes=30)), pytest.raises(Conflict):
            live_session_join(session_id=session.pk, user=cast.user("participant"))
        with clock.frozen_at(SESSION_10 + dt.timedelta(hours=1)), pytest.raises(Conflict):
            live_session_close(session_id=session.pk, actor=trainer)
        with clock.frozen_at(SESSION_10 + dt.timedelta(hours=1)), pytest.raises(Conflict):
            # Not studying this course.
            live_session_join(session_id=session.pk, user=cast.user("trainer"))
        with clock.frozen_at(SESSION_10 + dt.timedelta(hours=3)), pytest.raises(Conflict):
            live_session_join(session_id=session.pk, user=cast.user("participant"))


def test_cancelling_tells_the_learners_and_stops_joining(
    koga: Region, cast: Cast, learners: tuple[Enrolment, Enrolment]
) -> None:
    session = _schedule(koga, learners[0], cast.user("trainer"))
    with clock.frozen_at(MONDAY_9), region_scope(koga):
        live_session_cancel(session_id=session.pk, actor=cast.user("trainer"))
        assert OutboxMessage.objects.filter(kind="live_session_cancelled").count() == 1
    with clock.frozen_at(SESSION_10), region_scope(koga), pytest.raises(Conflict):
        live_session_join(session_id=session.pk, user=cast.user("participant"))


def test_the_calendar_file_holds_the_session(
    koga: Region, cast: Cast, learners: tuple[Enrolment, Enrolment]
) -> None:
    session = _schedule(koga, learners[0], cast.user("trainer"))
    client = Client()
    client.force_login(cast.user("participant"))
    response = client.get(
        reverse("live-session-ics", kwargs={"slug": "koga", "session_id": session.pk})
    )
    assert response["Content-Type"].startswith("text/calendar")
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert event.decoded("dtstart") == SESSION_10
    assert str(event["summary"]).startswith("kintone 質問会")


def test_the_office_sees_who_is_in_a_session_now(
    koga: Region, cast: Cast, learners: tuple[Enrolment, Enrolment]
) -> None:
    session = _schedule(koga, learners[0], cast.user("trainer"))
    with clock.frozen_at(SESSION_10 + dt.timedelta(minutes=1)), region_scope(koga):
        live_session_join(session_id=session.pk, user=cast.user("participant"))
        now = selectors.live_sessions_now(at=clock.now())
        assert {entry.user_id for entry in now} == {
            cast.user("participant").pk,
            cast.user("trainer").pk,
        }
        assert selectors.live_sessions_now(at=SESSION_10 + dt.timedelta(hours=3)) == []
