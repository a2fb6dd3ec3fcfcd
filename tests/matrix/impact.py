"""Impact — the region's figures (operators and the municipality), and the one-click
residence-check page, which anyone holding its signed link may open (the token is the
permission; a link made for one region's check names nothing in another)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.impact.indicators import fiscal_year_of
from sousei.impact.links import check_token
from sousei.impact.models import ResidenceCheck, Track
from sousei.people.tests.factories import PersonFactory
from tests.matrix import PUBLIC, Area, Endpoint

IMPACT_READERS = frozenset({Role.OPERATOR, Role.MUNICIPALITY})
OPERATORS = frozenset({Role.OPERATOR})

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/impact/", IMPACT_READERS),
    Endpoint("GET", "/r/{slug}/impact/people/", IMPACT_READERS),
    Endpoint("GET", "/r/{slug}/impact/people.csv", IMPACT_READERS),
    Endpoint("GET", "/r/{slug}/impact/targets/{fiscal_year}/", IMPACT_READERS),
    Endpoint(
        "POST",
        "/r/{slug}/impact/targets/{fiscal_year}/",
        IMPACT_READERS,
        ok=302,
        body="page_targets",
    ),
    Endpoint("GET", "/r/{slug}/impact/residence/", OPERATORS),
    Endpoint("GET", "/r/{slug}/impact/residence/{check}/record/", OPERATORS),
    Endpoint(
        "POST", "/r/{slug}/impact/residence/{check}/record/", OPERATORS, ok=302, body="answer"
    ),
    Endpoint("GET", "/r/{slug}/impact/report.xlsx", IMPACT_READERS),
    Endpoint("GET", "/r/{slug}/impact/report.pdf", IMPACT_READERS),
    Endpoint("GET", "/r/{slug}/impact/residence/{check_token}/", PUBLIC),
    Endpoint("POST", "/r/{slug}/impact/residence/{check_token}/", PUBLIC, ok=302, body="answer"),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/impact", IMPACT_READERS),
    Endpoint("GET", "/api/v1/regions/{slug}/impact/people", IMPACT_READERS),
    Endpoint("GET", "/api/v1/regions/{slug}/impact/report.xlsx", IMPACT_READERS),
    Endpoint("GET", "/api/v1/regions/{slug}/impact/report.pdf", IMPACT_READERS),
    Endpoint(
        "PUT", "/api/v1/regions/{slug}/kpi-targets/{fiscal_year}", IMPACT_READERS, body="targets"
    ),
    # Across regions: the caller's roles anywhere decide (the path names no region).
    Endpoint("GET", "/api/v1/impact/comparison", IMPACT_READERS),
    Endpoint("GET", "/impact/comparison/", IMPACT_READERS),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    with region_scope(region):
        person = PersonFactory.create(region=region)
        check = ResidenceCheck.objects.create(
            region=region,
            person=person,
            track=Track.PROGRAM,
            source_id=person.pk,
            months=6,
            due_on=dt.date(2026, 11, 1),
        )
    return {
        "check_token": check_token(region_id=region.pk, check_id=check.pk),
        "check": check.pk,
        # This fiscal year: its targets can still be set on the page.
        "fiscal_year": fiscal_year_of(clock.today()),
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "answer": {"lives_in_region": "yes", "municipality_code": ""},
        "targets": {"targets": [{"code": "completers", "target": 30}]},
        "page_targets": {"targets": "1", "kpi-completers": "30"},
    }


AREA = Area(
    name="impact",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<str:token>": "{check_token}",
        "<int:year>": "{fiscal_year}",
        "<int:check_id>": "{check}",
    },
)
