"""The impact demo: what Koga's city and operators see after `sousei seed-demo` — two fiscal
years of cohorts, every KPI grade, small groups hidden from the city, residence checks at 6
and 12 months, and a comparison with Fukutsu. (That a second seed changes nothing is
sousei/demo/tests/test_seed_demo.py's test.)"""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.impact import selectors
from sousei.impact.grading import ACHIEVED, GOOD, NONE, PROGRESS
from sousei.impact.models import OutcomeRecord, ResidenceCheck

pytestmark = pytest.mark.django_db

FY2026 = selectors.SummaryPeriod.fiscal_year(2026)
FY2025 = selectors.SummaryPeriod.fiscal_year(2025)


def reader(role: str) -> Reader:
    return Reader(user_id=0, roles=frozenset({role}))


def test_the_demo_shows_the_citys_impact_over_two_fiscal_years() -> None:
    call_command("seed_demo", stdout=StringIO())
    koga = Region.objects.get(slug="koga")
    with region_scope(koga):
        operator = selectors.impact_summary(
            region=koga, period=FY2026, reader=reader(Role.OPERATOR)
        )
        grades = {kpi["code"]: kpi["grade"] for kpi in operator["kpis"]}
        assert set(grades.values()) == {ACHIEVED, GOOD, PROGRESS, NONE}
        assert not operator["suppressed"] or all(
            not name.startswith("kpis.") for name in operator["suppressed"]
        )

        city = selectors.impact_summary(
            region=koga, period=FY2026, reader=reader(Role.MUNICIPALITY)
        )
        # A figure of one or two people is an x for the city, a KPI's actual among them.
        assert "income.median_change_jpy" in city["suppressed"]
        assert city["income"]["median_change_jpy"] is None
        hidden = [kpi for kpi in city["kpis"] if kpi["actual"] is None]
        assert [kpi["code"] for kpi in hidden] == ["income_change_median"]
        assert operator["income"]["median_change_jpy"] is not None

        # FY2025 is history: its cohort in every state, its targets kept.
        last_year = selectors.impact_summary(
            region=koga, period=FY2025, reader=reader(Role.OPERATOR)
        )
        funnel = last_year["funnel"]
        assert funnel["applied"] > funnel["accepted"] > funnel["enrolled"] > funnel["completed"]
        assert min(funnel["completed"], funnel["placed"], funnel["outcome"]) >= 3
        assert last_year["income"]["wages_paid_in_region_jpy"] > 0
        assert last_year["income"]["median_after_jpy"] > last_year["income"]["median_before_jpy"]
        assert last_year["employment_rate_mhlw"] == {"employed": 6, "denominator": 9, "rate": 66.7}
        assert [kpi["grade"] for kpi in last_year["kpis"]][:3] == [GOOD, GOOD, ACHIEVED]
        assert set(selectors.kpi_history()) == {2025, 2026}

        records = OutcomeRecord.objects.filter(applied_on__lt="2026-04-01")
        assert {r.left_early_reason for r in records if r.left_early_on} == {"job", "other"}
        kinds = set(records.values_list("outcome_kind", flat=True))
        assert {"fulltime_conversion", "employed_elsewhere", "independent"} <= kinds
        assert {"continue_projects"} <= kinds
        assert set(records.values_list("employment_insured", flat=True)) >= {True, False}
        assert records.filter(lives_in_region=False).count() == 1

        checks = ResidenceCheck.objects.all()
        for months in (6, 12):
            assert checks.filter(months=months, answered_at__isnull=False).exists()
        assert checks.filter(months=12, answered_at__isnull=True).count() >= 2
        assert checks.filter(answered_at__isnull=True, asked_at__isnull=False).exists()
        moved = checks.filter(lives_in_region=False)
        assert set(moved.values_list("municipality_code", flat=True)) == {"40133"}

    client = Client()
    client.force_login(User.objects.get(username="municipality-koga"))
    response = client.get("/api/v1/impact/comparison", {"from": "2026-04-01"})
    assert response.status_code == 200, response.content
    rows = {row["region"]: row for row in response.json()["regions"]}
    assert set(rows) == {"koga", "fukutsu"}
    assert rows["fukutsu"]["figures"]["funnel"]["completed"] == 4
    assert rows["koga"]["figures"]["funnel"]["completed"] == 13
    last = client.get("/api/v1/impact/comparison", {"from": "2025-04-01"}).json()
    assert all(row["figures"]["funnel"]["outcome"] >= 3 for row in last["regions"])
