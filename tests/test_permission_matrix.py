"""Every URL × every caller × own/other region → the status it must answer.

The endpoints, objects and bodies live per area in tests/matrix/. A region URL answers 404
to anyone without a role in the region, 403 to a member whose role does not allow it, and
401 (API) or a redirect to the login page (site) to anonymous callers.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import Cast, bearer_client
from sousei.api import api
from sousei.core.models import Region
from sousei.core.roles import Role
from tests.matrix import (
    PUBLIC,
    SIGNED_IN,
    Area,
    Endpoint,
    careers,
    core,
    events,
    hiring,
    projects,
    spaces,
    training,
    work_payroll,
    work_timesheets,
)

AREAS: list[Area] = [
    core.AREA,
    training.AREA,
    projects.AREA,
    work_timesheets.AREA,
    work_payroll.AREA,
    careers.AREA,
    spaces.AREA,
    events.AREA,
    hiring.AREA,
]
CASES = [(area, endpoint) for area in AREAS for endpoint in area.endpoints]

# Not in the matrix by design: /admin/ (superusers only, Django's own checks), /i18n/
# (the language switch), /api/v1/auth/token (covered in test_auth), /api/v1/docs and
# /api/v1/openapi.json (public documents).
UNLISTED = {
    "admin/",
    "i18n/",
    "/api/v1/auth/token",
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "logout/",
}

CALLERS = [*sorted(Role.values), "outsider", "anonymous"]


def expected(endpoint: Endpoint, caller: str, target: str) -> int:
    if endpoint.access == PUBLIC:
        return endpoint.ok
    if caller == "anonymous":
        return 401 if endpoint.api else 302
    if endpoint.access == SIGNED_IN:
        if caller == "outsider" and endpoint.ok_without_role is not None:
            return endpoint.ok_without_role
        return endpoint.ok
    if caller == "outsider" or target == "other":
        return 404
    return endpoint.ok if caller in endpoint.access else endpoint.others_object


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    ("area", "endpoint"), CASES, ids=[f"{e.method} {e.path}" for _area, e in CASES]
)
def test_permission_matrix(
    area: Area,
    endpoint: Endpoint,
    caller: str,
    target: str,
    cast: Cast,
    koga: Region,
    fukutsu: Region,
) -> None:
    region = koga if target == "own" else fukutsu
    ids = area.objects(region, cast)
    for placeholder, source in endpoint.alias.items():
        ids[placeholder] = ids[source]
    path = endpoint.path.format(slug=region.slug, **ids)

    if caller == "anonymous":
        client = Client()
    else:
        user = cast.outsider if caller == "outsider" else cast.user(caller, "koga")
        if endpoint.api:
            client = bearer_client(user)
        else:
            client = Client()
            client.force_login(user)

    data: Any = area.bodies(region, ids)[endpoint.body] if endpoint.body else None
    if endpoint.method == "GET":
        response = client.get(path)
    elif data is not None and endpoint.api:
        response = client.post(path, data, content_type="application/json")
    else:
        response = client.post(path, data)
    assert response.status_code == expected(endpoint, caller, target), response.content[:300]


def site_routes(patterns: list[Any], prefix: str = "") -> set[str]:
    routes: set[str] = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(("admin/", "i18n/", "api/")):
                routes.add(route)
            else:
                routes |= site_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            routes.add(route)
    return routes


def normalise(path: str, replacements: dict[str, str]) -> str:
    for pattern, placeholder in replacements.items():
        path = path.replace(pattern, placeholder)
    return path


@pytest.mark.django_db
def test_every_url_is_in_the_matrix() -> None:
    placeholders = {"<slug:slug>": "{slug}"}
    api_parameters: dict[str, str] = {}
    for area in AREAS:
        placeholders |= area.placeholders
        api_parameters |= area.api_parameters
    listed = {(e.method, e.path) for _area, e in CASES}
    listed_paths = {path for _, path in listed}
    for route in site_routes(get_resolver().url_patterns):
        path = "/" + normalise(route, placeholders) if route else "/"
        if route in UNLISTED or route.startswith(("api/", "admin/", "i18n/")):
            continue
        assert path in listed_paths, f"{path} is missing from the permission matrix"
    schema = api.get_openapi_schema()
    listed = {(method, path.split("?")[0]) for method, path in listed}
    for path, operations in schema["paths"].items():
        for method in operations:
            if path in UNLISTED or "{postal_code}" in path:
                continue
            key = (method.upper(), normalise(path, api_parameters))
            assert key in listed, f"{key} is missing from the permission matrix"
