"""The events API: staff create events, anyone reads published ones and registers, the
registrant proves a registration is theirs with its token, staff check people in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast, bearer_client
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.events.models import Event, EventStatus, Registration
from sousei.events.tests.factories import event, register
from sousei.spaces.tests import factories as spaces

BODY = {
    "family_name": "古賀",
    "given_name": "花子",
    "family_name_kana": "コガ",
    "given_name_kana": "ハナコ",
    "email": "hanako@example.jp",
    "university": "福岡大学",
    "graduation_year": 2027,
    "consents": {"privacy_policy": True},
}


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def test_operators_create_an_event_with_its_itinerary(cast: Cast) -> None:
    starts = timezone.now() + dt.timedelta(days=30)
    response = post(
        bearer_client(cast.user("operator")),
        "/api/v1/regions/koga/events",
        {
            "kind": "workation_internship",
            "title": "古賀ワーケーション・インターン 2027春",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + dt.timedelta(days=3)).isoformat(),
            "capacity": 15,
            "online_url": "",
            "audience_graduation_year": 2027,
            "itinerary": [
                {
                    "starts_at": starts.isoformat(),
                    "activity": "company_visit",
                    "title": "地元企業訪問",
                }
            ],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["places_left"] == 15
    assert body["itinerary"][0]["title"] == "地元企業訪問"
    assert body["registration_open"] is True


def test_an_event_in_a_taken_room_answers_409(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        hall = spaces.resource(spaces.space(koga), kind="event_hall", name="ホール")
        spaces.booking(hall)
    response = post(
        bearer_client(cast.user("space_manager")),
        "/api/v1/regions/koga/events",
        {
            "kind": "info_session",
            "title": "説明会",
            "starts_at": spaces.at(spaces.MONDAY, 11).isoformat(),
            "ends_at": spaces.at(spaces.MONDAY, 13).isoformat(),
            "capacity": 30,
            "resource_id": hall.pk,
        },
    )
    assert response.status_code == 409
    with region_scope(koga):
        assert Event.objects.count() == 0


def test_bad_event_input_answers_422(cast: Cast) -> None:
    starts = timezone.now() + dt.timedelta(days=3)
    response = post(
        bearer_client(cast.user("operator")),
        "/api/v1/regions/koga/events",
        {
            "kind": "info_session",
            "title": "説明会",
            "starts_at": starts.isoformat(),
            "ends_at": (starts - dt.timedelta(hours=1)).isoformat(),
            "capacity": 10,
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ends_at"


def test_anyone_lists_published_events_in_constant_queries(
    koga: Region, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        for n in range(4):
            event(koga, title=f"説明会 {n}")
        event(koga, title="下書き", status=EventStatus.DRAFT)
    with django_assert_num_queries(2):  # the region, the events with their counts
        response = Client().get("/api/v1/regions/koga/events")
    assert response.status_code == 200
    assert len(response.json()) == 4


def test_staff_also_see_drafts(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        draft = event(koga, status=EventStatus.DRAFT)
    operator = bearer_client(cast.user("operator"))
    assert len(operator.get("/api/v1/regions/koga/events").json()) == 1
    assert operator.get(f"/api/v1/regions/koga/events/{draft.pk}").status_code == 200
    assert Client().get(f"/api/v1/regions/koga/events/{draft.pk}").status_code == 404


def test_a_public_registration_answers_201_with_the_waitlist_position(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga, capacity=1)
    url = f"/api/v1/regions/koga/events/{internship.pk}/registrations"
    first = post(Client(), url, BODY)
    second = post(Client(), url, {**BODY, "email": "jiro@example.jp"})
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    assert first.json()["waitlist_position"] is None
    assert first.json()["manage_url"].endswith(f"/r/koga/events/my/{first.json()['token']}/")
    assert second.json()["status"] == "waitlisted"
    assert second.json()["waitlist_position"] == 1


def test_a_registration_without_consent_answers_422_and_stores_nothing(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga)
    response = post(
        Client(),
        f"/api/v1/regions/koga/events/{internship.pk}/registrations",
        {**BODY, "consents": {"privacy_policy": False}},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "consent_privacy_policy"
    assert "同意" in response.json()["detail_ja"]
    with region_scope(koga):
        assert Registration.objects.count() == 0


def test_a_registration_after_the_window_answers_422(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga, registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    response = post(Client(), f"/api/v1/regions/koga/events/{internship.pk}/registrations", BODY)
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "closed"


def test_registering_twice_answers_409(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga)
    url = f"/api/v1/regions/koga/events/{internship.pk}/registrations"
    assert post(Client(), url, BODY).status_code == 201
    assert post(Client(), url, BODY).status_code == 409


def test_the_token_proves_a_registration_is_yours(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga, capacity=1)
        holder = register(internship, 1)
        waiting = register(internship, 2)
    base = "/api/v1/regions/koga/registrations"
    assert post(Client(), f"{base}/{holder.pk}/cancel", {"token": "wrong"}).status_code == 404
    assert post(Client(), f"{base}/{holder.pk}/cancel").status_code == 404
    cancelled = post(Client(), f"{base}/{holder.pk}/cancel", {"token": holder.token})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    offered = Client().get(f"{base}/{waiting.pk}?token={waiting.token}").json()
    assert offered["status"] == "offered"
    assert offered["offer_expires_at"] is not None
    confirmed = post(Client(), f"{base}/{waiting.pk}/confirm", {"token": waiting.token})
    assert confirmed.json()["status"] == "confirmed"
    assert (
        post(Client(), f"{base}/{waiting.pk}/confirm", {"token": waiting.token}).status_code == 409
    )


def test_staff_check_in_by_registration_or_code(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        internship = event(koga, starts_at=timezone.now() + dt.timedelta(hours=1))
        first, second = register(internship, 1), register(internship, 2)
    manager = bearer_client(cast.user("space_manager"))
    response = post(manager, f"/api/v1/regions/koga/registrations/{first.pk}/check-in")
    assert response.status_code == 200
    assert response.json()["checked_in_at"] is not None
    assert (
        post(manager, f"/api/v1/regions/koga/registrations/{first.pk}/check-in").status_code == 409
    )
    by_code = post(
        manager,
        f"/api/v1/regions/koga/events/{internship.pk}/check-in",
        {"code": second.checkin_code.lower()},
    )
    assert by_code.status_code == 200
    assert by_code.json()["id"] == second.pk
    assert (
        post(
            manager, f"/api/v1/regions/koga/events/{internship.pk}/check-in", {"code": "NOPE"}
        ).status_code
        == 404
    )
    participant = bearer_client(cast.user("participant"))
    assert (
        post(participant, f"/api/v1/regions/koga/registrations/{first.pk}/check-in").status_code
        == 403
    )


def test_registrations_list_for_staff_in_constant_queries(
    koga: Region, cast: Cast, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        internship = event(koga, capacity=3)
        for n in range(8):
            register(internship, n)
    operator = bearer_client(cast.user("operator"))
    operator.get("/api/v1/regions/koga/events")  # warm the token and roles
    # token, user, memberships, region, event, registrations
    with django_assert_num_queries(6):
        response = operator.get(f"/api/v1/regions/koga/events/{internship.pk}/registrations")
    rows = response.json()
    assert len(rows) == 8
    assert [r["waitlist_position"] for r in rows if r["status"] == "waitlisted"] == [1, 2, 3, 4, 5]


def test_the_survey_with_the_token(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        internship = event(koga, starts_at=timezone.now() + dt.timedelta(minutes=1))
        holder = register(internship)
        Event.objects.filter(pk=internship.pk).update(
            starts_at=timezone.now() - dt.timedelta(hours=3),
            ends_at=timezone.now() - dt.timedelta(hours=1),
        )
    url = f"/api/v1/regions/koga/registrations/{holder.pk}/survey"
    body = {"token": holder.token, "rating": 5, "comments": "最高", "interested_in_jobs": True}
    assert post(Client(), url, {**body, "token": "x"}).status_code == 404
    assert post(Client(), url, body).status_code == 201
    summary = bearer_client(cast.user("operator")).get(
        f"/api/v1/regions/koga/events/{internship.pk}/survey"
    )
    assert summary.json()["average"] == 5.0
    assert summary.json()["interested_in_jobs"] == 1


def test_another_regions_event_answers_404(koga: Region, fukutsu: Region, cast: Cast) -> None:
    with region_scope(fukutsu):
        theirs = event(fukutsu)
        their_registration = register(theirs)
    assert Client().get(f"/api/v1/regions/koga/events/{theirs.pk}").status_code == 404
    assert (
        post(Client(), f"/api/v1/regions/koga/events/{theirs.pk}/registrations", BODY).status_code
        == 404
    )
    operator = bearer_client(cast.user("operator"))
    assert (
        post(
            operator, f"/api/v1/regions/koga/registrations/{their_registration.pk}/check-in"
        ).status_code
        == 404
    )
    assert (
        post(
            Client(),
            f"/api/v1/regions/koga/registrations/{their_registration.pk}/cancel",
            {"token": their_registration.token},
        ).status_code
        == 404
    )


def test_the_events_are_in_the_openapi_document() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/regions/{slug}/events/{event_id}/registrations" in paths
    assert "/api/v1/regions/{slug}/registrations/{registration_id}/confirm" in paths


pytestmark = pytest.mark.django_db


def test_a_stranger_using_someones_email_learns_and_changes_nothing_of_them(
    koga: Region, cast: Cast
) -> None:
    """An e-mail address typed into a public form proves nothing: the registration links to
    the person on record, but its link shows no names, and the names on record stay."""
    with region_scope(koga):
        internship = event(koga)
    url = f"/api/v1/regions/koga/events/{internship.pk}/registrations"
    assert post(Client(), url, BODY).status_code == 201
    stranger = {**BODY, "family_name": "他人", "given_name": "太郎"}
    with region_scope(koga):
        second = event(koga)
    created = post(
        Client(), f"/api/v1/regions/koga/events/{second.pk}/registrations", stranger
    ).json()
    base = f"/api/v1/regions/koga/registrations/{created['id']}"
    seen = Client().get(f"{base}?token={created['token']}").json()
    assert (seen["family_name"], seen["given_name"], seen["family_name_kana"]) == ("", "", "")
    page = Client().get(f"/r/koga/events/my/{created['token']}/").content.decode()
    assert str(BODY["given_name"]) not in page
    assert str(BODY["given_name_kana"]) not in page
    with region_scope(koga):
        registration = Registration.objects.select_related("person").get(pk=created["id"])
        assert registration.person.family_name == BODY["family_name"]
    staff = bearer_client(cast.user("operator")).get(base).json()
    assert staff["family_name"] == BODY["family_name"]
