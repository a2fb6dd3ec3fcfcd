"""Every URL × every caller × own/other region → the status it must answer.

The endpoints, objects and bodies live per area in tests/matrix/, and each area runs in its
own module there (tests/matrix/test_<area>.py, see tests/matrix/cases.py). A region URL
answers 404 to anyone without a role in the region, 403 to a member whose role does not allow
it, and 401 (API) or a redirect to the login page (site) to anonymous callers. This module
checks that the matrix is complete: every site URL and API operation is in an area, and every
area runs.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sousei.api import api
from tests import matrix as matrix_package
from tests.matrix import (
    Area,
    accounts,
    careers,
    core,
    events,
    hiring,
    impact,
    inquiries,
    privacy,
    privacy_breach,
    privacy_erasure,
    projects,
    spaces,
    training,
    training_live,
    webhooks,
    work_payroll,
    work_timesheets,
    workplace_chat,
    workplace_office,
    workplace_people,
)
from tests.matrix.cases import MatrixCases

AREAS: list[Area] = [
    core.AREA,
    accounts.AREA,
    training.AREA,
    training_live.AREA,
    projects.AREA,
    work_timesheets.AREA,
    work_payroll.AREA,
    careers.AREA,
    spaces.AREA,
    events.AREA,
    hiring.AREA,
    impact.AREA,
    workplace_people.AREA,
    workplace_office.AREA,
    inquiries.AREA,
    privacy.AREA,
    privacy_erasure.AREA,
    privacy_breach.AREA,
    webhooks.AREA,
    workplace_chat.AREA,
]

# Not in the matrix by design: /admin/ (superusers only, Django's own checks), /i18n/
# (the language switch), /api/v1/auth/token (POST and DELETE, covered in test_auth),
# /api/v1/docs and /api/v1/openapi.json (public documents).
UNLISTED = {
    "admin/",
    "i18n/",
    "/api/v1/auth/token",
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "logout/",
}


def test_every_area_runs() -> None:
    """Each area of AREAS has its test module in tests/matrix/, and each module runs one."""
    running: list[str] = []
    for module in pkgutil.iter_modules(matrix_package.__path__):
        if module.name.startswith("test_"):
            members = vars(importlib.import_module(f"tests.matrix.{module.name}")).values()
            running += [
                member.area.name
                for member in members
                if isinstance(member, type)
                and issubclass(member, MatrixCases)
                and member is not MatrixCases
            ]
    assert sorted(running) == sorted(area.name for area in AREAS)


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
    listed = {(e.method, e.path) for area in AREAS for e in area.endpoints}
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
