"""The operators' webhooks pages and API: adding an endpoint shows its secret once, bad
addresses are refused with a reason, the delivery log pages and filters, replay and the test
event write a new delivery, and every write is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from sousei.webhooks.tests.helpers import endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.user("operator"))
    return client


def failed_deliveries(region: Region, hook: WebhookEndpoint, count: int) -> None:
    with region_scope(region):
        for n in range(count):
            message = WebhookMessage.objects.create(
                region=region, event_kind="booking.created", payload={"data": {"booking_id": n}}
            )
            WebhookDelivery.objects.create(
                region=region,
                endpoint=hook,
                message=message,
                status="failed" if n % 2 else "succeeded",
                attempts=1,
            )


def test_adding_an_endpoint_shows_its_secret_once(
    koga: Region, cast: Cast, operator: Client
) -> None:
    response = operator.post(
        "/r/koga/webhooks/new/",
        {
            "url": "https://hooks.example.jp/sousei",
            "description": "市のダッシュボード",
            "event_kinds": ["booking.created", "offer.accepted"],
        },
    )
    assert response.status_code == 200
    with region_scope(koga):
        hook = WebhookEndpoint.objects.get()
        assert hook.event_kinds == ["offer.accepted", "booking.created"]
        assert AuditEntry.objects.filter(action="webhook.create", actor=cast.user("operator"))
    assert hook.secret.startswith("whsec_")
    assert hook.secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    for page in (
        "/r/koga/webhooks/",
        f"/r/koga/webhooks/{hook.pk}/",
        f"/r/koga/webhooks/{hook.pk}/edit/",
    ):
        assert hook.secret not in operator.get(page).content.decode()


def test_the_form_offers_the_event_kinds_with_their_labels(koga: Region, operator: Client) -> None:
    body = operator.get("/r/koga/webhooks/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="booking.created"' in body
    assert 'type="checkbox"' in body


def test_a_private_address_is_refused_with_the_reason_and_nothing_stored(
    koga: Region, operator: Client, settings: Any
) -> None:
    settings.SOUSEI_WEBHOOK_LOCAL_URLS = False
    response = operator.post(
        "/r/koga/webhooks/new/",
        {"url": "https://169.254.169.254/latest", "event_kinds": ["booking.created"]},
    )
    assert response.status_code == 422
    assert "169.254.169.254" in response.content.decode()
    with region_scope(koga):
        assert not WebhookEndpoint.objects.exists()


def test_rotating_shows_a_new_secret(koga: Region, cast: Cast, operator: Client) -> None:
    with region_scope(koga):
        hook = endpoint(koga, cast.user("operator"), "https://hooks.example.jp/a")
    response = operator.post(f"/r/koga/webhooks/{hook.pk}/rotate/")
    with region_scope(koga):
        hook.refresh_from_db()
        assert AuditEntry.objects.filter(action="webhook.rotate").exists()
    assert hook.secret in response.content.decode()


def test_the_delivery_log_pages_and_filters_in_the_same_queries(
    koga: Region,
    cast: Cast,
    operator: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    with region_scope(koga):
        hook = endpoint(koga, cast.user("operator"), "https://hooks.example.jp/a")
    failed_deliveries(koga, hook, 4)
    operator.get(f"/r/koga/webhooks/{hook.pk}/")  # warm the session and templates
    with django_assert_num_queries(8) as few:
        response = operator.get(f"/r/koga/webhooks/{hook.pk}/?status=failed")
    assert response.status_code == 200
    assert response.content.decode().count("badge--returned") == 2
    failed_deliveries(koga, hook, 60)
    with django_assert_num_queries(len(few.captured_queries)):
        response = operator.get(f"/r/koga/webhooks/{hook.pk}/?page=2")
    assert "page=1" in response.content.decode()


def test_replaying_and_the_test_event_write_new_deliveries(
    koga: Region, cast: Cast, operator: Client
) -> None:
    with region_scope(koga):
        hook = endpoint(koga, cast.user("operator"), "https://hooks.example.jp/a")
    failed_deliveries(koga, hook, 1)
    with region_scope(koga):
        original = WebhookDelivery.objects.get()
    response = operator.post(f"/r/koga/webhooks/{hook.pk}/deliveries/{original.pk}/replay/")
    assert response.status_code == 302
    operator.post(f"/r/koga/webhooks/{hook.pk}/test/")
    with region_scope(koga):
        replay = WebhookDelivery.objects.get(replay_of=original)
        assert replay.message_id == original.message_id
        assert replay.status == "pending"
        test = WebhookDelivery.objects.get(message__event_kind="webhook.test")
        assert test.endpoint == hook
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"webhook.replay", "webhook.test"} <= actions


def test_a_disabled_endpoint_refuses_replay_until_enabled(
    koga: Region, cast: Cast, operator: Client
) -> None:
    with region_scope(koga):
        hook = endpoint(koga, cast.user("operator"), "https://hooks.example.jp/a")
    failed_deliveries(koga, hook, 1)
    operator.post(f"/r/koga/webhooks/{hook.pk}/disable/")
    with region_scope(koga):
        original = WebhookDelivery.objects.get()
    api = operator
    response = api.post(f"/api/v1/regions/koga/webhooks/{hook.pk}/deliveries/{original.pk}/replay")
    assert response.status_code == 409
    operator.post(f"/r/koga/webhooks/{hook.pk}/enable/")
    response = api.post(f"/api/v1/regions/koga/webhooks/{hook.pk}/deliveries/{original.pk}/replay")
    assert response.status_code == 201
    assert response.json()["replay_of"] == original.pk


def test_the_api_gives_the_secret_on_creation_only(koga: Region, operator_api: Client) -> None:
    created = operator_api.post(
        "/api/v1/regions/koga/webhooks",
        {"url": "https://hooks.example.jp/a", "event_kinds": ["booking.created"]},
        content_type="application/json",
    )
    assert created.status_code == 201
    secret = created.json()["secret"]
    assert secret.startswith("whsec_")
    listed = operator_api.get("/api/v1/regions/koga/webhooks")
    assert secret not in listed.content.decode()
    assert listed.json()[0]["event_kinds"] == ["booking.created"]


def test_the_api_refuses_an_unknown_event_and_a_private_address(
    koga: Region, operator_api: Client, settings: Any
) -> None:
    settings.SOUSEI_WEBHOOK_LOCAL_URLS = False
    response = operator_api.post(
        "/api/v1/regions/koga/webhooks",
        {"url": "https://10.1.2.3/a", "event_kinds": ["booking.made"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "booking.made" in text
    assert "10.1.2.3" in text


def test_the_api_changes_and_removes_an_endpoint(
    koga: Region, cast: Cast, operator_api: Client
) -> None:
    with region_scope(koga):
        hook = endpoint(koga, cast.user("operator"), "https://hooks.example.jp/a")
    changed = operator_api.patch(
        f"/api/v1/regions/koga/webhooks/{hook.pk}",
        {"event_kinds": ["payrun.completed"], "enabled": False},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["event_kinds"] == ["payrun.completed"]
    assert changed.json()["enabled"] is False
    assert operator_api.delete(f"/api/v1/regions/koga/webhooks/{hook.pk}").status_code == 204
    with region_scope(koga):
        assert not WebhookEndpoint.objects.exists()


def test_another_regions_endpoint_answers_404_and_a_participant_403(
    koga: Region, fukutsu: Region, cast: Cast, operator: Client
) -> None:
    with region_scope(fukutsu):
        theirs = endpoint(fukutsu, cast.user("operator", "fukutsu"), "https://hooks.example.jp/f")
    assert operator.get(f"/r/koga/webhooks/{theirs.pk}/").status_code == 404
    participant = Client()
    participant.force_login(cast.user("participant"))
    assert participant.get("/r/koga/webhooks/").status_code == 403


def test_the_delivery_log_api_takes_the_same_queries_for_a_longer_log(
    koga: Region,
    cast: Cast,
    operator_api: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    with region_scope(koga):
        hook = endpoint(koga, cast.user("operator"), "https://hooks.example.jp/a")
    failed_deliveries(koga, hook, 3)
    path = f"/api/v1/regions/koga/webhooks/{hook.pk}/deliveries"
    operator_api.get(path)  # the token's first use is recorded once
    with django_assert_num_queries(7) as few:  # token (2), roles, endpoint, page (3)
        body = operator_api.get(path).json()
    assert body["count"] == 3
    failed_deliveries(koga, hook, 30)
    with django_assert_num_queries(len(few.captured_queries)):
        body = operator_api.get(f"{path}?status=failed").json()
    assert {d["status"] for d in body["results"]} == {"failed"}
