"""Demo impact (called by seed_demo inside the region's scope, after every other app): the
outcome records rebuilt from the demo's own history, the residence checks that fell due,
and this fiscal year's KPI targets (the examples of the issue: 研修修了者数 30, 就職率 70 %,
所得増加額 ¥30,000 a month, 定住率 at 12 months 90 %). Idempotent: targets already set are
kept; the rebuild gives the same rows from the same records."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.services import messages_held
from sousei.impact.indicators import fiscal_year_of
from sousei.impact.models import KpiTarget
from sousei.impact.services import (
    kpi_targets_set,
    outcome_records_rebuild,
    residence_checks_create,
)

DEMO_TARGETS = {
    "completers": 30,
    "employment_rate_mhlw": 70,
    "income_change_median": 30_000,
    "retention_12m": 90,
}


@dataclass(frozen=True)
class ImpactDemo:
    records: int
    checks: int
    targets: int

    def line(self) -> str:
        return (
            f"impact: {self.records} outcome records, {self.checks} residence checks created, "
            f"{self.targets} KPI targets"
        )


def seed_impact(*, region: Region, operator: User) -> ImpactDemo:
    # Derived from the demo's history, as the nightly job does (no actor, no audit entry).
    counts = outcome_records_rebuild(region=region, actor=None)
    with messages_held():
        checks = residence_checks_create(region=region)
    year = fiscal_year_of(clock.today())
    if not KpiTarget.objects.filter(fiscal_year=year).exists():
        kpi_targets_set(region=region, fiscal_year=year, targets=DEMO_TARGETS, actor=operator)
    return ImpactDemo(
        records=counts["written"],
        checks=checks,
        targets=KpiTarget.objects.filter(fiscal_year=year).count(),
    )
