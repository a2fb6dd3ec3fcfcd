"""The `sousei` console command maps its hyphenated commands onto Django's."""

from __future__ import annotations

import pytest
from django.core.management import get_commands

from sousei.cli import HYPHENATED, django_argv, main


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


def test_sousei_runs_django_commands(capsys: pytest.CaptureFixture[str]) -> None:
    main(["sousei", "check"])
    assert "no issues" in capsys.readouterr().out
