"""How the API fuzz runs an area: schemathesis generates requests from the OpenAPI document for
every operation of the area, as the operator and as the participant of Koga, and each answer
must be no 5xx and match the schema the document declares for its status.

The world (the cast, the area's objects in both regions, a bearer token per caller) is the
permission matrix's (tests/matrix/cases.py), built once per area inside an outer transaction
that is rolled back after the area's last case. Path parameters are either fixed to Koga and
the area's objects, so that requests reach the endpoint's logic, or generated freely; bodies
and queries are generated both valid (positive) and invalid (negative). The run is bounded and
deterministic: a fixed number of examples per operation, derandomized, no example database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pytest_django import DjangoDbBlocker
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sousei.api import api
from tests.matrix import Area
from tests.matrix.cases import World, world_build

ROLES = ["operator", "participant"]
# Examples of each of the 5 kinds of case, per operation and role: 25 requests × 2 roles ×
# ~100 operations, a few minutes in all. SOUSEI_FUZZ_EXAMPLES=50 searches deeper (by hand).
EXAMPLES = int(os.environ.get("SOUSEI_FUZZ_EXAMPLES", "5"))

DOCUMENT = api.get_openapi_schema()
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
# Django's WSGI handler itself: sousei.wsgi adds only the production server's refusal of the
# development SECRET_KEY, which the test settings use.
SCHEMA.app = WSGIHandler()
OPERATIONS = {
    (operation.method.upper(), operation.path): operation
    for operation in (result.ok() for result in SCHEMA.get_all_operations())  # type: ignore[union-attr]
}


def poisoned(case: schemathesis.Case, mark: str) -> schemathesis.Case:
    """The case with `mark` (a NUL byte, a lone surrogate) slipped into every text it sends:
    random generation seldom produces either, and both once reached the database."""
    path = getattr(case, "path_parameters", None)
    if isinstance(path, dict) and mark == "\x00":
        for key, value in path.items():
            if isinstance(value, str):
                path[key] = value + mark
    query = getattr(case, "query", None)
    if isinstance(query, dict) and mark == "\x00":
        for key, value in query.items():
            if isinstance(value, str):
                query[key] = value + mark
    body = getattr(case, "body", None)
    if isinstance(body, dict) and (case.media_type == "application/json" or mark == "\x00"):
        for key, value in body.items():
            if isinstance(value, str):
                body[key] = value + mark
    return case


def normalise(path: str, replacements: dict[str, str]) -> str:
    for pattern, placeholder in replacements.items():
        path = path.replace(pattern, placeholder)
    return path


def operations_of(area: Area, areas: list[Area]) -> list[tuple[str, str]]:
    """The document's operations the area lists; the core area also takes those no area lists
    (sign-in, postal codes)."""
    listed = {(e.method, e.path.split("?")[0]) for e in area.endpoints}
    anywhere = {(e.method, e.path.split("?")[0]) for other in areas for e in other.endpoints}
    mine = []
    for method, path in sorted(OPERATIONS):
        key = (method, normalise(path, dict(area.api_parameters)))
        keys_anywhere = {(method, normalise(path, dict(other.api_parameters))) for other in areas}
        if key in listed or (area.name == areas[0].name and not keys_anywhere & anywhere):
            mine.append((method, path))
    return mine


class FuzzCases:
    """Subclass as Test<Area>Fuzz with `area = <module>.AREA` to fuzz that area's operations."""

    area: ClassVar[Area]

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        from tests.test_permission_matrix import AREAS

        operations = operations_of(self.area, AREAS)
        metafunc.parametrize("operation", operations, ids=[f"{m} {p}" for m, p in operations])
        metafunc.parametrize("role", ROLES)

    @pytest.fixture(scope="class")
    @classmethod
    def world(cls, django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
        with django_db_blocker.unblock(), transaction.atomic():
            built = world_build(cls.area)
            with django_db_blocker.block():
                yield built
            transaction.set_rollback(True)

    @pytest.mark.django_db
    def test_fuzz(self, world: World, operation: tuple[str, str], role: str) -> None:
        target = OPERATIONS[operation]
        ids = world.ids["own"]
        fixed: dict[str, Any] = {}
        for parameter in target.path_parameters:
            name = parameter.name
            placeholder = self.area.api_parameters.get("{" + name + "}", "{" + name + "}")
            if name == "slug":
                fixed[name] = world.regions["own"].slug
            elif placeholder.strip("{}") in ids:
                fixed[name] = ids[placeholder.strip("{}")]
        valid = target.as_strategy(path_parameters=fixed)
        strategy = st.one_of(
            valid,
            target.as_strategy(
                generation_mode=schemathesis.GenerationMode.NEGATIVE, path_parameters=fixed
            ),
            target.as_strategy(),
            valid.map(lambda case: poisoned(case, "\x00")),
            valid.map(lambda case: poisoned(case, "\ud800")),
        )
        headers = {"Authorization": f"Bearer {world.tokens[role]}"}

        @settings(
            max_examples=EXAMPLES * 5,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers=headers, checks=[not_a_server_error, response_schema_conformance]
            )

        # The WSGI handler closes the connection after each request, as in production; here it
        # must stay open inside the test's transaction (Django's test client does the same).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            run()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
