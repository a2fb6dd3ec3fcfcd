"""Comparing regions: the figures kept per region and fiscal year, who may compare which
regions, small groups hidden for everyone, and the read audited in each region."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core import clock
from sousei.core.models import AuditEntry, Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.core.tests.factories import UserFactory
from sousei.impact import selectors
from sousei.impact.models import RegionFigures
from sousei.impact.services import benchmarking_set, comparison_audit, outcome_records_rebuild
from sousei.impact.tests import factories as made

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 12, 1, 9))):
        yield D(2026, 12, 1)


def applicants(region: Region, count: int, *, enrolled: int) -> None:
    with region_scope(region):
        for n in range(count):
            who = made.participant(region, applied_on=D(2026, 5, 1 + n))
            if n < enrolled:
                made.enrolment(region, who, start=D(2026, 6, 1))
        outcome_records_rebuild(region=region, actor=None)


def test_a_rebuild_keeps_each_fiscal_years_figures(koga: Region) -> None:
    with region_scope(koga):
        made.participant(koga, applied_on=D(2025, 9, 1))
        outcome_records_rebuild(region=koga, actor=None)
        years = dict(RegionFigures.objects.values_list("fiscal_year", "cells"))
    assert sorted(years) == [2025, 2026]
    assert years[2025]["funnel.applied"] == [1, 1, "count"]
    assert years[2026]["funnel.applied"] == [0, 0, "count"]


def test_who_compares_which_regions(koga: Region, fukutsu: Region, cast: Cast) -> None:
    both = UserFactory.create()
    for region in (koga, fukutsu):
        with scopes_disabled():
            Membership.objects.create(region=region, user=both, role=Role.OPERATOR)
    city = cast.user("municipality")
    owner = UserFactory.create(is_superuser=True)
    assert selectors.comparable_regions(user=cast.user("operator")) == [koga]
    assert selectors.comparable_regions(user=both) == [koga, fukutsu]
    assert selectors.comparable_regions(user=owner) == [koga, fukutsu]
    # The city sees only itself until both regions opt in.
    assert selectors.comparable_regions(user=city) == [koga]
    with region_scope(fukutsu):
        benchmarking_set(region=fukutsu, opted_in=True, actor=cast.user("municipality", "fukutsu"))
    assert selectors.comparable_regions(user=city) == [koga]
    with region_scope(koga):
        benchmarking_set(region=koga, opted_in=True, actor=city)
    assert selectors.comparable_regions(user=city) == [koga, fukutsu]
    assert selectors.comparable_regions(user=cast.user("participant")) == []


def test_the_comparison_hides_small_groups_for_everyone_and_is_audited(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    applicants(koga, 5, enrolled=2)
    applicants(fukutsu, 4, enrolled=4)
    owner = UserFactory.create(is_superuser=True)
    regions = selectors.comparable_regions(user=owner)
    rows = selectors.impact_comparison(regions=regions, fiscal_year=2026)
    by_region = {row["region"]: row["figures"] for row in rows}
    assert by_region["koga"]["funnel"]["applied"] == 5
    assert by_region["koga"]["funnel"]["enrolled"] is None
    assert "funnel.enrolled" in by_region["koga"]["suppressed"]
    assert by_region["fukutsu"]["funnel"]["enrolled"] == 4
    assert selectors.impact_comparison(regions=regions, fiscal_year=2020)[0]["figures"] is None
    assert comparison_audit(user=owner, regions=regions, fiscal_year=2026) == 2
    with scopes_disabled():
        audited = sorted(
            AuditEntry.objects.filter(action="impact.compare").values_list(
                "region__slug", flat=True
            )
        )
    assert audited == ["fukutsu", "koga"]


def test_a_comparison_of_many_regions_is_one_query(
    koga: Region, fukutsu: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    applicants(koga, 3, enrolled=3)
    applicants(fukutsu, 3, enrolled=3)
    regions = [koga, fukutsu]
    with django_assert_num_queries(1):
        rows = selectors.impact_comparison(regions=regions, fiscal_year=2026)
    assert [row["figures"]["funnel"]["enrolled"] for row in rows] == [3, 3]
