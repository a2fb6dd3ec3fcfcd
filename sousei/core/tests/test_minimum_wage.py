from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sousei.core.models import MinimumWage
from sousei.core.selectors import minimum_wage_on
from sousei.core.services import minimum_wages_load

pytestmark = pytest.mark.django_db


def test_it_loads_fukuoka_and_knows_which_wage_is_in_force() -> None:
    minimum_wages_load()
    assert minimum_wage_on(prefecture="福岡県", day=date(2024, 10, 4)).amount_jpy == 941  # type: ignore[union-attr]
    assert minimum_wage_on(prefecture="福岡県", day=date(2024, 10, 5)).amount_jpy == 992  # type: ignore[union-attr]
    assert minimum_wage_on(prefecture="福岡県", day=date(2025, 11, 15)).amount_jpy == 992  # type: ignore[union-attr]
    assert minimum_wage_on(prefecture="福岡県", day=date(2025, 11, 16)).amount_jpy == 1057  # type: ignore[union-attr]
    assert minimum_wage_on(prefecture="福岡県", day=date(2020, 1, 1)) is None


def test_loading_twice_changes_nothing_and_a_file_extends_it(tmp_path: Path) -> None:
    first = minimum_wages_load()
    again = minimum_wages_load()
    assert again.created == 0
    assert again.updated == first.created
    extra = tmp_path / "wages.csv"
    extra.write_text(
        "prefecture,amount_jpy,effective_from,source\n佐賀県,956,2024-10-17,test\n", "utf-8"
    )
    assert minimum_wages_load(path=extra).created == 1
    assert MinimumWage.objects.filter(prefecture="佐賀県").count() == 1


def test_a_malformed_line_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    bad = tmp_path / "wages.csv"
    bad.write_text(
        "prefecture,amount_jpy,effective_from,source\n"
        "佐賀県,956,2024-10-17,ok\n"
        "佐賀県,九百,2025-10-17,bad\n",
        "utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        minimum_wages_load(path=bad)
    assert caught.value.params is not None
    assert caught.value.params["line"] == 3
    assert not MinimumWage.objects.filter(prefecture="佐賀県").exists()
