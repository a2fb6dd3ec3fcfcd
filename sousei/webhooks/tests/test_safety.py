"""Webhooks go to public HTTPS addresses only: private, loopback, link-local and local names
are refused when an endpoint is saved, and again when an attempt resolves the host."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sousei.webhooks.safety import UnsafeAddress, target_of, url_check


@pytest.fixture
def no_local(settings: Any) -> None:
    settings.SOUSEI_WEBHOOK_LOCAL_URLS = False


@pytest.mark.usefixtures("no_local")
@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://hooks.example.jp/x", "https"),
        ("https://10.0.0.5/x", "private"),
        ("https://192.168.1.20/x", "private"),
        ("https://172.16.0.1/x", "private"),
        ("https://127.0.0.1/x", "private"),
        ("https://169.254.169.254/latest/meta-data", "private"),
        ("https://100.64.0.1/x", "private"),
        ("https://0.0.0.0/x", "private"),
        ("https://[::1]/x", "private"),
        ("https://[fe80::1]/x", "private"),
        ("https://[fd00::1]/x", "private"),
        ("https://[::ffff:10.0.0.1]/x", "private"),
        ("https://localhost/x", "private"),
        ("https://printer.local/x", "private"),
        ("https://metadata.google.internal/x", "private"),
        ("https://intranet/x", "private"),
        ("http://localhost:8000/x", "https"),
        ("https://user:pass@hooks.example.jp/x", "credentials"),
        ("ftp://hooks.example.jp/x", "invalid"),
        ("https://hooks.example.jp:99999/x", "invalid"),
        ("hooks.example.jp", "invalid"),
    ],
)
def test_it_refuses_an_address_a_webhook_may_not_go_to(url: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        url_check(url)
    assert caught.value.code == code


@pytest.mark.usefixtures("no_local")
def test_it_accepts_a_public_https_address() -> None:
    assert (
        url_check(" https://hooks.example.jp/sousei?x=1 ") == "https://hooks.example.jp/sousei?x=1"
    )
    assert url_check("https://8.8.8.8/x") == "https://8.8.8.8/x"


def test_local_http_is_allowed_for_development_only(settings: Any) -> None:
    settings.SOUSEI_WEBHOOK_LOCAL_URLS = True
    assert url_check("http://127.0.0.1:9000/hooks") == "http://127.0.0.1:9000/hooks"
    assert url_check("http://localhost:9000/hooks") == "http://localhost:9000/hooks"
    with pytest.raises(ValidationError):
        url_check("http://10.0.0.5/hooks")


@pytest.mark.usefixtures("no_local")
def test_an_attempt_refuses_an_address_saved_before_the_rules_or_resolved_privately() -> None:
    with pytest.raises(UnsafeAddress):
        target_of("https://10.0.0.5/x")
    with pytest.raises(UnsafeAddress):
        target_of("http://127.0.0.1:9000/x")


@pytest.mark.usefixtures("no_local")
def test_an_attempt_connects_to_the_checked_address_with_the_name_for_tls() -> None:
    target = target_of("https://8.8.8.8:8443/x?y=1")
    assert target.url == "https://8.8.8.8:8443/x?y=1"
    assert target.host == "8.8.8.8"
    v6 = target_of("https://[2001:4860:4860::8888]/x")
    assert v6.url == "https://[2001:4860:4860::8888]/x"
