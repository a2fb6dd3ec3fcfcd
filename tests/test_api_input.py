"""No input breaks the API (issue 10): each case an attack run found answers a clear 4xx in the
error format, in Japanese and English, never a 500.

NUL bytes, lone surrogates and bodies that are not JSON are refused in one place
(sousei.core.http.StrictParser); lengths, numbers, dates and list sizes by the bounded types of
sousei.core.bounds that every schema uses (tests/test_api_bounds.py checks that they do).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import Cast, bearer_client
from sousei.core.models import Region, RegionOrganization
from sousei.core.scoping import region_scope
from sousei.core.services import minimum_wages_load
from sousei.core.tests.factories import client_company
from sousei.hiring.tests.factories import media, opening, pdf  # noqa: F401 (fixture)
from sousei.training.tests.factories import course as course_build
from tests.matrix import Area, hiring, spaces, training, work_payroll, work_timesheets
from tests.matrix.cases import world_build

TOKEN = "/api/v1/auth/token"


def post_json(client: Client, path: str, body: str) -> Any:
    return client.post(path, body, content_type="application/json")


def assert_refused(response: Any, status: int, *words: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:500]
    body: dict[str, Any] = response.json()
    assert body["detail_en"]
    assert body["detail_ja"]
    assert body["detail_en"] != body["detail_ja"], "the Japanese message is missing"
    for word in words:
        assert word in body["detail_en"] or word in str(body.get("errors")), body
    return body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ('{"username": "a\\u0000b", "password": "x"}', "NUL"),
        ('{"username": "a\\ud800b", "password": "x"}', "surrogate"),
        ('{"username": "ab", "password": "x\\u0000"}', "NUL"),
        ('{"username": "ab", "password": "x", "\\u0000": 1}', "NUL"),
    ],
)
def test_nul_and_lone_surrogates_at_sign_in_are_refused_with_422(raw: str, word: str) -> None:
    body = assert_refused(post_json(Client(), TOKEN, raw), 422, word)
    assert "username" in body["detail_en"] or "password" in body["detail_en"] or word == "NUL"


@pytest.mark.django_db
def test_a_username_longer_than_its_column_is_refused_with_422() -> None:
    raw = '{"username": "%s", "password": "x"}' % ("a" * 256)
    body = assert_refused(post_json(Client(), TOKEN, raw), 422, "150")
    assert body["errors"][0]["field"] == "username"


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_json_sent_as_another_media_type_is_refused_with_415(content_type: str) -> None:
    response = Client().post(
        TOKEN, '{"username": "ab", "password": "x"}', content_type=content_type
    )
    assert_refused(response, 415, "application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ['{"username": "ab",', '{"username": NaN, "password": "x"}'])
def test_a_body_that_is_not_json_answers_400_in_the_error_format(raw: str) -> None:
    assert_refused(post_json(Client(), TOKEN, raw), 400, "JSON")


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [900, 100_000])
def test_deeply_nested_json_is_answered_without_a_500(depth: int) -> None:
    raw = '{"username": "ab", "password": "x", "deep": ' + "[" * depth + "]" * depth + "}"
    response = post_json(Client(), TOKEN, raw)
    assert response.status_code in (400, 401), response.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["q=%00", "status=%00", "q=a%00b&status=accepted"])
def test_nul_in_a_query_parameter_is_refused_with_422(cast: Cast, query: str) -> None:
    client = bearer_client(cast.user("operator"))
    response = client.get(f"/api/v1/regions/koga/applications?{query}")
    assert_refused(response, 422, "NUL")


@pytest.mark.django_db
def test_nul_in_a_path_parameter_is_refused_with_422(cast: Cast) -> None:
    client = bearer_client(cast.user("operator"))
    assert_refused(client.get("/api/v1/regions/ko%00ga/applications"), 422, "slug", "NUL")
    assert_refused(client.get("/api/v1/postal-codes/811%003101"), 422, "postal_code", "NUL")
    assert client.get("/api/v1/regions/koga/audit-entries").status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_nul_in_the_multipart_job_application_is_refused_with_422(koga: Region) -> None:
    with region_scope(koga):
        job = opening(koga)
    form = {
        "family_name": "古賀\x00",
        "given_name": "学",
        "family_name_kana": "コガ",
        "given_name_kana": "マナブ",
        "email": "nul@example.jp",
        "phone": "09012345678",
        "postal_code": "8113101",
        "heard_via": "job_site",
        "consent_privacy_policy": "true",
        "cv": pdf(),
    }
    response = Client().post(f"/api/v1/regions/koga/openings/{job.pk}/applications", form)
    assert_refused(response, 422, "family_name", "NUL")


@pytest.fixture
def project_body(koga: Region, cast: Cast) -> dict[str, Any]:
    minimum_wages_load()
    company = client_company()
    with region_scope(koga):
        RegionOrganization.objects.get_or_create(region=koga, organization=company)
    return {
        "client_id": company.pk,
        "title": "経費精算の自動化",
        "description": "請求書の読み取りと転記",
        "headcount": 1,
        "hours_per_week": 10,
        "start_date": "2026-12-01",
        "end_date": "2027-02-28",
        "hourly_rate_jpy": 1200,
    }


PROJECTS = "/api/v1/regions/koga/projects"


@pytest.mark.django_db
def test_a_valid_project_is_created(cast: Cast, project_body: dict[str, Any]) -> None:
    client = bearer_client(cast.user("operator"))
    response = client.post(PROJECTS, project_body, content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "word"),
    [
        ("hourly_rate_jpy", 2**31, "100000"),
        ("hourly_rate_jpy", 10**20, "100000"),
        ("headcount", 2**31, "1000"),
        ("end_date", "9999-12-31", "2100-12-31"),
        ("start_date", "0001-01-01", "2000-01-01"),
        ("title", "長" * 121, "120"),
        ("description", "a" * 1_000_000, "10000"),
        ("tool_ids", list(range(1, 100_001)), "100"),
    ],
)
def test_out_of_bounds_project_fields_are_refused_with_422(
    cast: Cast, project_body: dict[str, Any], field: str, value: Any, word: str
) -> None:
    client = bearer_client(cast.user("operator"))
    response = client.post(
        PROJECTS, {**project_body, field: value}, content_type="application/json"
    )
    body = assert_refused(response, 422, field)
    assert body["errors"][0]["field"] == field
    assert word in body["errors"][0]["message_en"]
    assert body["errors"][0]["message_ja"] != body["errors"][0]["message_en"]


@pytest.mark.django_db
@pytest.mark.parametrize("start_date", ["9999-12-31", "0001-01-01"])
def test_a_plan_preview_far_in_time_is_refused_with_422(cast: Cast, start_date: str) -> None:
    koga = Region.objects.get(slug="koga")
    with region_scope(koga):
        course = course_build(koga)
    client = bearer_client(cast.user("participant"))
    response = client.get(
        f"/api/v1/regions/koga/plan-preview?course_id={course.pk}"
        f"&start_date={start_date}&daily_hours=2"
    )
    body = assert_refused(response, 422, "start_date")
    assert body["errors"][0]["field"] == "start_date"


@pytest.mark.django_db
@pytest.mark.parametrize("object_id", [2**31, 10**20])
def test_an_id_past_the_integer_column_is_refused_with_422(cast: Cast, object_id: int) -> None:
    client = bearer_client(cast.user("operator"))
    response = client.get(f"/api/v1/regions/koga/applications/{object_id}")
    assert_refused(response, 422, "application_id")


# (area, method, path, body name or None, field, far value): dates at the ends of the calendar
# once reached the database or date arithmetic and answered 500.
R = "/api/v1/regions/{slug}"
FAR_DATES = [
    (training.AREA, "POST", R + "/enrolments", "enrolment", "start_date", "0001-01-01"),
    (training.AREA, "POST", R + "/enrolments", "enrolment", "start_date", "9999-12-31"),
    (work_timesheets.AREA, "POST", work_timesheets.API, "record", "date", "9999-12-31"),
    (work_timesheets.AREA, "GET", work_timesheets.API, None, "week", "9999-12-31"),
    (work_timesheets.AREA, "GET", work_timesheets.API, None, "month", "9999-12"),
    (work_timesheets.AREA, "GET", work_timesheets.API, None, "week", "0001-01-01"),
    (spaces.AREA, "POST", R + "/bookings", "booking", "starts_at", "9999-12-31T10:00:00+09:00"),
    (spaces.AREA, "GET", R + "/bookings", None, "date", "0001-01-01"),
    (
        hiring.AREA,
        "POST",
        R + "/candidacies/{candidacy}/interviews",
        "interview",
        "starts_at",
        "0001-01-01T10:00:00+09:00",
    ),
    (work_payroll.AREA, "POST", work_payroll.RUNS, None, "month", "9999-12"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("area", "method", "path", "body_name", "field", "value"),
    FAR_DATES,
    ids=[f"{m} {p.rsplit('/', 1)[-1]} {f}={v}" for _a, m, p, _b, f, v in FAR_DATES],
)
def test_dates_at_the_ends_of_the_calendar_are_refused_with_422(
    area: Area, method: str, path: str, body_name: str | None, field: str, value: str
) -> None:
    world = world_build(area)
    region = world.regions["own"]
    url = path.format(slug=region.slug, **world.ids["own"])
    client = bearer_client(world.cast.user("operator", "koga"))
    if method == "GET":
        ok = client.get(url)
        assert ok.status_code == 200, ok.content[:300]
        response = client.get(f"{url}?{field}={value}")
    else:
        body = dict(area.bodies(region, world.ids["own"])[body_name]) if body_name else {}
        response = client.post(url, {**body, field: value}, content_type="application/json")
    body_out = assert_refused(response, 422, field)
    assert body_out["errors"][0]["field"] == field
