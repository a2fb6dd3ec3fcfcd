"""Staffing — projects, candidates, proposals, assignments.

In Koga the project belongs to the cast's client company (so "client" may read it) and the
assignment to the caller "participant"; in Fukutsu they are someone else's.
"""

from __future__ import annotations

from typing import Any

from conftest import Cast
from sousei.core.models import Region, RegionOrganization
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.services import minimum_wages_load
from sousei.core.tests.factories import client_company
from sousei.projects.models import AssignmentProposal
from sousei.projects.tests import factories
from tests.matrix import OPERATOR, Area, Endpoint

PROJECT_READERS = frozenset({Role.OPERATOR, Role.CLIENT})
ASSIGNMENT_READERS = frozenset({Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT})

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/projects/", PROJECT_READERS),
    Endpoint("GET", "/r/{slug}/projects/new/", OPERATOR),
    Endpoint("POST", "/r/{slug}/projects/new/", OPERATOR, ok=302, body="project_form"),
    Endpoint("GET", "/r/{slug}/projects/{project}/", PROJECT_READERS),
    Endpoint("POST", "/r/{slug}/projects/{project}/assign/", OPERATOR, ok=302, body="assign_form"),
    Endpoint("GET", "/r/{slug}/staffing/proposal/", OPERATOR),
    Endpoint("POST", "/r/{slug}/staffing/proposal/", OPERATOR, ok=302),
    Endpoint(
        "POST", "/r/{slug}/staffing/proposal/{proposal}/accept/", OPERATOR, ok=302, body="pick"
    ),
    # API
    Endpoint("POST", "/api/v1/regions/{slug}/projects", OPERATOR, ok=201, body="project"),
    Endpoint("GET", "/api/v1/regions/{slug}/projects", PROJECT_READERS),
    Endpoint("GET", "/api/v1/regions/{slug}/projects/{project}", PROJECT_READERS),
    Endpoint("GET", "/api/v1/regions/{slug}/projects/{project}/candidates?limit=5", OPERATOR),
    Endpoint("POST", "/api/v1/regions/{slug}/assignment-proposals", OPERATOR, ok=201),
    Endpoint("GET", "/api/v1/regions/{slug}/assignment-proposals/{proposal}", OPERATOR),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/assignment-proposals/{proposal}/accept",
        OPERATOR,
        body="all",
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/assignments", OPERATOR, ok=201, body="assignment"),
    Endpoint("GET", "/api/v1/regions/{slug}/assignments", ASSIGNMENT_READERS),
    Endpoint("GET", "/api/v1/regions/{slug}/assignments/{assignment}", ASSIGNMENT_READERS),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/assignments/{assignment}/rates",
        OPERATOR,
        ok=201,
        body="rate",
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/assignments/{assignment}/end", OPERATOR, body="end"),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    minimum_wages_load()
    company = client_company()
    with region_scope(region):
        RegionOrganization.objects.get_or_create(region=region, organization=company)
        project = factories.project(region, headcount=3)
        trained = factories.trained_participant(region)
        newcomer = factories.trained_participant(region)
        assignment = factories.assignment(region, on=project)
        if region.slug == "koga":
            person = assignment.participant.person
            person.user = cast.user("participant", "koga")
            person.save(update_fields=["user"])
        proposal = AssignmentProposal.objects.create(
            region=region, total_score=0, project_count=1, candidate_count=1
        )
        proposal.pairs.create(
            region=region, project=project, participant=trained, score=5000, reasons=[]
        )
    return {
        "project": project.pk,
        "assignment": assignment.pk,
        "proposal": proposal.pk,
        "trained": trained.pk,
        "newcomer": newcomer.pk,
        "client": company.pk,
        "skill": factories.skill().pk,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    project = {
        "client_id": ids["client"],
        "title": "経費精算の自動化",
        "skills": [{"code": "rpa.uipath", "min_level": 2}],
        "headcount": 1,
        "hours_per_week": 10,
        "start_date": "2026-12-01",
        "end_date": "2027-02-28",
        "hourly_rate_jpy": 1200,
    }
    form = {
        "client": ids["client"],
        "title": "経費精算の自動化",
        "headcount": 1,
        "hours_per_week": 10,
        "start_date": "2026-12-01",
        "end_date": "2027-02-28",
        "place": "remote",
        "hourly_rate_jpy": 1200,
    }
    person = ids["newcomer"]
    return {
        "project": project,
        "project_form": form,
        "assign_form": {
            "participant": person,
            f"p{person}-participant": person,
            f"p{person}-start_date": "2026-12-01",
            f"p{person}-end_date": "2027-03-31",
            f"p{person}-hourly_rate_jpy": "1300",
        },
        "pick": {"pair": f"{ids['project']}:{ids['trained']}"},
        "all": {},
        "assignment": {
            "project_id": ids["project"],
            "participant_id": person,
            "start_date": "2026-12-01",
            "end_date": "2027-03-31",
            "hourly_rate_jpy": 1300,
        },
        "rate": {"effective_from": "2027-01-01", "hourly_rate_jpy": 1400},
        "end": {"end_date": "2027-01-31"},
    }


AREA = Area(
    name="projects",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:project_id>": "{project}",
        "<int:proposal_id>": "{proposal}",
    },
    api_parameters={
        "{project_id}": "{project}",
        "{proposal_id}": "{proposal}",
        "{assignment_id}": "{assignment}",
    },
)
