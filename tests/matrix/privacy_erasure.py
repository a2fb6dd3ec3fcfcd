"""Privacy — suspension of use and erasure: operators only. `{person}` is a person in use,
`{suspended}` one whose use is suspended."""

from __future__ import annotations

from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import PersonFactory
from sousei.privacy.erasure.services import person_suspend
from tests.matrix import OPERATOR, Area, Endpoint

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/privacy/erasures/", OPERATOR),
    Endpoint("GET", "/r/{slug}/privacy/persons/{person}/", OPERATOR),
    Endpoint("POST", "/r/{slug}/privacy/persons/{person}/", OPERATOR, ok=302, body="suspend_form"),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/erasures", OPERATOR),
    Endpoint(
        "POST", "/api/v1/regions/{slug}/persons/{person}/erasure", OPERATOR, ok=201, body="reason"
    ),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/persons/{person}/suspension",
        OPERATOR,
        ok=201,
        body="reason",
    ),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/persons/{person}/resumption",
        OPERATOR,
        ok=201,
        body="reason",
        alias={"person": "suspended"},
    ),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    with region_scope(region):
        person = PersonFactory.create(region=region)
        suspended = PersonFactory.create(region=region)
        person_suspend(person=suspended, actor=cast.user("operator", region.slug))
    return {"person": person.pk, "suspended": suspended.pk}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "suspend_form": {"action": "suspend", "reason": "request 1"},
        "reason": {"reason": "request 1"},
    }


AREA = Area(
    name="privacy_erasure",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={"<int:person_id>": "{person}"},
    api_parameters={"{person_id}": "{person}"},
)
