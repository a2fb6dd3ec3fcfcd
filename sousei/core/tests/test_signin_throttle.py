"""Sign-in throttling closes the gaps an attacker found: more source addresses buy no more
guesses at one account, spraying one password over many usernames is stopped, and attempts
during a lockout do not extend it. On the login page and POST /api/v1/auth/token alike."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client

from conftest import Cast
from sousei.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

PER_USERNAME = settings.SIGNIN_FAILURE_LIMITS[("username",)]
PER_ADDRESS = settings.SIGNIN_FAILURE_LIMITS[("ip_address",)]


def api_sign_in(username: str, password: str, ip: str) -> int:
    response = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=ip,
    )
    return response.status_code


def page_sign_in(username: str, password: str, ip: str) -> int:
    response = Client().post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return response.status_code


def test_the_limits_per_username_and_per_address_are_above_the_pairs() -> None:
    assert PER_USERNAME > settings.AXES_FAILURE_LIMIT
    assert PER_ADDRESS > settings.AXES_FAILURE_LIMIT


def test_spraying_one_password_over_many_usernames_is_stopped(cast: Cast) -> None:
    for number in range(PER_ADDRESS - 1):
        assert api_sign_in(f"resident{number}", "Spring2026!", "10.9.9.9") == 401
    # The attempt that reaches the address's limit locks the address, for every username.
    assert api_sign_in("resident-last", "Spring2026!", "10.9.9.9") == 429
    assert api_sign_in("trainer-koga", TEST_PASSWORD, "10.9.9.9") == 429
    assert page_sign_in("trainer-koga", TEST_PASSWORD, "10.9.9.9") == 429
    # Other addresses are not affected.
    assert api_sign_in("trainer-koga", TEST_PASSWORD, "10.9.9.10") == 200


def test_signing_in_to_ones_own_account_does_not_clear_an_addresss_count(cast: Cast) -> None:
    for number in range(PER_ADDRESS - 1):
        assert page_sign_in(f"resident{number}", "Spring2026!", "10.8.8.8") == 200  # form again
    assert api_sign_in("trainer-koga", TEST_PASSWORD, "10.8.8.8") == 200
    assert api_sign_in("resident-last", "Spring2026!", "10.8.8.8") == 429


def test_one_username_from_many_addresses_is_locked_at_the_higher_limit(cast: Cast) -> None:
    for number in range(PER_USERNAME - 1):
        # One guess per address: the per-pair limit never triggers.
        assert api_sign_in("operator-koga", f"guess{number}", f"10.7.0.{number}") == 401
    assert api_sign_in("operator-koga", "guess-last", "10.7.1.1") == 429
    # Now the right password from yet another address is refused too …
    assert api_sign_in("operator-koga", TEST_PASSWORD, "10.7.2.2") == 429
    assert page_sign_in("operator-koga", TEST_PASSWORD, "10.7.2.3") == 429
    # … while other users sign in from those addresses.
    assert api_sign_in("trainer-koga", TEST_PASSWORD, "10.7.0.1") == 200


def attempts() -> list[tuple[str | None, str | None, int, object]]:
    return list(
        AccessAttempt.objects.order_by("id").values_list(
            "username", "ip_address", "failures_since_start", "attempt_time"
        )
    )


def test_attempts_during_a_lockout_do_not_extend_it(cast: Cast) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_sign_in("client-koga", "wrong", "10.6.6.6")
    before = attempts()
    # During the lockout even the right password is refused, and nothing is recorded.
    assert api_sign_in("client-koga", TEST_PASSWORD, "10.6.6.6") == 429
    assert api_sign_in("client-koga", "wrong", "10.6.6.6") == 429
    assert page_sign_in("client-koga", TEST_PASSWORD, "10.6.6.6") == 429
    assert attempts() == before
    # When the cool-off has passed since the failure that locked, the right password works.
    # (Axes reads django.utils.timezone, not our clock: the failures are moved back instead.)
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert api_sign_in("client-koga", TEST_PASSWORD, "10.6.6.6") == 200


def test_behind_a_proxy_the_clients_address_is_counted(cast: Cast, settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the client's address; what the client wrote before it is ignored.
    for number in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            "/api/v1/auth/token",
            {"username": "operator-koga", "password": "wrong"},
            content_type="application/json",
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 203.0.113.7",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert api_sign_in("operator-koga", TEST_PASSWORD, "192.0.2.1") == 200  # another client
