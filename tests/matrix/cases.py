"""How the matrix runs an area: one test case per endpoint × caller × target region.

The cast, the area's objects in both regions, a signed-in session and a bearer token per
caller are built once per area, inside an outer transaction that is rolled back after the
area's last case. Each case runs in pytest-django's usual per-test transaction, which nests as
a savepoint inside the outer one, so what a POST creates, cancels or completes is rolled back
before the next case and every case starts from the same objects.

Each area has its own test module (tests/matrix/test_<area>.py), so that `--dist loadfile`
spreads the areas over the workers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.test.client import ClientHandler
from pytest_django import DjangoDbBlocker

from conftest import Cast, cast_build, fukutsu_build, koga_build
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.tokens import api_token_issue
from tests.matrix import PUBLIC, SIGNED_IN, Area, Endpoint

# The seven roles of Koga, a signed-in user with no role anywhere, and an anonymous visitor.
CALLERS = [*sorted(Role.values), "outsider", "anonymous"]
# "own" targets Koga, the callers' region; "other" targets Fukutsu.
TARGETS = ["own", "other"]


def expected(endpoint: Endpoint, caller: str, target: str) -> int:
    if endpoint.access == PUBLIC:
        return endpoint.ok
    if caller == "anonymous":
        return 401 if endpoint.api else 302
    if endpoint.access == SIGNED_IN:
        if caller == "outsider" and endpoint.ok_without_role is not None:
            return endpoint.ok_without_role
        return endpoint.ok
    if "{slug}" not in endpoint.path:
        # An endpoint of no one region (a comparison across regions): the caller's roles
        # anywhere decide, and the target does not change the path.
        return endpoint.ok if caller in endpoint.access else endpoint.others_object
    if caller == "outsider" or target == "other":
        return 404
    if caller in endpoint.by_caller:
        return endpoint.by_caller[caller]
    return endpoint.ok if caller in endpoint.access else endpoint.others_object


# The query parameters pages read, and values that once reached a 500 somewhere.
QUERY_NAMES = [
    "week", "date", "day", "month", "year", "start_date", "date_from", "date_to", "page",
    "q", "status", "stage", "kind", "when", "resource", "opening", "event", "course", "actor",
    "action", "object", "region",
]  # fmt: skip
HOSTILE_VALUES = [
    "0001-01-01",
    "9999-12-31",
    "9999-12",
    "a\x00b",
    "\ud800",
    str(2**63),
    "-1",
    "x" * 200_000,
]
HOSTILE_IDS = ["year1", "year9999", "month9999", "nul", "surrogate", "int2e63", "minus1", "1MB"]


def allowed_caller(endpoint: Endpoint) -> str:
    """A caller the endpoint lets in (an operator where it can)."""
    if endpoint.access == PUBLIC:
        return "anonymous"
    if endpoint.access == SIGNED_IN or Role.OPERATOR in endpoint.access:
        return Role.OPERATOR
    return sorted(endpoint.access)[0]


def raw_encode(data: dict[str, Any]) -> str:
    """URL-encodes as a browser would send it, a lone surrogate included (as the bytes a
    careless client sends for it, ED A0 80, which are not valid UTF-8)."""
    return "&".join(
        f"{quote(name)}={quote(str(value).encode('utf-8', 'surrogatepass'))}"
        for name, value in data.items()
    )


def hostile_body(body: dict[str, Any], hostile: str) -> dict[str, Any]:
    """The form's usual body with each value of the hostile value's kind replaced by it (a
    date by a date, a number by a number, text by text), so that the rest of the form is
    valid and the value reaches as deep as it can."""

    def kind(value: str) -> str:
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
            return "date"
        return "number" if re.fullmatch(r"-?\d+", value) else "text"

    changed: dict[str, Any] = {}
    for name, value in body.items():
        same_kind = isinstance(value, str | int) and kind(str(value)) == kind(hostile)
        # An id names an object of the matrix: a wrong one only ever answers 404 or 422.
        is_id = name.endswith(("_id", "resource", "course", "project", "participant"))
        changed[name] = hostile if same_kind and not is_id else value
    return changed


@dataclass(frozen=True)
class World:
    """What every case of an area shares: read it, never change it (a case's writes to the
    database are rolled back, changes to these Python objects are not)."""

    regions: dict[str, Region]  # by target
    cast: Cast
    ids: dict[str, dict[str, Any]]  # the area's objects by target
    sessions: dict[str, str]  # session key by caller
    tokens: dict[str, str]  # raw bearer token by caller
    # A new client loads the middleware on its first request, and WhiteNoise's then walks
    # every static file (about two thirds of a case's time); the cases share one handler.
    handler: ClientHandler

    def client(self, caller: str, *, api: bool) -> Client:
        """A fresh client for each case, so that no cookie a response sets leaks on."""
        if caller == "anonymous":
            client = Client()
        elif api:
            client = Client(headers={"authorization": f"Bearer {self.tokens[caller]}"})
        else:
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[caller]
        client.handler = self.handler
        return client


def caller_user(cast: Cast, caller: str) -> User:
    return cast.outsider if caller == "outsider" else cast.user(caller, "koga")


def world_build(area: Area) -> World:
    # A row left behind by an earlier area would be picked up here and hide a leak.
    assert not Region.objects.exists(), "an earlier test left regions in the database"
    koga, fukutsu = koga_build(), fukutsu_build()
    cast = cast_build(koga, fukutsu)
    regions = {"own": koga, "other": fukutsu}
    ids = {target: area.objects(region, cast) for target, region in regions.items()}
    sessions: dict[str, str] = {}
    tokens: dict[str, str] = {}
    for caller in CALLERS:
        if caller == "anonymous":
            continue
        user = caller_user(cast, caller)
        login = Client()
        login.force_login(user)
        sessions[caller] = login.cookies[settings.SESSION_COOKIE_NAME].value
        tokens[caller], _token = api_token_issue(user=user)
    return World(
        regions=regions,
        cast=cast,
        ids=ids,
        sessions=sessions,
        tokens=tokens,
        handler=ClientHandler(enforce_csrf_checks=False),
    )


class MatrixCases:
    """Subclass as Test<Area> with `area = <module>.AREA` to run that area's matrix."""

    area: ClassVar[Area]

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        endpoints = self.area.endpoints
        if "hostile" in metafunc.fixturenames:
            # Pages only: the API's inputs are fuzzed over its OpenAPI document.
            pages = [e for e in endpoints if not e.api]
            metafunc.parametrize("endpoint", pages, ids=[f"{e.method} {e.path}" for e in pages])
            metafunc.parametrize("hostile", HOSTILE_VALUES, ids=HOSTILE_IDS)
            return
        metafunc.parametrize("endpoint", endpoints, ids=[f"{e.method} {e.path}" for e in endpoints])
        metafunc.parametrize("caller", CALLERS)
        metafunc.parametrize("target", TARGETS)

    @pytest.fixture(scope="class")
    @classmethod
    def world(
        cls,
        django_db_setup: None,
        django_db_blocker: DjangoDbBlocker,
    ) -> Iterator[World]:
        # The database is open only while the world is built and rolled back; each case opens
        # it again through its own `django_db` mark.
        with django_db_blocker.unblock(), transaction.atomic():
            built = world_build(cls.area)
            with django_db_blocker.block():
                yield built
            transaction.set_rollback(True)

    @pytest.mark.django_db
    def test_permission(self, world: World, endpoint: Endpoint, caller: str, target: str) -> None:
        region = world.regions[target]
        ids = dict(world.ids[target])
        for placeholder, source in endpoint.alias.items():
            ids[placeholder] = ids[source]
        path = endpoint.path.format(slug=region.slug, **ids)
        client = world.client(caller, api=endpoint.api)

        data: Any = self.area.bodies(region, ids)[endpoint.body] if endpoint.body else None
        if endpoint.method == "GET":
            response = client.get(path)
        elif endpoint.method != "POST":
            response = client.generic(
                endpoint.method, path, json.dumps(data or {}), content_type="application/json"
            )
        elif data is not None and endpoint.api:
            response = client.post(path, data, content_type="application/json")
        else:
            response = client.post(path, data)
        assert response.status_code == expected(endpoint, caller, target), response.content[:300]

    @pytest.mark.django_db
    def test_hostile_input(self, world: World, endpoint: Endpoint, hostile: str) -> None:
        """No query parameter and no form value reaches a server error, whatever it holds:
        a NUL byte, a year 0001 or 9999, a number past 2⁶³, a megabyte of text. Every page
        gets the names pages read (?week=, ?date=, ?page=, …) with the value, and every form
        its usual body with each date, number or text replaced by it."""
        region = world.regions["own"]
        ids = dict(world.ids["own"])
        for placeholder, source in endpoint.alias.items():
            ids[placeholder] = ids[source]
        path = endpoint.path.format(slug=region.slug, **ids)
        client = world.client(allowed_caller(endpoint), api=False)
        if endpoint.method == "GET":
            response = client.get(f"{path}?{raw_encode(dict.fromkeys(QUERY_NAMES, hostile))}")
        else:
            body = self.area.bodies(region, ids)[endpoint.body] if endpoint.body else {}
            response = client.post(
                path,
                raw_encode(hostile_body(body, hostile)),
                content_type="application/x-www-form-urlencoded",
            )
        assert response.status_code < 500, (path, hostile[:40], response.content[:300])
