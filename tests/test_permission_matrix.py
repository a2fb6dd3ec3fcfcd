"""Every URL × every caller × own/other region → the status it must answer.

Callers are the seven roles of Koga, a signed-in user with no role anywhere, and an
anonymous visitor. "own" targets Koga's URLs and objects, "other" Fukutsu's. A region URL
answers 404 to anyone without a role in the region, 403 to a member whose role does not
allow it, and 401 (API) or a redirect to the login page (site) to anonymous callers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from conftest import Cast, bearer_client
from sousei.api import api
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.testing.factories import ApplicationFactory, ParticipantFactory
from sousei.testing.payloads import application_payload
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    assessment_record,
    enrolment_complete,
    enrolment_create,
    progress_log,
)
from sousei.training.tests import factories as training_factories

PUBLIC = "public"
SIGNED_IN = "signed_in"
ALL_ROLES = frozenset(Role.values)
OPERATOR = frozenset({Role.OPERATOR})
STAFF = frozenset({Role.OPERATOR, Role.TRAINER})
# The enrolment in the matrix belongs to the caller "participant", so they may use it.
LEARNERS = STAFF | {Role.PARTICIPANT}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # with {slug} and {id} placeholders
    access: str | frozenset[str]  # PUBLIC, SIGNED_IN or the roles allowed
    ok: int = 200
    body: str | None = None  # name of a payload builder
    ok_without_role: int | None = None  # a signed-in user with no role anywhere, if different

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")


ENDPOINTS = [
    # Site pages
    Endpoint("GET", "/", PUBLIC),
    Endpoint("GET", "/login/", PUBLIC),
    # Members are sent on to their region's dashboard; others see that they have no region.
    Endpoint("GET", "/home/", SIGNED_IN, ok=302, ok_without_role=200),
    Endpoint("GET", "/r/{slug}/", PUBLIC),
    Endpoint("GET", "/r/{slug}/apply/", PUBLIC),
    Endpoint("POST", "/r/{slug}/apply/", PUBLIC, ok=302, body="form"),
    Endpoint("GET", "/r/{slug}/apply/done/", PUBLIC),
    Endpoint("GET", "/r/{slug}/dashboard/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/applications/", OPERATOR),
    Endpoint("GET", "/r/{slug}/applications/export.csv", OPERATOR),
    Endpoint("GET", "/r/{slug}/applications/{id}/", OPERATOR),
    Endpoint("POST", "/r/{slug}/applications/{id}/", OPERATOR, ok=302, body="decision_form"),
    Endpoint("GET", "/r/{slug}/audit/", OPERATOR),
    # Training pages
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
    Endpoint("GET", "/r/{slug}/learning/", frozenset({Role.PARTICIPANT})),
    # The matrix's enrolment is the caller "participant"'s own.
    Endpoint("GET", "/r/{slug}/learning/{enrolment}/", frozenset({Role.PARTICIPANT})),
    Endpoint("GET", "/r/{slug}/notifications/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/certificates/{code}.pdf", LEARNERS),
    Endpoint("GET", "/verify/{code}/", PUBLIC),
    # API
    Endpoint("GET", "/api/v1/regions", SIGNED_IN),
    Endpoint("GET", "/api/v1/me", SIGNED_IN),
    Endpoint("GET", "/api/v1/postal-codes/8113101", PUBLIC),
    Endpoint("POST", "/api/v1/regions/{slug}/applications", PUBLIC, ok=201, body="json"),
    Endpoint("GET", "/api/v1/regions/{slug}/applications", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/audit-entries", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/me/applications", ALL_ROLES),
    Endpoint("GET", "/api/v1/regions/{slug}/applications/{id}", OPERATOR),
    Endpoint(
        "POST", "/api/v1/regions/{slug}/applications/{id}/decision", OPERATOR, body="decision"
    ),
    # Training API
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
    Endpoint("GET", "/api/v1/regions/{slug}/enrolments/{enrolment}/certificate.pdf", LEARNERS),
]
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
    return endpoint.ok if caller in endpoint.access else 403


def body_for(endpoint: Endpoint, region: Region, ids: dict[str, int]) -> tuple[Any, str | None]:
    """The request body and its content type: JSON for the API, a form post for pages."""
    name = endpoint.body
    if name is None:
        return None, None
    yesterday = str(timezone.localdate() - dt.timedelta(days=1))
    bodies: dict[str, Any] = {
        "json": application_payload(region),
        "form": application_payload(region, form=True),
        "decision": {"decision": "accept", "reason": ""},
        "decision_form": {"decision": "accept", "reason": ""},
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
    return bodies[name], "application/json" if endpoint.api else None


def training_objects(region: Region, cast: Cast) -> dict[str, int]:
    """A course with free seats; the caller "participant"'s studying enrolment on it and a
    completed one with a certificate (in Koga; in Fukutsu someone else's); a newcomer."""
    operator = cast.user("operator", region.slug)
    choice = PlanChoice(start_date=timezone.localdate() - dt.timedelta(days=7), daily_minutes=120)
    with region_scope(region):
        course = training_factories.course(region)
        finished_course = training_factories.course(region, title="kintone 入門")
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


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.path}")
def test_permission_matrix(
    endpoint: Endpoint, caller: str, target: str, cast: Cast, koga: Region, fukutsu: Region
) -> None:
    region = koga if target == "own" else fukutsu
    with region_scope(region):
        application = ApplicationFactory.create(region=region)
    ids = {"id": application.pk}
    training_paths = ("/courses", "enrolment", "{course}", "/licences", "learning", "{code}")
    if any(part in endpoint.path for part in training_paths):
        ids |= training_objects(region, cast)
    if endpoint.path.endswith("certificate.pdf"):
        ids["enrolment"] = ids["completed"]
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

    data, content_type = body_for(endpoint, region, ids)
    if endpoint.method == "GET":
        response = client.get(path)
    elif content_type:
        response = client.post(path, data, content_type=content_type)
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


PLACEHOLDERS = {
    "<slug:slug>": "{slug}",
    "<int:application_id>": "{id}",
    "<int:course_id>": "{course}",
    "<int:enrolment_id>": "{enrolment}",
    "<int:pool_id>": "{pool}",
    "<str:code>": "{code}",
}


def normalise(path: str) -> str:
    for pattern, placeholder in PLACEHOLDERS.items():
        path = path.replace(pattern, placeholder)
    return path


@pytest.mark.django_db
def test_every_url_is_in_the_matrix() -> None:
    listed = {(e.method, e.path) for e in ENDPOINTS}
    listed_paths = {path for _, path in listed}
    for route in site_routes(get_resolver().url_patterns):
        path = "/" + normalise(route) if route else "/"
        if route in UNLISTED or route.startswith(("api/", "admin/", "i18n/")):
            continue
        assert path in listed_paths, f"{path} is missing from the permission matrix"
    schema = api.get_openapi_schema()
    listed = {(method, path.split("?")[0]) for method, path in listed}
    for path, operations in schema["paths"].items():
        for method in operations:
            key = (
                method.upper(),
                path.replace("{application_id}", "{id}").replace("{enrolment_id}", "{enrolment}"),
            )
            if path in UNLISTED or "{postal_code}" in path:
                continue
            assert key in listed, f"{key} is missing from the permission matrix"
