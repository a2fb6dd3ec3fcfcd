"""The impact summary the pages and the API share: exact for operators, small groups hidden
for the municipality, KPIs graded, a fixed number of queries whatever the size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.impact import selectors
from sousei.impact.services import kpi_targets_set
from sousei.impact.tests.factories import completed_cohort as cohort
from sousei.impact.tests.factories import outcome_record

pytestmark = pytest.mark.django_db
D = dt.date
OPERATOR = Reader(user_id=1, roles=frozenset({Role.OPERATOR}))
CITY = Reader(user_id=2, roles=frozenset({Role.MUNICIPALITY}))
FY2026 = selectors.SummaryPeriod.fiscal_year(2026)


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2027, 6, 30, 9))):
        yield D(2027, 6, 30)


def test_the_operator_sees_exact_figures_and_the_city_sees_small_groups_hidden(
    koga: Region, cast: Cast
) -> None:
    with region_scope(koga):
        cohort(koga, completers=5, placed=2)
        kpi_targets_set(
            region=koga,
            fiscal_year=2026,
            targets={
                "completers": 6,
                "employment_rate_mhlw": 70,
                "income_change_median": 30_000,
                "placed": 3,
            },
            actor=cast.user("operator"),
        )
        exact = selectors.impact_summary(region=koga, period=FY2026, reader=OPERATOR)
        city = selectors.impact_summary(region=koga, period=FY2026, reader=CITY)
    assert exact["funnel"] == {
        "applied": 5,
        "accepted": 5,
        "enrolled": 5,
        "completed": 5,
        "placed": 2,
        "outcome": 5,
    }
    assert exact["employment_rate_mhlw"] == {"employed": 5, "denominator": 5, "rate": 100.0}
    # After: 130k..170k → median 150,000; change: 30k..70k → median 50,000.
    assert exact["income"]["median_after_jpy"] == 150_000
    assert exact["income"]["median_change_jpy"] == 50_000
    assert {k["code"]: (k["actual"], k["grade"]) for k in exact["kpis"]} == {
        "completers": (5, "○"),  # 5 of 6 = 83 %
        "placed": (2, "△"),  # 67 %
        "employment_rate_mhlw": (100.0, "◎"),
        "income_change_median": (50_000, "◎"),
    }
    # The city: 2 placed is hidden, and so is its KPI; everything else is the same.
    assert city["funnel"]["placed"] is None
    assert "funnel.placed" in city["suppressed"]
    assert "kpis.placed.actual" in city["suppressed"]
    placed_kpi = next(k for k in city["kpis"] if k["code"] == "placed")
    assert (placed_kpi["actual"], placed_kpi["grade"]) == (None, None)
    assert city["funnel"]["completed"] == 5
    assert city["employment_rate_mhlw"]["rate"] == 100.0
    assert "funnel.placed" not in exact["suppressed"]


def test_a_rate_from_two_people_is_hidden_from_the_city(koga: Region) -> None:
    with region_scope(koga):
        cohort(koga, completers=2, placed=0)
        city = selectors.impact_summary(region=koga, period=FY2026, reader=CITY)
    assert city["employment_rate_mhlw"] == {"employed": None, "denominator": None, "rate": None}
    assert city["income"]["median_after_jpy"] is None
    assert {
        "employment_rate_mhlw.employed",
        "employment_rate_mhlw.denominator",
        "employment_rate_mhlw.rate",
        "income.median_after_jpy",
    } <= set(city["suppressed"])


def test_the_summary_is_a_fixed_number_of_queries(
    koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with region_scope(koga):
        cohort(koga, completers=3, placed=3)
        kpi_targets_set(
            region=koga,
            fiscal_year=2026,
            targets={"completers": 3},
            actor=None,
        )
        # The records, the time of the last refresh, the year's targets, the grading rule.
        with django_assert_num_queries(4):
            selectors.impact_summary(region=koga, period=FY2026, reader=CITY)
        cohort(koga, completers=40, placed=20, first_id=100)
        with django_assert_num_queries(4):
            big = selectors.impact_summary(region=koga, period=FY2026, reader=CITY)
    assert big["funnel"]["applied"] == 43


def test_the_api_returns_the_summary_and_other_callers_are_refused(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    with region_scope(koga):
        cohort(koga, completers=4, placed=1)
        kpi_targets_set(
            region=koga,
            fiscal_year=2026,
            targets={"completers": 4, "placed": 2},
            actor=cast.user("municipality"),
        )
    city = bearer_client(cast.user("municipality"))
    answer = city.get("/api/v1/regions/koga/impact?from=2026-04-01&to=2027-03-31")
    assert answer.status_code == 200
    body = answer.json()
    assert body["period"]["from"] == "2026-04-01"
    assert body["period"]["fiscal_year"] == 2026
    assert body["funnel"]["completed"] == 4
    assert body["funnel"]["placed"] is None
    assert "funnel.placed" in body["suppressed"]
    assert body["kpis"] == [
        {"code": "completers", "label": "研修修了者数", "target": 4, "actual": 4, "grade": "◎"},
        {
            "code": "placed",
            "label": "有償案件への参画者数",
            "target": 2,
            "actual": None,
            "grade": None,
        },
    ]
    operator = bearer_client(cast.user("operator"))
    exact = operator.get("/api/v1/regions/koga/impact?from=2026-04-01&to=2027-03-31").json()
    assert exact["funnel"]["placed"] == 1
    assert exact["employment_rate_mhlw"] == {"employed": 4, "denominator": 4, "rate": 100.0}
    # By default: this fiscal year (FY2027) to date, where nothing has happened yet.
    assert operator.get("/api/v1/regions/koga/impact").json()["period"] | {
        "refreshed_at": None
    } == {
        "from": "2027-04-01",
        "to": "2027-06-30",
        "basis": "period",
        "fiscal_year": 2027,
        "as_of": "2027-06-30",
        "region": "koga",
        "refreshed_at": None,
    }
    assert city.get("/api/v1/regions/fukutsu/impact").status_code == 404
    for role in ("participant", "client", "candidate"):
        assert bearer_client(cast.user(role)).get("/api/v1/regions/koga/impact").status_code == 403
    backwards = city.get("/api/v1/regions/koga/impact?from=2027-01-01&to=2026-04-01")
    assert backwards.status_code == 422
    assert Client().get("/api/v1/regions/koga/impact").status_code == 401


def test_the_city_sees_this_years_kpis_graded_on_its_dashboard(koga: Region, cast: Cast) -> None:
    city = cast.user("municipality")
    with region_scope(koga):
        # FY2027 to date (today is 30 June 2027): 3 applied this year.
        for n in range(3):
            outcome_record(koga, 500 + n, applied_on=D(2027, 4, 10 + n))
        kpi_targets_set(region=koga, fiscal_year=2027, targets={"completers": 30}, actor=city)
    client = Client()
    client.force_login(city)
    page = client.get(reverse("dashboard", kwargs={"slug": "koga"})).content.decode()
    assert "効果検証：2027年度のKPI" in page
    assert "研修修了者数" in page
    assert "×" in page  # nobody has completed yet: no progress
