"""Accounts and access: tokens, Argon2, throttling, CSP."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.test import Client

from conftest import Cast, bearer_client
from sousei.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def token_for(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


def test_it_issues_a_token_that_opens_the_api(cast: Cast) -> None:
    response = token_for(Client(), "operator-koga", TEST_PASSWORD)
    assert response.status_code == 200
    token = response.json()["token"]
    me = Client().get("/api/v1/me", headers={"authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["memberships"] == [{"region": "koga", "role": "operator"}]


def test_a_wrong_password_gets_401_with_a_message(cast: Cast) -> None:
    response = token_for(Client(), "operator-koga", "wrong")
    assert response.status_code == 401
    body = response.json()
    assert body["detail_en"].startswith("The username or password is wrong")
    assert body["detail_ja"]


def test_a_bad_or_missing_token_gets_401(cast: Cast) -> None:
    assert Client().get("/api/v1/me").status_code == 401
    bad = Client(headers={"authorization": "Bearer sousei_not-a-token"})
    assert bad.get("/api/v1/me").status_code == 401


def test_repeated_failures_are_throttled_per_username_and_ip(cast: Cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert token_for(client, "operator-koga", "wrong").status_code == 401
    # The failure that reaches the limit locks the pair; the right password no longer helps.
    assert token_for(client, "operator-koga", "wrong").status_code == 429
    locked = token_for(client, "operator-koga", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "Retry-After" in locked
    assert locked.json()["detail_en"].startswith("Too many failed sign-ins")
    # The same user from another network, and another user from this one, still get in.
    assert token_for(client, "operator-koga", TEST_PASSWORD, ip="10.0.0.2").status_code == 200
    assert token_for(client, "trainer-koga", TEST_PASSWORD).status_code == 200


def test_the_login_page_is_throttled_too(cast: Cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "trainer-koga", "password": "wrong"})
    response = client.post("/login/", {"username": "trainer-koga", "password": TEST_PASSWORD})
    assert response.status_code == 429


def test_the_login_page_signs_in_and_lands_on_the_region_dashboard(cast: Cast) -> None:
    client = Client()
    response = client.post("/login/", {"username": "operator-koga", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/home/").url == "/r/koga/dashboard/"  # type: ignore[attr-defined]


def test_passwords_are_hashed_with_argon2(cast: Cast) -> None:
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert identify_hasher(cast.user("operator").password).algorithm == "argon2"


def test_pages_carry_a_strict_content_security_policy(db: None) -> None:
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_forms_need_a_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "operator-koga", "password": TEST_PASSWORD})
    assert response.status_code == 403


def test_session_calls_to_the_api_need_csrf(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.user("operator"))
    response = client.post(
        "/api/v1/regions/koga/applications/1/decision",
        {"decision": "accept"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert bearer_client(cast.user("operator")).get("/api/v1/me").status_code == 200
