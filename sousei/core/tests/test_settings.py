"""Settings come from the environment, parsed strictly: a typo is an error that names the
variable, never a silent default."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from sousei.settings import env_bool, env_int


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
