"""Training: courses, licences, enrolments, progress and certificates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    assessment_record,
    enrolment_complete,
    enrolment_create,
    progress_log,
)
from sousei.training.tests import factories as training_factories
from tests.matrix import ALL_ROLES, LEARNERS, OPERATOR, PUBLIC, STAFF, Area, Endpoint

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/courses/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/courses/new/", STAFF),
    Endpoint("GET", "/r/{slug}/courses/{course}/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/courses/{course}/edit/", STAFF),
    Endpoint("GET", "/r/{slug}/enrolments/new/", OPERATOR),
    Endpoint("GET", "/r/{slug}/enrolments/{enrolment}/", STAFF),
    Endpoint("POST", "/r/{slug}/enrolments/{enrolment}/progress/", STAFF, ok=302, body="progress"),
    Endpoint(
        "POST", "/r/{slug}/enrolments/{enrolment}/assessment/", STAFF, ok=302, body="assessment"
    ),
    Endpoint("POST", "/r/{slug}/enrolments/{enrolment}/complete/", STAFF, ok=302),
    Endpoint("POST", "/r/{slug}/enrolments/{enrolment}/replan/", STAFF, ok=302, body="replan"),
    Endpoint(
        "POST", "/r/{slug}/enrolments/{enrolment}/withdraw/", OPERATOR, ok=302, body="withdraw"
    ),
    Endpoint("GET", "/r/{slug}/licences/", OPERATOR),
    Endpoint("GET", "/r/{slug}/licences/{pool}/", OPERATOR),
    Endpoint("GET", "/r/{slug}/at-risk/", STAFF),
    Endpoint("GET", "/r/{slug}/learners/", STAFF),
    Endpoint("GET", "/r/{slug}/learning/", frozenset({Role.PARTICIPANT})),
    # The matrix's enrolment is the caller "participant"'s own.
    Endpoint("GET", "/r/{slug}/learning/{enrolment}/", frozenset({Role.PARTICIPANT})),
    Endpoint("GET", "/r/{slug}/certificates/{code}.pdf", LEARNERS),
    Endpoint("GET", "/verify/", PUBLIC),
    Endpoint("GET", "/verify/{code}/", PUBLIC),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/courses", ALL_ROLES),
    Endpoint(
        "GET",
        "/api/v1/regions/{slug}/plan-preview?course_id={course}&start_date=2026-12-01&daily_hours=8",
        ALL_ROLES,
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/enrolments", OPERATOR, ok=201, body="enrolment"),
    Endpoint("GET", "/api/v1/regions/{slug}/enrolments/at-risk", STAFF),
    Endpoint("GET", "/api/v1/regions/{slug}/enrolments/{enrolment}", LEARNERS),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/enrolments/{enrolment}/progress",
        LEARNERS,
        ok=201,
        body="progress",
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/enrolments/{enrolment}/replan", STAFF, body="replan"),
    Endpoint("POST", "/api/v1/regions/{slug}/enrolments/{enrolment}/withdraw", OPERATOR),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/enrolments/{enrolment}/assessment",
        STAFF,
        ok=201,
        body="assessment",
    ),
    # Allowed callers reach the completion rules, which refuse: nothing is finished yet.
    Endpoint("POST", "/api/v1/regions/{slug}/enrolments/{enrolment}/complete", STAFF, ok=409),
    Endpoint("GET", "/api/v1/regions/{slug}/licence-pools", OPERATOR),
    Endpoint(
        "GET",
        "/api/v1/regions/{slug}/enrolments/{enrolment}/certificate.pdf",
        LEARNERS,
        alias={"enrolment": "completed"},
    ),
]


def objects(region: Region, cast: Cast) -> dict[str, int]:
    """A course with free seats; the caller "participant"'s studying enrolment on it and a
    completed one with a certificate (in Koga; in Fukutsu someone else's); a newcomer. The
    region's "trainer" teaches both courses (a trainer reaches their own courses' learners only,
    sousei/training/access.py)."""
    operator = cast.user("operator", region.slug)
    teacher = [cast.user("trainer", region.slug)]
    choice = PlanChoice(start_date=timezone.localdate() - dt.timedelta(days=7), daily_minutes=120)
    with region_scope(region):
        course = training_factories.course(region, trainers=teacher)
        finished_course = training_factories.course(region, title="kintone 入門", trainers=teacher)
        pool = training_factories.pool(region, seats=5)
        learner = ParticipantFactory.create(region=region)
        if region.slug == "koga":
            learner.person.user = cast.user("participant", "koga")
            learner.person.save(update_fields=["user"])
        enrolment = enrolment_create(
            participant=learner, course=course, choice=choice, actor=operator
        )
        completed = enrolment_create(
            participant=learner, course=finished_course, choice=choice, actor=operator
        )
        for n, module in enumerate(finished_course.modules.order_by("position"), start=1):
            progress_log(
                enrolment_id=completed.pk,
                log=StudyLog(
                    day=timezone.localdate() - dt.timedelta(days=n), minutes=60, module_id=module.pk
                ),
                actor=operator,
            )
        assessment_record(enrolment_id=completed.pk, score=90, actor=operator)
        certificate = enrolment_complete(enrolment_id=completed.pk, actor=operator)
        newcomer = ParticipantFactory.create(region=region)
    return {
        "course": course.pk,
        "enrolment": enrolment.pk,
        "completed": completed.pk,
        "pool": pool.pk,
        "code": certificate.code,  # type: ignore[dict-item]
        "newcomer": newcomer.pk,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    yesterday = str(timezone.localdate() - dt.timedelta(days=1))
    return {
        "enrolment": {
            "participant_id": ids.get("newcomer"),
            "course_id": ids.get("course"),
            "start_date": yesterday,
            "daily_hours": "2",
        },
        "progress": {"date": yesterday, "hours": "1.5"},
        "replan": {"from_date": str(timezone.localdate()), "daily_hours": "4"},
        "assessment": {"score": 90},
        "withdraw": {"confirm": "on"},
    }


AREA = Area(
    name="training",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:course_id>": "{course}",
        "<int:enrolment_id>": "{enrolment}",
        "<int:pool_id>": "{pool}",
        "<str:code>": "{code}",
    },
    api_parameters={"{enrolment_id}": "{enrolment}"},
)
