"""Settings come from the environment, parsed strictly: a typo is an error that names the
variable, never a silent default."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sousei.settings import env_bool, env_int, env_proxy_ssl_header


@pytest.mark.parametrize(("value", "expected"), [("1", True), (" Yes ", True), ("off", False)])
def test_yes_and_no_words_are_read(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("SOUSEI_FLAG", value)
    assert env_bool("SOUSEI_FLAG", not expected) is expected


def test_an_unset_or_empty_flag_takes_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOUSEI_FLAG", raising=False)
    assert env_bool("SOUSEI_FLAG", True) is True
    monkeypatch.setenv("SOUSEI_FLAG", "")
    assert env_bool("SOUSEI_FLAG", False) is False


@pytest.mark.parametrize("typo", ["ture", "flase", "2", "enabled"])
def test_a_typo_in_a_flag_is_an_error_naming_it(monkeypatch: pytest.MonkeyPatch, typo: str) -> None:
    monkeypatch.setenv("SOUSEI_FLAG", typo)
    with pytest.raises(ImproperlyConfigured, match="SOUSEI_FLAG"):
        env_bool("SOUSEI_FLAG", False)


def test_a_number_that_is_not_one_is_an_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOUSEI_N", "5O")
    with pytest.raises(ImproperlyConfigured, match="SOUSEI_N"):
        env_int("SOUSEI_N", 1)
    monkeypatch.setenv("SOUSEI_N", " 50 ")
    assert env_int("SOUSEI_N", 1) == 50


def python(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Python in a fresh process, with only the environment given (as a server starts)."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    if "DATABASE_URL" in os.environ:
        base["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return subprocess.run(
        [sys.executable, *args],
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return python("-m", "sousei.manage", *args, **env)


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "sousei.example.jp",
    "CSRF_TRUSTED_ORIGINS": "https://sousei.example.jp",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def test_the_deploy_check_finds_nothing_with_production_settings() -> None:
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_server_without_a_secret_key_refuses_to_start() -> None:
    unset = {name: value for name, value in PRODUCTION.items() if name != "SECRET_KEY"}
    result = manage("check", **unset)
    assert result.returncode != 0
    assert "(sousei.E001) SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr
    # gunicorn and uvicorn run no system checks; the entry points refuse by themselves.
    for entry_point in ("sousei.wsgi", "sousei.asgi"):
        served = python("-c", f"import {entry_point}", **unset)
        assert served.returncode != 0
        assert "ImproperlyConfigured: SECRET_KEY is not set" in served.stderr
    assert python("-c", "import sousei.wsgi", **PRODUCTION).returncode == 0


def test_the_development_key_is_refused_when_named_outright() -> None:
    result = manage("check", **(PRODUCTION | {"SECRET_KEY": settings.DEVELOPMENT_SECRET_KEY}))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_development_key_serves_a_developer_with_debug_on() -> None:
    unset = {name: value for name, value in PRODUCTION.items() if name != "SECRET_KEY"}
    assert manage("check", **(unset | {"DEBUG": "true"})).returncode == 0


def test_the_proxy_header_is_a_header_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOUSEI_PROXY", "X-Forwarded-Proto")
    assert env_proxy_ssl_header("SOUSEI_PROXY") == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setenv("SOUSEI_PROXY", "X-Forwarded-Proto: https")
    with pytest.raises(ImproperlyConfigured, match="SOUSEI_PROXY"):
        env_proxy_ssl_header("SOUSEI_PROXY")
    monkeypatch.delenv("SOUSEI_PROXY")
    assert env_proxy_ssl_header("SOUSEI_PROXY") is None
