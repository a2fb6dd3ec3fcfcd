"""Training: live sessions (schedule, attendance, join, close, cancel, calendar file)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.models import CourseTrainer, LiveAttendance, LiveSession
from sousei.training.services.enrolments import PlanChoice, enrolment_create
from sousei.training.tests import factories as training_factories
from tests.matrix import STAFF, Area, Endpoint

LEARNER = frozenset({Role.PARTICIPANT})
MEMBERS = STAFF | LEARNER

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/live/", MEMBERS),
    Endpoint("GET", "/r/{slug}/live/new/", STAFF),
    Endpoint("GET", "/r/{slug}/live/{session}/", MEMBERS),
    Endpoint("GET", "/r/{slug}/live/{session}/session.ics", MEMBERS),
    Endpoint("POST", "/r/{slug}/live/{session}/join/", LEARNER, ok=302),
    Endpoint(
        "POST",
        "/r/{slug}/live/{session}/attendance/{enrolment}/",
        STAFF,
        ok=302,
        body="attendance_page",
    ),
    Endpoint(
        "POST",
        "/r/{slug}/live/{session}/close/",
        STAFF,
        ok=302,
        body="confirm",
        alias={"session": "ended"},
    ),
    Endpoint("POST", "/r/{slug}/live/{session}/cancel/", STAFF, ok=302, body="confirm"),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/live-sessions", MEMBERS),
    Endpoint("POST", "/api/v1/regions/{slug}/live-sessions", STAFF, ok=201, body="schedule"),
    Endpoint("GET", "/api/v1/regions/{slug}/live-sessions/{session}", MEMBERS),
    Endpoint("POST", "/api/v1/regions/{slug}/live-sessions/{session}/join", LEARNER),
    Endpoint(
        "PUT",
        "/api/v1/regions/{slug}/live-sessions/{session}/attendance/{enrolment}",
        STAFF,
        body="attendance",
    ),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/live-sessions/{session}/close",
        STAFF,
        alias={"session": "ended"},
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/live-sessions/{session}/cancel", STAFF),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """A course the region's trainer teaches; the caller "participant" studying it (in Koga;
    in Fukutsu someone else); a session starting in five minutes and one that has ended, both
    with the learner invited."""
    operator = cast.user("operator", region.slug)
    now = clock.now()
    with region_scope(region):
        course = training_factories.course(region)
        training_factories.pool(region, seats=5)
        CourseTrainer.objects.create(
            region=region, course=course, user=cast.user("trainer", region.slug)
        )
        learner = ParticipantFactory.create(region=region)
        if region.slug == "koga":
            learner.person.user = cast.user("participant", "koga")
            learner.person.save(update_fields=["user"])
        enrolment = enrolment_create(
            participant=learner,
            course=course,
            choice=PlanChoice(start_date=clock.today() - dt.timedelta(days=7), daily_minutes=120),
            actor=operator,
        )
        sessions = {}
        for name, starts in (
            ("session", now + dt.timedelta(minutes=5)),
            ("ended", now - dt.timedelta(hours=2)),
        ):
            session = LiveSession.objects.create(
                region=region,
                course=course,
                title=f"kintone Q&A ({name})",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1),
                meeting_url="https://meet.example.jp/kintone",
                trainer=operator,
            )
            LiveAttendance.objects.create(region=region, session=session, enrolment=enrolment)
            sessions[name] = session.pk
    return {"course": course.pk, "enrolment": enrolment.pk, **sessions}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    starts = clock.now() + dt.timedelta(days=2)
    return {
        "schedule": {
            "course_id": ids.get("course"),
            "title": "RPA 質問会",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
            "meeting_url": "https://meet.example.jp/rpa",
            "room_name": "研修ルーム",
        },
        "attendance": {"status": "late", "minutes": 30},
        "attendance_page": {
            f"a{ids.get('enrolment')}-status": "present",
            f"a{ids.get('enrolment')}-minutes": "",
        },
        "confirm": {"confirm": "yes"},
    }


AREA = Area(
    name="training_live",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={"<int:session_id>": "{session}", "<int:enrolment_id>": "{enrolment}"},
    api_parameters={"{session_id}": "{session}", "{enrolment_id}": "{enrolment}"},
)
