"""Staffing — evaluations, career outcomes and the journey.

In Koga the participant is the caller "participant" and the projects belong to the cast's
client company; in Fukutsu they are someone else's. `{assignment}` has ended and waits for its
evaluation; `{evaluated}` has one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from conftest import Cast
from sousei.careers.services import SkillRating, evaluation_record
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.models import AssignmentStatus
from sousei.projects.tests import factories
from tests.matrix import OPERATOR, Area, Endpoint

EVALUATORS = frozenset({Role.OPERATOR, Role.CLIENT})
EVALUATION_READERS = frozenset({Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT})
SELF_OR_OPERATOR = frozenset({Role.OPERATOR, Role.PARTICIPANT})
PARTICIPANT = frozenset({Role.PARTICIPANT})
SUMMARY_READERS = frozenset({Role.OPERATOR, Role.MUNICIPALITY})

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/evaluations/", EVALUATORS),
    Endpoint("GET", "/r/{slug}/assignments/{assignment}/evaluation/", EVALUATION_READERS),
    Endpoint(
        "POST",
        "/r/{slug}/assignments/{assignment}/evaluation/",
        EVALUATORS,
        ok=302,
        body="evaluation_form",
    ),
    Endpoint("GET", "/r/{slug}/careers/", OPERATOR),
    Endpoint("GET", "/r/{slug}/participants/{participant}/career/", OPERATOR),
    Endpoint(
        "POST",
        "/r/{slug}/participants/{participant}/career/",
        OPERATOR,
        ok=302,
        body="outcome_form",
    ),
    Endpoint("GET", "/r/{slug}/participants/{participant}/journey/", SELF_OR_OPERATOR),
    Endpoint("GET", "/r/{slug}/journey/", PARTICIPANT),
    # API
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/assignments/{assignment}/evaluation",
        EVALUATORS,
        ok=201,
        body="evaluation",
    ),
    Endpoint(
        "GET",
        "/api/v1/regions/{slug}/assignments/{assignment}/evaluation",
        EVALUATION_READERS,
        alias={"assignment": "evaluated"},
    ),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/participants/{participant}/career-outcomes",
        OPERATOR,
        ok=201,
        body="outcome",
    ),
    Endpoint(
        "GET",
        "/api/v1/regions/{slug}/participants/{participant}/career-outcomes",
        SELF_OR_OPERATOR,
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/career-outcomes/summary", SUMMARY_READERS),
    Endpoint("GET", "/api/v1/regions/{slug}/participants/{participant}/journey", SELF_OR_OPERATOR),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    today = timezone.localdate()
    with region_scope(region):
        participant = ParticipantFactory.create(region=region)
        if region.slug == "koga":
            participant.person.user = cast.user("participant", "koga")
            participant.person.save(update_fields=["user"])
        ended, evaluated = (
            factories.assignment(
                region,
                participant=participant,
                starts_on=today - dt.timedelta(days=60),
                ends_on=today - dt.timedelta(days=1),
            )
            for _n in range(2)
        )
        for assignment in (ended, evaluated):
            assignment.status = AssignmentStatus.ENDED
            assignment.save(update_fields=["status"])
        evaluation_record(
            assignment_id=evaluated.pk,
            ratings=[SkillRating("rpa.uipath", 3)],
            recommendation="continue_projects",
            comment="",
            actor=cast.user("operator", region.slug),
        )
    return {"participant": participant.pk, "assignment": ended.pk, "evaluated": evaluated.pk}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    today = str(timezone.localdate())
    return {
        "evaluation_form": {
            "rating__rpa.uipath": "3",
            "note__rpa.uipath": "",
            "recommendation": "continue_projects",
            "comment": "",
        },
        "outcome_form": {
            "kind": "continue_projects",
            "effective_on": today,
            "lives_in_region": "on",
        },
        "evaluation": {
            "ratings": [{"skill": "rpa.uipath", "rating": 3}],
            "recommendation": "continue_projects",
        },
        "outcome": {"kind": "continue_projects", "effective_on": today, "lives_in_region": True},
    }


AREA = Area(
    name="careers",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:assignment_id>": "{assignment}",
        "<int:participant_id>": "{participant}",
    },
    api_parameters={"{assignment_id}": "{assignment}", "{participant_id}": "{participant}"},
)
