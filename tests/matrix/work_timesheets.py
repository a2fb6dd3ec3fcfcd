"""Staffing — time records: the week view, submitting, approving, returning, corrections.

In Koga the assignment belongs to the caller "participant" and its project to the cast's
client company; in Fukutsu it is someone else's. Three past weeks are ready: one with a draft
day (to record, delete and submit), one submitted (to approve or return), one approved (to
correct)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.projects.tests import factories
from sousei.work.models.timesheets import RecordStatus, TimeRecord, WeekReview, WeekStatus
from tests.matrix import OPERATOR, Area, Endpoint

PARTICIPANT = frozenset({Role.PARTICIPANT})
RECORDERS = frozenset({Role.OPERATOR, Role.PARTICIPANT})
APPROVERS = frozenset({Role.OPERATOR, Role.CLIENT})
READERS = frozenset({Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT})
API = "/api/v1/regions/{slug}/assignments/{assignment}/time-records"

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/work/", PARTICIPANT),
    Endpoint("GET", "/r/{slug}/work/{assignment}/", RECORDERS),
    Endpoint("POST", "/r/{slug}/work/{assignment}/", RECORDERS, ok=302, body="day_form"),
    Endpoint("POST", "/r/{slug}/work/{assignment}/submit/", RECORDERS, ok=302, body="draft_week"),
    Endpoint("GET", "/r/{slug}/work/{assignment}/records/{record}/edit/", RECORDERS),
    # An empty form: the recorder gets it back with its errors, nobody else sees it.
    Endpoint("POST", "/r/{slug}/work/{assignment}/records/{record}/edit/", RECORDERS, ok=422),
    Endpoint("POST", "/r/{slug}/work/{assignment}/records/{record}/delete/", RECORDERS, ok=302),
    Endpoint("GET", "/r/{slug}/approvals/", APPROVERS),
    Endpoint("GET", "/r/{slug}/costs/", APPROVERS),
    Endpoint("GET", "/r/{slug}/costs/costs.csv", APPROVERS),
    Endpoint("GET", "/r/{slug}/approvals/{assignment}/", APPROVERS),
    Endpoint(
        "POST", "/r/{slug}/approvals/{assignment}/approve/", APPROVERS, ok=302, body="submitted"
    ),
    Endpoint("POST", "/r/{slug}/approvals/{assignment}/return/", APPROVERS, ok=302, body="return"),
    # API
    Endpoint("POST", API, RECORDERS, ok=201, body="record"),
    Endpoint("GET", API + "?week=2025-12-08", READERS),
    Endpoint("POST", API + "/{record}/delete", RECORDERS, ok=204),
    Endpoint("POST", API + "/submit", RECORDERS, body="draft_week"),
    Endpoint("POST", API + "/approve", APPROVERS, body="submitted"),
    Endpoint("POST", API + "/return", APPROVERS, body="return"),
    Endpoint("POST", API + "/corrections", OPERATOR, ok=201, body="correction"),
    Endpoint("GET", "/api/v1/regions/{slug}/weeks-to-approve", APPROVERS),
]


def _record(assignment: Any, day: dt.date, status: str) -> TimeRecord:
    start = dt.datetime.combine(day, dt.time(9), tzinfo=dt.timezone(dt.timedelta(hours=9)))
    return TimeRecord.objects.create(
        region=assignment.region,
        assignment=assignment,
        participant_id=assignment.participant_id,
        date=day,
        week_start=day - dt.timedelta(days=(day.weekday() + 1) % 7),
        start=start,
        end=start + dt.timedelta(hours=5),
        worked_minutes=300,
        status=status,
    )


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    with region_scope(region):
        assignment = factories.assignment(
            region, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2026, 3, 31)
        )
        if region.slug == "koga":
            person = assignment.participant.person
            person.user = cast.user("participant", "koga")
            person.save(update_fields=["user"])
        draft = _record(assignment, dt.date(2025, 12, 8), RecordStatus.DRAFT)
        _record(assignment, dt.date(2025, 12, 15), RecordStatus.SUBMITTED)
        approved = _record(assignment, dt.date(2025, 12, 22), RecordStatus.APPROVED)
        for week, status in (
            (dt.date(2025, 12, 14), WeekStatus.SUBMITTED),
            (dt.date(2025, 12, 21), WeekStatus.APPROVED),
        ):
            WeekReview.objects.create(
                region=region,
                assignment=assignment,
                week_start=week,
                status=status,
                submitted_at=approved.created_at,
            )
    return {"assignment": assignment.pk, "record": draft.pk, "approved": approved.pk}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    record = {"date": "2025-12-09", "start": "09:00", "end": "13:00", "breaks": [], "note": ""}
    return {
        "day_form": {"date": "2025-12-09", "start": "09:00", "end": "13:00"},
        "record": record,
        "draft_week": {"week_start": "2025-12-07"},
        "submitted": {"week_start": "2025-12-14"},
        "return": {"week_start": "2025-12-14", "comment": "休憩時間を確認してください"},
        "correction": {
            **record,
            "date": "2025-12-22",
            "end": "15:00",
            "reason": "終了時刻の訂正",
            "adjusts_id": ids.get("approved"),
        },
    }


AREA = Area(
    name="work_timesheets",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={"<int:assignment_id>": "{assignment}", "<int:record_id>": "{record}"},
    api_parameters={"{assignment_id}": "{assignment}", "{record_id}": "{record}"},
)
