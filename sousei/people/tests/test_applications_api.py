"""The intake API: public application, operator list and decisions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.people.models import Application, Participant
from sousei.people.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PAYLOAD: dict[str, Any] = {
    "family_name": "古賀",
    "given_name": "花子",
    "family_name_kana": "コガ",
    "given_name_kana": "ハナコ",
    "birth_date": "1990-04-01",
    "email": "hanako@example.jp",
    "phone": "092-942-1111",
    "postal_code": "8113101",
    "address_line": "1-2-3",
    "work_status": "freelance",
    "weekly_hours_available": 15,
    "baseline_monthly_income_jpy": 90000,
    "consents": {"program": True, "share_with_municipality": True},
}


def apply(payload: dict[str, Any], slug: str = "koga") -> Any:
    return Client().post(
        f"/api/v1/regions/{slug}/applications", payload, content_type="application/json"
    )


def test_anyone_may_apply(koga: Region) -> None:
    response = apply(PAYLOAD)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    with region_scope(koga):
        assert Application.objects.filter(pk=body["id"]).exists()


def test_an_ineligible_postal_code_gets_422_in_both_languages(koga: Region) -> None:
    response = apply({**PAYLOAD, "postal_code": "811-3201"})
    assert response.status_code == 422
    body = response.json()
    (error,) = body["errors"]
    assert error["field"] == "postal_code"
    assert "福津市" in error["message_en"]
    assert "福津市" in error["message_ja"]
    assert body["detail_en"] == error["message_en"]
    with scopes_disabled():
        assert not Application.objects.exists()


def test_missing_consent_and_malformed_fields_get_422(koga: Region) -> None:
    body = apply({**PAYLOAD, "consents": {"program": False}, "family_name_kana": "koga"}).json()
    assert {e["field"] for e in body["errors"]} == {"consent_program", "family_name_kana"}
    missing = apply({k: v for k, v in PAYLOAD.items() if k != "email"})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "email"
    assert "email" in missing.json()["detail_en"]


def test_a_duplicate_gets_409(koga: Region) -> None:
    assert apply(PAYLOAD).status_code == 201
    response = apply(PAYLOAD)
    assert response.status_code == 409
    assert "already being handled" in response.json()["detail_en"]


def test_an_unknown_region_is_404(koga: Region) -> None:
    assert apply(PAYLOAD, slug="atlantis").status_code == 404


def make_applications(region: Region, n: int, **fields: Any) -> list[Application]:
    with region_scope(region):
        return ApplicationFactory.create_batch(n, region=region, **fields)


def test_operators_page_filter_and_search(cast: Cast, koga: Region, fukutsu: Region) -> None:
    make_applications(koga, 3)
    make_applications(koga, 2, status="waitlisted")
    make_applications(fukutsu, 4)
    api = bearer_client(cast.user("operator"))
    everything = api.get("/api/v1/regions/koga/applications").json()
    assert everything["count"] == 5
    assert everything["pages"] == 1
    waitlisted = api.get("/api/v1/regions/koga/applications?status=waitlisted").json()
    assert [r["status"] for r in waitlisted["results"]] == ["waitlisted", "waitlisted"]
    with region_scope(koga):
        target = Application.objects.order_by("id").first()
        assert target is not None
        target.person.family_name = "唐津"
        target.person.family_name_kana = "カラツ"
        target.person.save()
    for query in ("唐津", "からつ", "カラツ"):
        found = api.get(f"/api/v1/regions/koga/applications?q={query}").json()
        assert [r["id"] for r in found["results"]] == [target.pk], query


def test_the_list_pages_through_results(cast: Cast, koga: Region, settings: Any) -> None:
    settings.SOUSEI_API_PAGE_SIZE = 2
    made = make_applications(koga, 5)
    api = bearer_client(cast.user("operator"))
    page3 = api.get("/api/v1/regions/koga/applications?page=3").json()
    assert (page3["count"], page3["pages"], page3["page"]) == (5, 3, 3)
    assert [r["id"] for r in page3["results"]] == [made[0].pk]


def test_the_list_runs_the_same_queries_for_3_or_60_applications(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    api = bearer_client(cast.user("operator"))
    api.get("/api/v1/regions/koga/applications")  # warm the token's last-used stamp
    make_applications(koga, 3)
    # token + region + memberships + count + page ids + rows
    with django_assert_num_queries(6):
        assert api.get("/api/v1/regions/koga/applications").json()["count"] == 3
    make_applications(koga, 57)
    with django_assert_num_queries(6):
        assert api.get("/api/v1/regions/koga/applications").json()["count"] == 60


def test_accepting_through_the_api_creates_a_participant(cast: Cast, koga: Region) -> None:
    (application,) = make_applications(koga, 1)
    api = bearer_client(cast.user("operator"))
    response = api.post(
        f"/api/v1/regions/koga/applications/{application.pk}/decision",
        {"decision": "accept", "reason": "面談で確認"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    with region_scope(koga):
        assert Participant.objects.get().pk == body["participant_id"]
        assert AuditEntry.objects.filter(action="application.accept").count() == 1
    detail = api.get(f"/api/v1/regions/koga/applications/{application.pk}").json()
    assert detail["participant_id"] == body["participant_id"]
    assert detail["decision_reason"] == "面談で確認"


def test_reject_without_reason_is_422_and_a_second_decision_409(cast: Cast, koga: Region) -> None:
    (application,) = make_applications(koga, 1)
    api = bearer_client(cast.user("operator"))
    url = f"/api/v1/regions/koga/applications/{application.pk}/decision"
    no_reason = api.post(url, {"decision": "reject"}, content_type="application/json")
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    assert api.post(url, {"decision": "accept"}, content_type="application/json").status_code == 200
    again = api.post(url, {"decision": "reject", "reason": "x"}, content_type="application/json")
    assert again.status_code == 409


def test_another_regions_application_is_404_even_for_an_operator(
    cast: Cast, fukutsu: Region
) -> None:
    (theirs,) = make_applications(fukutsu, 1)
    api = bearer_client(cast.user("operator", "koga"))
    assert api.get(f"/api/v1/regions/koga/applications/{theirs.pk}").status_code == 404
    response = api.post(
        f"/api/v1/regions/koga/applications/{theirs.pk}/decision",
        {"decision": "accept"},
        content_type="application/json",
    )
    assert response.status_code == 404
    with region_scope(fukutsu):
        assert Application.objects.get(pk=theirs.pk).status == "submitted"


def test_regions_lists_only_the_callers_regions(cast: Cast) -> None:
    body = bearer_client(cast.user("trainer", "fukutsu")).get("/api/v1/regions").json()
    assert body == [
        {
            "code": "40224",
            "slug": "fukutsu",
            "name_ja": "福津市",
            "name_en": "Fukutsu City",
            "prefecture": "福岡県",
        }
    ]
    assert bearer_client(cast.outsider).get("/api/v1/regions").json() == []


@pytest.mark.parametrize("code", ["8113101", "811-3101"])
def test_postal_codes_are_public(db: None, code: str) -> None:
    body = Client().get(f"/api/v1/postal-codes/{code}").json()
    assert body == {
        "postal_code": "8113101",
        "prefecture": "福岡県",
        "city": "古賀市",
        "town": "天神",
        "municipality_code": "40223",
    }


def test_postal_code_errors(db: None) -> None:
    assert Client().get("/api/v1/postal-codes/0000000").status_code == 404
    malformed = Client().get("/api/v1/postal-codes/81-31")
    assert malformed.status_code == 422
    assert malformed.json()["detail_ja"]


def test_the_openapi_document_lists_the_endpoints(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/auth/token",
        "/api/v1/regions",
        "/api/v1/postal-codes/{postal_code}",
        "/api/v1/regions/{slug}/applications",
        "/api/v1/regions/{slug}/applications/{application_id}/decision",
    ):
        assert path in paths


def test_a_participant_sees_only_their_own_applications(cast: Cast, koga: Region) -> None:
    participant = cast.user("participant")
    with region_scope(koga):
        mine = ApplicationFactory.create(region=koga, person__user=participant)
        ApplicationFactory.create(region=koga)
    body = bearer_client(participant).get("/api/v1/regions/koga/me/applications").json()
    assert [row["id"] for row in body] == [mine.pk]
    assert (
        bearer_client(cast.user("trainer")).get("/api/v1/regions/koga/me/applications").json() == []
    )
