"""Every kind of response carries the security headers a penetration tester checks: a page,
an API answer and an error page alike, and none of them names the server's software."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

RESPONSES = {
    "page": ("/", 200),
    "api": ("/api/v1/postal-codes/8113101", 200),
    "api error": ("/api/v1/me", 401),
    "error page": ("/no-such-page/", 404),
    "region error page": ("/r/nowhere/apply/", 404),
}


def fetch(name: str, *, secure: bool = True) -> Any:
    path, status = RESPONSES[name]
    response = Client().get(path, secure=secure)
    assert response.status_code == status
    return response


@pytest.mark.parametrize("name", RESPONSES)
def test_every_response_carries_the_security_headers(name: str) -> None:
    response = fetch(name)
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split("; ")
    }
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("name", RESPONSES)
def test_https_responses_carry_hsts_when_debug_is_off(name: str) -> None:
    assert not settings.DEBUG
    hsts = fetch(name)["Strict-Transport-Security"]
    max_age = int(re.fullmatch(r"max-age=(\d+).*", hsts)[1])  # type: ignore[index]
    assert max_age >= 365 * 24 * 3600
    # Over plain http the header means nothing to a browser, and Django leaves it out.
    assert "Strict-Transport-Security" not in fetch(name, secure=False)


SOFTWARE = re.compile(r"python|django|wsgi|gunicorn|uvicorn|cpython|\d+\.\d+", re.IGNORECASE)


@pytest.mark.parametrize("name", RESPONSES)
def test_no_header_names_the_servers_software(name: str) -> None:
    response = fetch(name)
    assert "Server" not in response
    assert "X-Powered-By" not in response
    for header, value in response.headers.items():
        if header not in ("Content-Security-Policy", "Content-Length", "Strict-Transport-Security"):
            assert not SOFTWARE.search(value), f"{header}: {value}"
