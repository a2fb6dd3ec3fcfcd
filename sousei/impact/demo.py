"""Demo impact (called by seed_demo inside the region's scope, after every other app and the
earlier cohorts of sousei/demo/history.py): the outcome records rebuilt from the demo's own
history, the residence checks that fell due — answered as the history says, one by someone
who moved away, some open — the KPI targets of fiscal years 2025 and 2026, the region's
figures kept for comparisons, and the municipality's choice to take part in benchmarking.

Koga's FY2026 targets are set against what the demo's history gives so far, so the city sees
every grade: ◎ (median income gain, hires), ○ (placed, staying at 6 and 12 months), △
(completers, wages paid) and × (就職率: no completer of 2026 was in an insured job within 3
months yet). Idempotent: targets, answers and choices already there are kept; the rebuild
gives the same rows from the same records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.demo import demo_user
from sousei.core.models import Region
from sousei.core.outbox.services import messages_held
from sousei.core.roles import Role
from sousei.impact.models import BenchmarkOptIn, KpiTarget, ResidenceCheck
from sousei.impact.services import (
    CheckAnswer,
    benchmarking_set,
    kpi_targets_set,
    outcome_records_rebuild,
    region_figures_refresh,
    residence_check_answer,
    residence_check_record,
    residence_checks_ask,
    residence_checks_create,
)

JST = ZoneInfo("Asia/Tokyo")
DEMO_TARGETS: dict[int, dict[str, int]] = {
    2025: {
        "completers": 10,
        "employment_rate_mhlw": 70,
        "income_change_median": 30_000,
        "retention_12m": 90,
    },
    2026: {
        "completers": 30,
        "placed": 8,
        "employment_rate_mhlw": 70,
        "income_change_median": 30_000,
        "retention_6m": 90,
        "retention_12m": 90,
        "hires": 4,
        "wages_paid_in_region": 3_000_000,
    },
}


@dataclass(frozen=True)
class ImpactDemo:
    region: str
    records: int
    checks: int
    answered: int
    targets: int

    def line(self) -> str:
        return (
            f"  {self.region} impact: {self.records} outcome records, {self.checks} residence "
            f"checks created ({self.answered} answered now), {self.targets} KPI targets"
        )


def _answer_checks(answers: Mapping[str, Mapping[int, CheckAnswer]], operator: User) -> int:
    """Answer the due checks that people answer (by email and months), a few days after each
    fell due: the person by the link, or an operator who phoned."""
    answered = 0
    open_checks = ResidenceCheck.objects.filter(answered_at__isnull=True).select_related("person")
    for check in open_checks.order_by("due_on", "id"):
        answer = answers.get(check.person.email.lower(), {}).get(check.months)
        if answer is None:
            continue
        moment = dt.datetime.combine(check.due_on + dt.timedelta(days=3), dt.time(19), JST)
        with clock.frozen_at(moment):
            if check.pk % 2:
                residence_check_answer(check_id=check.pk, answer=answer, actor=None)
            else:
                residence_check_record(check_id=check.pk, answer=answer, actor=operator)
        answered += 1
    return answered


def seed_impact(
    *,
    region: Region,
    operator: User,
    answers: Mapping[str, Mapping[int, CheckAnswer]] | None = None,
) -> ImpactDemo:
    # Derived from the demo's history, as the nightly job does (no actor, no audit entry).
    counts = outcome_records_rebuild(region=region, actor=None)
    with messages_held():
        checks = residence_checks_create(region=region)
        answered = _answer_checks(answers or {}, operator)
        residence_checks_ask(region=region)
    region_figures_refresh(region=region)
    for year, targets in DEMO_TARGETS.items():
        present = set(KpiTarget.objects.filter(fiscal_year=year).values_list("code", flat=True))
        missing = {code: value for code, value in targets.items() if code not in present}
        if missing:
            kpi_targets_set(region=region, fiscal_year=year, targets=missing, actor=operator)
    if not BenchmarkOptIn.objects.exists():
        benchmarking_set(region=region, opted_in=True, actor=demo_user(region, Role.MUNICIPALITY))
    return ImpactDemo(
        region=region.slug,
        records=counts["written"],
        checks=checks,
        answered=answered,
        targets=KpiTarget.objects.count(),
    )
