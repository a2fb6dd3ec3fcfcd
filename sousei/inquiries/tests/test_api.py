"""The inquiries API: anyone sends one (no personal data echoed back); the region's operators
list, read, answer and close them."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from conftest import Cast, bearer_client
from sousei.core.models import OutboxMessage, Region
from sousei.core.scoping import region_scope
from sousei.inquiries.models import Inquiry
from sousei.inquiries.services import RATE_LIMIT
from sousei.inquiries.tests.factories import FORM, inquiry

BODY = {**FORM, "consent_privacy_policy": True}
URL = "/api/v1/regions/koga/inquiries"


def post(client: Client, url: str = URL, body: Any = None, **extra: Any) -> Any:
    payload = body if isinstance(body, str) else json.dumps(BODY if body is None else body)
    return client.post(url, payload, content_type="application/json", **extra)


def count(region: Region) -> int:
    with region_scope(region):
        return Inquiry.objects.count()


def test_anyone_sends_an_inquiry_and_gets_its_number_only(client: Client, koga: Region) -> None:
    response = post(client)
    assert response.status_code == 201
    body = response.json()
    assert list(body) == ["id"]
    with region_scope(koga):
        assert Inquiry.objects.get().pk == body["id"]


def test_a_bot_gets_a_number_too_and_nothing_is_kept(client: Client, koga: Region) -> None:
    response = post(client, body={**BODY, "website": "https://spam.example/"})
    assert response.status_code == 201
    assert response.json()["id"] > 0
    assert count(koga) == 0


def test_refused_inquiries_say_why_and_keep_nothing(client: Client, koga: Region) -> None:
    missing_consent = post(client, body={**BODY, "consent_privacy_policy": False})
    assert missing_consent.status_code == 422
    assert missing_consent.json()["errors"][0]["field"] == "consent_privacy_policy"
    assert post(client, body={**BODY, "message": "x" * 1_000_000}).status_code == 422
    nul = post(client, body=json.dumps(BODY, ensure_ascii=False).replace("見本", "見\\u0000本"))
    assert nul.status_code in (400, 422)
    assert post(client, "/api/v1/regions/nowhere/inquiries").status_code == 404
    assert count(koga) == 0


def test_the_sixth_inquiry_in_an_hour_answers_429(client: Client, koga: Region) -> None:
    for number in range(RATE_LIMIT):
        assert post(client, body={**BODY, "email": f"s{number}@example.jp"}).status_code == 201
    refused = post(client, body={**BODY, "email": "more@example.jp"})
    assert refused.status_code == 429
    assert "Wait an hour" in refused.json()["detail_en"]
    # Another address may still write.
    assert (
        post(client, REMOTE_ADDR="198.51.100.9", body={**BODY, "email": "o@example.jp"}).status_code
        == 201
    )


def test_operators_list_inquiries_in_a_constant_number_of_queries(
    cast: Cast, koga: Region, django_assert_num_queries: Any
) -> None:
    api = bearer_client(cast.user("operator"))
    with region_scope(koga):
        inquiry(koga)
    api.get(URL)
    with django_assert_num_queries(6) as few:
        assert api.get(URL).json()["count"] == 1
    with region_scope(koga):
        for number in range(5):
            inquiry(koga, email=f"c{number}@example.jp", kind="student")
    with django_assert_num_queries(len(few)):
        body = api.get(URL).json()
    assert body["count"] == 6
    assert api.get(URL + "?kind=student").json()["count"] == 5
    assert api.get(URL + "?status=closed").json()["count"] == 0


def test_operators_answer_and_close_an_inquiry(cast: Cast, koga: Region) -> None:
    api = bearer_client(cast.user("operator"))
    with region_scope(koga):
        received = inquiry(koga)
    url = f"{URL}/{received.pk}"
    assert api.get(url).json()["message"] == received.message
    assert (
        api.patch(url, {"status": "answered"}, content_type="application/json").status_code == 409
    )
    reply = post(api, f"{url}/replies", {"body": "ご連絡ありがとうございます。"})
    assert reply.status_code == 201
    detail = api.get(url).json()
    assert detail["status"] == "answered"
    assert [r["body"] for r in detail["replies"]] == ["ご連絡ありがとうございます。"]
    with region_scope(koga):
        assert OutboxMessage.objects.filter(kind="inquiry_reply", email=received.email).exists()
    closed = api.patch(url, {"status": "closed", "notes": "完了"}, content_type="application/json")
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["notes"] == "完了"
    assert post(api, f"{url}/replies", {"body": ""}).status_code == 422


def test_another_regions_inquiry_answers_404_and_a_participant_403(
    cast: Cast, koga: Region, fukutsu: Region
) -> None:
    with region_scope(fukutsu):
        theirs = inquiry(fukutsu)
    operator = bearer_client(cast.user("operator"))
    assert operator.get(f"{URL}/{theirs.pk}").status_code == 404
    assert operator.get(f"/api/v1/regions/fukutsu/inquiries/{theirs.pk}").status_code == 404
    participant = bearer_client(cast.user("participant"))
    assert participant.get(URL).status_code == 403
    assert participant.get(f"{URL}/{theirs.pk}").status_code == 403
