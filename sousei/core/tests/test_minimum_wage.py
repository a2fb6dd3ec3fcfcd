from __future__ import annotations

import importlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.apps import apps as django_apps
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
    assert again.updated == first.created + first.updated
    extra = tmp_path / "wages.csv"
    extra.write_text(
        "prefecture,amount_jpy,effective_from,source\n佐賀県,1100,2026-10-17,test\n", "utf-8"
    )
    assert minimum_wages_load(path=extra).created == 1
    assert minimum_wage_on(prefecture="佐賀県", day=date(2026, 10, 17)).amount_jpy == 1100  # type: ignore[union-attr]


def test_a_malformed_line_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    bad = tmp_path / "wages.csv"
    bad.write_text(
        "prefecture,amount_jpy,effective_from,source\n"
        "佐賀県,1100,2026-10-17,ok\n"
        "佐賀県,千百,2027-10-17,bad\n",
        "utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        minimum_wages_load(path=bad)
    assert caught.value.params is not None
    assert caught.value.params["line"] == 3
    assert not MinimumWage.objects.filter(
        prefecture="佐賀県", effective_from__gte=date(2026, 1, 1)
    ).exists()


# 厚生労働省「地域別最低賃金の全国一覧」令和7年度: the amount and the day it took effect, as
# published (cross-checked against the tables reprinted by toms.or.jp and hyperpc.jp).
REVISION_2025 = {
    "北海道": (1075, "2025-10-04"),
    "青森県": (1029, "2025-11-21"),
    "岩手県": (1031, "2025-12-01"),
    "宮城県": (1038, "2025-10-04"),
    "秋田県": (1031, "2026-03-31"),
    "山形県": (1032, "2025-12-23"),
    "福島県": (1033, "2026-01-01"),
    "茨城県": (1074, "2025-10-12"),
    "栃木県": (1068, "2025-10-01"),
    "群馬県": (1063, "2026-03-01"),
    "埼玉県": (1141, "2025-11-01"),
    "千葉県": (1140, "2025-10-03"),
    "東京都": (1226, "2025-10-03"),
    "神奈川県": (1225, "2025-10-04"),
    "新潟県": (1050, "2025-10-02"),
    "富山県": (1062, "2025-10-12"),
    "石川県": (1054, "2025-10-08"),
    "福井県": (1053, "2025-10-08"),
    "山梨県": (1052, "2025-12-01"),
    "長野県": (1061, "2025-10-03"),
    "岐阜県": (1065, "2025-10-18"),
    "静岡県": (1097, "2025-11-01"),
    "愛知県": (1140, "2025-10-18"),
    "三重県": (1087, "2025-11-21"),
    "滋賀県": (1080, "2025-10-05"),
    "京都府": (1122, "2025-11-21"),
    "大阪府": (1177, "2025-10-16"),
    "兵庫県": (1116, "2025-10-04"),
    "奈良県": (1051, "2025-11-16"),
    "和歌山県": (1045, "2025-11-01"),
    "鳥取県": (1030, "2025-10-04"),
    "島根県": (1033, "2025-11-17"),
    "岡山県": (1047, "2025-12-01"),
    "広島県": (1085, "2025-11-01"),
    "山口県": (1043, "2025-10-16"),
    "徳島県": (1046, "2026-01-01"),
    "香川県": (1036, "2025-10-18"),
    "愛媛県": (1033, "2025-12-01"),
    "高知県": (1023, "2025-12-01"),
    "福岡県": (1057, "2025-11-16"),
    "佐賀県": (1030, "2025-11-21"),
    "長崎県": (1031, "2025-12-01"),
    "熊本県": (1034, "2026-01-01"),
    "大分県": (1035, "2026-01-01"),
    "宮崎県": (1023, "2025-11-16"),
    "鹿児島県": (1026, "2025-11-01"),
    "沖縄県": (1023, "2025-12-01"),
}


@pytest.mark.usefixtures("minimum_wages")
@pytest.mark.parametrize(("prefecture", "published"), sorted(REVISION_2025.items()))
def test_every_prefecture_has_its_2025_minimum_wage(
    prefecture: str, published: tuple[int, str]
) -> None:
    amount, effective = published
    day = date.fromisoformat(effective)
    wage = minimum_wage_on(prefecture=prefecture, day=day)
    assert wage is not None
    assert (wage.amount_jpy, wage.effective_from) == (amount, day)
    assert "厚生労働省 地域別最低賃金の全国一覧" in wage.source
    before = minimum_wage_on(prefecture=prefecture, day=day - timedelta(days=1))
    assert before is not None
    assert before.amount_jpy < amount
    assert before.effective_from.year == 2024


def test_the_data_migration_loads_all_47_prefectures() -> None:
    """A new installation knows every prefecture's minimum wage without running a command."""
    migration = importlib.import_module("sousei.core.migrations.0004_load_minimum_wages")
    MinimumWage.objects.all().delete()
    migration.load(django_apps, None)
    assert MinimumWage.objects.values("prefecture").distinct().count() == 47
    assert MinimumWage.objects.count() == 95  # 47 × 2024, 47 × 2025, Fukuoka 2023
