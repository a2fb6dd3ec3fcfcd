"""Staffing — pay runs, exports and statements.

November 2025 is paid and completed (the statement the participant may read); December 2025
is a draft run (to complete). In Koga the statement is the caller "participant"'s."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.services import minimum_wages_load
from sousei.projects.tests import factories
from sousei.work.models.payroll import PayStatement
from sousei.work.models.timesheets import RecordStatus
from sousei.work.services.payroll import pay_run_complete, pay_run_create
from tests.matrix import OPERATOR, Area, Endpoint
from tests.matrix.work_timesheets import _record

PARTICIPANT = frozenset({Role.PARTICIPANT})
STATEMENT_READERS = frozenset({Role.OPERATOR, Role.PARTICIPANT})
RUNS = "/api/v1/regions/{slug}/pay-runs"

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/pay-runs/", OPERATOR),
    Endpoint("POST", "/r/{slug}/pay-runs/", OPERATOR, ok=302, body="month"),
    Endpoint("GET", "/r/{slug}/pay-runs/{run}/", OPERATOR),
    Endpoint(
        "POST", "/r/{slug}/pay-runs/{run}/complete/", OPERATOR, ok=302, alias={"run": "draft"}
    ),
    Endpoint("GET", "/r/{slug}/pay/", PARTICIPANT),
    Endpoint("GET", "/r/{slug}/pay/{statement}/", STATEMENT_READERS),
    Endpoint("GET", "/r/{slug}/pay/{statement}/statement.pdf", STATEMENT_READERS),
    # API
    Endpoint("POST", RUNS, OPERATOR, ok=201, body="month"),
    Endpoint("GET", RUNS, OPERATOR),
    Endpoint("GET", RUNS + "/{run}", OPERATOR),
    Endpoint("POST", RUNS + "/{run}/complete", OPERATOR, alias={"run": "draft"}),
    Endpoint("GET", RUNS + "/{run}/export.csv", OPERATOR),
    Endpoint("GET", RUNS + "/{run}/export.xlsx", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/me/pay-statements", PARTICIPANT),
    Endpoint("GET", "/api/v1/regions/{slug}/pay-statements/{statement}", STATEMENT_READERS),
    Endpoint(
        "GET",
        "/api/v1/regions/{slug}/pay-statements/{statement}/statement.pdf",
        STATEMENT_READERS,
    ),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    minimum_wages_load()
    operator = cast.user("operator", region.slug)
    with region_scope(region):
        assignment = factories.assignment(
            region, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2026, 3, 31)
        )
        if region.slug == "koga":
            person = assignment.participant.person
            person.user = cast.user("participant", "koga")
            person.save(update_fields=["user"])
        _record(assignment, dt.date(2025, 11, 4), RecordStatus.APPROVED)
        _record(assignment, dt.date(2025, 12, 2), RecordStatus.APPROVED)
        paid = pay_run_create(region=region, month="2025-11", actor=operator)
        pay_run_complete(run=paid, actor=operator)
        draft = pay_run_create(region=region, month="2025-12", actor=operator)
        statement = PayStatement.objects.get(pay_run=paid)
    return {"run": paid.pk, "draft": draft.pk, "statement": statement.pk}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {"month": {"month": "2026-01"}}


AREA = Area(
    name="work_payroll",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={"<int:run_id>": "{run}", "<int:statement_id>": "{statement}"},
    api_parameters={"{run_id}": "{run}", "{statement_id}": "{statement}"},
)
