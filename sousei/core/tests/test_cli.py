"""The `sousei` console command maps its hyphenated commands onto Django's."""

from __future__ import annotations

import secrets
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import get_commands

from sousei.cli import HYPHENATED, demo_secret_key, django_argv, main


@pytest.mark.parametrize(
    ("typed", "django"),
    [
        (["sousei", "create-region", "40220"], ["sousei", "create_region", "40220"]),
        (["sousei", "seed-demo"], ["sousei", "seed_demo"]),
        (["sousei", "demo", "--port", "9000"], ["sousei", "demo", "--port", "9000"]),
        (["sousei", "migrate"], ["sousei", "migrate"]),
        (["sousei"], ["sousei"]),
    ],
)
def test_hyphenated_commands_reach_django(typed: list[str], django: list[str]) -> None:
    assert django_argv(typed) == django


def test_every_hyphenated_command_exists() -> None:
    commands = get_commands()
    for command in [*HYPHENATED.values(), "demo"]:
        assert commands[command].startswith("sousei."), command


def test_sousei_runs_django_commands(capsys: pytest.CaptureFixture[str], settings: Any) -> None:
    settings.SECRET_KEY = secrets.token_urlsafe(50)  # with the development key, check refuses
    main(["sousei", "check"])
    assert "no issues" in capsys.readouterr().out


def test_the_demo_makes_its_own_secret_key_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOUSEI_VAR_DIR", str(tmp_path))
    key = demo_secret_key()
    assert len(key) >= 50
    assert demo_secret_key() == key
    assert stat.S_IMODE((tmp_path / "demo-secret-key").stat().st_mode) == 0o600
