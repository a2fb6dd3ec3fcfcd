"""KPI targets per region and fiscal year, audited and kept year by year; grades ◎ ○ △ ×
with thresholds each region sets."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import Cast
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.impact import selectors
from sousei.impact.grading import grade
from sousei.impact.services import grade_rule_set, kpi_targets_set

pytestmark = pytest.mark.django_db


def test_grades_follow_the_share_of_the_target() -> None:
    assert grade(30, 30) == "◎"
    assert grade(31, 30) == "◎"
    assert grade(24, 30) == "○"  # 80 %
    assert grade(23, 30) == "△"  # 76.7 %
    assert grade(0, 30) == "×"
    assert grade(None, 30) is None
    # A region that grades ◎ from 90 % and ○ from 60 %.
    assert grade(27, 30, achieved_percent=90, good_percent=60) == "◎"
    assert grade(18, 30, achieved_percent=90, good_percent=60) == "○"
    assert grade(17, 30, achieved_percent=90, good_percent=60) == "△"


def test_targets_are_set_per_year_audited_and_kept_by_year(koga: Region, cast: Cast) -> None:
    operator = cast.user("operator")
    city = cast.user("municipality")
    with region_scope(koga):
        kpi_targets_set(
            region=koga,
            fiscal_year=2025,
            targets={"completers": 20, "employment_rate_mhlw": 60},
            actor=operator,
        )
        kpi_targets_set(
            region=koga,
            fiscal_year=2026,
            targets={"completers": 30, "employment_rate_mhlw": 70, "retention_12m": 90},
            actor=operator,
        )
        changed = kpi_targets_set(
            region=koga, fiscal_year=2026, targets={"completers": 35}, actor=city
        )
        assert [(t.code, t.target) for t in changed] == [
            ("completers", 35),
            ("employment_rate_mhlw", 70),
            ("retention_12m", 90),
        ]
        history = selectors.kpi_history()
        assert {year: {t.code: t.target for t in ts} for year, ts in history.items()} == {
            2025: {"completers": 20, "employment_rate_mhlw": 60},
            2026: {"completers": 35, "employment_rate_mhlw": 70, "retention_12m": 90},
        }
        last = AuditEntry.objects.filter(action="kpi_targets.set").latest("id")
        assert last.changes == {"fiscal_year": 2026, "completers": [30, 35]}
        assert last.actor == city
        # Setting the same value again changes and audits nothing.
        kpi_targets_set(region=koga, fiscal_year=2026, targets={"completers": 35}, actor=city)
        assert AuditEntry.objects.filter(action="kpi_targets.set").count() == 3


def test_a_wrong_target_says_what_to_fix(koga: Region, cast: Cast) -> None:
    with region_scope(koga), pytest.raises(ValidationError) as refused:
        kpi_targets_set(
            region=koga,
            fiscal_year=1999,
            targets={"completers": -1, "happiness": 3},
            actor=cast.user("operator"),
        )
    assert set(refused.value.message_dict) == {"fiscal_year", "completers", "happiness"}


def test_each_region_sets_its_own_thresholds(koga: Region, fukutsu: Region, cast: Cast) -> None:
    with region_scope(koga):
        grade_rule_set(
            region=koga, achieved_percent=90, good_percent=60, actor=cast.user("operator")
        )
        assert selectors.grade_thresholds() == (90, 60)
        entry = AuditEntry.objects.get(action="grade_rule.set")
        assert entry.changes == {"achieved_percent": [100, 90], "good_percent": [80, 60]}
        with pytest.raises(ValidationError):
            grade_rule_set(
                region=koga, achieved_percent=80, good_percent=80, actor=cast.user("operator")
            )
    with region_scope(fukutsu):
        assert selectors.grade_thresholds() == (100, 80)
