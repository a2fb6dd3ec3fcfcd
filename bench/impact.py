"""Benchmark: the city's impact figures (issue 11) on PostgreSQL.

    .venv/bin/python bench/impact.py [--participants 1000] [--regions 50] [--runs 40]

Builds, in its own database, Koga with `--participants` outcome records with full histories
(fixed seed, over fiscal years 2025 and 2026: applied, decided, enrolled, completed or left
early — some for a job —, paid work month by month, an insured job or an independent
outcome with the earnings after it, certificates and skill gains, residence answers at 6
and 12 months) plus one location-free hire for every tenth participant, and KPI targets for
both years. The outcome records are the kept table every figure is computed from
(docs/impact.md), so they are inserted directly rather than built by running the program.
Then `--regions` regions in all (Koga and real municipalities from core/data, up to the
1,741), each with kept per-region figures (`RegionFigures`) for both years: a comparison
reads only those, so the bench writes them directly from Koga's. Regions are only added,
never removed (each comparison leaves an audit entry in every region it read).

It times, each `--runs` times after a warm-up:

- the summary selector (`selectors.impact_summary`, as the page and the API read it) and
  `GET /api/v1/regions/koga/impact` through Django's test client, for the operator (exact
  figures) and the municipality (small groups hidden): p95 < 300 ms;
- the report's files, `GET .../impact/report.xlsx` and `.../impact/report.pdf` through the
  test client as the municipality (the report selector, the file built, the export audited):
  p95 < 2 s each (fewer runs: `--report-runs`);
- `GET /api/v1/impact/comparison` as the program's owner (every region), with its audit
  entry in every region compared: p95 < 3 s at 1,741 regions (fewer runs: `--comparison-runs`).

Figures print as `<figure>: <value> <unit> (target <op> <value>) ok|SHORT` (DESIGN.md §9);
the exit status is 1 when one misses its target. Data is reused while the counts match.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import (  # noqa: E402 (needs the project on sys.path)
    database_url,
    figure,
    koga_with_operator,
    p95,
    say,
    setup_django,
    timed,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sousei_bench_impact"
BENCH_EMAIL_DOMAIN = "bench-impact.example.jp"
SUMMARY_TARGET_MS = 300.0
COMPARISON_TARGET_MS = 3000.0
REPORT_TARGET_MS = 2000.0
YEARS = (2025, 2026)
FIRST_DAY = dt.date(2025, 4, 1)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument(
        "--regions", type=int, default=50, help="regions compared (Koga included; up to 1,741)"
    )
    parser.add_argument("--runs", type=int, default=40, help="timed runs of the summary")
    parser.add_argument(
        "--comparison-runs", type=int, default=10, help="timed runs of the comparison"
    )
    parser.add_argument("--report-runs", type=int, default=8, help="timed runs of each report file")
    return parser.parse_args(argv)


def history(rng: random.Random, n: int, today: dt.date) -> dict[str, Any]:
    """One participant's outcome record fields: every state of the way through the program,
    with dates that never pass `today`."""

    def day(start: dt.date, low: int, high: int) -> dt.date:
        return start + dt.timedelta(days=rng.randint(low, high))

    def past(value: dt.date | None) -> dt.date | None:
        return value if value is not None and value <= today else None

    applied = day(FIRST_DAY, 0, (today - FIRST_DAY).days - 1)
    row: dict[str, Any] = {
        "applied_on": applied,
        "baseline_monthly_income_jpy": rng.randrange(60_000, 260_000, 1000),
        "lives_in_region": rng.random() < 0.85,
    }
    state = rng.random()
    decided = past(day(applied, 7, 21))
    if decided is None:
        return row  # still applying
    row["decided_on"] = decided
    if state < 0.1:
        return row  # not accepted
    row["accepted"] = True
    enrolled = past(day(decided, 5, 30))
    if enrolled is None or state < 0.15:
        return row  # accepted, not enrolled (yet)
    row["enrolled_on"] = enrolled
    row["enrolments"] = 1 + (n % 7 == 0)
    row["skill_gains"] = [
        d.isoformat() for d in (past(day(enrolled, 30, 60)), past(day(enrolled, 70, 120))) if d
    ]
    if state < 0.25:
        left = past(day(enrolled, 20, 80))
        if left is not None:
            row["left_early_on"] = left
            for_job = state < 0.2
            row["left_early_reason"] = "job" if for_job else "other"
            if for_job:
                row["employed_on"] = row["insured_employed_on"] = left + dt.timedelta(days=10)
                row["employment_insured"] = True
        return row
    completed = past(day(enrolled, 90, 180))
    if completed is None:
        return row  # in training
    row["completed_on"] = completed
    row["age_at_completion"] = rng.randint(22, 68)
    if state < 0.6:
        row["credential_on"] = past(day(completed, -10, 200))
    # Paid project work from a few weeks after completing, paid month by month.
    first_paid = past(day(completed, 10, 60))
    earnings: dict[str, int] = {}
    if first_paid is not None and state < 0.8:
        row["first_paid_on"] = first_paid
        month = first_paid.replace(day=1)
        last = first_paid
        while month <= today and len(earnings) < 12:
            earnings[f"{month:%Y-%m}"] = rng.randrange(40_000, 240_000, 1000)
            last = min(today, (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(1))
            month = (month + dt.timedelta(days=32)).replace(day=1)
        row["last_paid_on"] = last
        row["earnings_by_month"] = earnings
        row["monthly_earnings_jpy"] = sum(earnings.values()) // len(earnings)
        row["employment"] = [[first_paid.isoformat(), None]]
    outcome_on = past(day(completed, 30, 150))
    if outcome_on is None:
        return row
    kind = rng.choice(
        ["continue_projects", "fulltime_conversion", "independent", "employed_elsewhere"]
    )
    row["outcome_kind"] = kind
    row["outcome_on"] = outcome_on
    if kind in ("fulltime_conversion", "employed_elsewhere"):
        row["employed_on"] = outcome_on
        row["employment_insured"] = rng.random() < 0.9
        if row["employment_insured"]:
            row["insured_employed_on"] = outcome_on
        row["earnings_after_monthly_jpy"] = rng.randrange(180_000, 380_000, 1000)
        row["employment"] = [*row.get("employment", []), [outcome_on.isoformat(), None]]
    for months, field in ((6, "6m"), (12, "12m")):
        asked = past(outcome_on + dt.timedelta(days=30 * months))
        if asked is None:
            continue
        row[f"asked_{field}_on"] = asked
        if rng.random() < 0.9:  # answered
            row[f"staying_{field}"] = rng.random() < 0.88
            if kind == "independent":
                row[f"income_{field}_jpy"] = rng.randrange(100_000, 400_000, 1000)
    if kind == "independent" and row.get("income_6m_jpy"):
        row["earnings_after_monthly_jpy"] = row["income_6m_jpy"]
    return row


def hire(rng: random.Random, today: dt.date) -> dict[str, Any]:
    applied = FIRST_DAY + dt.timedelta(days=rng.randint(0, (today - FIRST_DAY).days - 90))
    days = rng.randint(14, 80)
    hired = applied + dt.timedelta(days=days)
    return {
        "applied_on": applied,
        "accepted": True,
        "outcome_kind": "hired",
        "outcome_on": hired,
        "hired_on": hired,
        "days_to_hire": days,
        "employed_on": hired,
        "employment_insured": True,
        "insured_employed_on": hired,
        "earnings_after_monthly_jpy": rng.randrange(250_000, 500_000, 1000),
        "employment": [[hired.isoformat(), None]],
        "lives_in_region": rng.random() < 0.6,
    }


def load_region(participants: int) -> tuple[Any, Any, Any, float | None]:
    """Koga with `participants` bench outcome records (and a tenth as many hires), its
    operator and municipality; (region, operator, city, seconds spent building or None)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from sousei.core import clock
    from sousei.core.roles import Role
    from sousei.core.scoping import region_scope, scopes_disabled
    from sousei.core.services import membership_grant
    from sousei.impact.models import KpiTarget, OutcomeRecord, Track
    from sousei.impact.services import region_figures_refresh
    from sousei.people.models import Person

    with scopes_disabled():
        region, operator, _token = koga_with_operator(BENCH_EMAIL_DOMAIN)
        city, _ = get_user_model().objects.get_or_create(
            username="bench-municipality", defaults={"email": f"city@{BENCH_EMAIL_DOMAIN}"}
        )
        membership_grant(region=region, user=city, role=Role.MUNICIPALITY)
    hires = participants // 10
    with region_scope(region):
        existing = OutcomeRecord.objects.count()
        foreign = OutcomeRecord.objects.exclude(person__email__endswith=BENCH_EMAIL_DOMAIN).exists()
    if foreign:
        raise SystemExit(
            "Koga holds outcome records this benchmark did not create; use another database."
        )
    if existing == participants + hires:
        say(f"reusing {existing:,} outcome records")
        return region, operator, city, None

    started = time.perf_counter()
    say(f"building {participants:,} participants and {hires:,} hires …")
    rng = random.Random(11)
    today = clock.today()
    with transaction.atomic(), scopes_disabled():
        OutcomeRecord.objects.filter(region=region).delete()
        KpiTarget.objects.filter(region=region).delete()
        Person.objects.filter(region=region, email__endswith="@" + BENCH_EMAIL_DOMAIN).delete()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO people_person
                  (region_id, family_name, given_name, family_name_kana, given_name_kana,
                   email, phone, postal_code, prefecture, city, town, address_line,
                   municipality_code, work_status, created_at, updated_at)
                SELECT %(region)s, '古賀', '太郎' || g, 'コガ', 'タロウ',
                       'p' || g || '@' || %(domain)s, '09012345678', '8113101',
                       '福岡県', '古賀市', '', '', '40223', '', now(), now()
                FROM generate_series(1, %(total)s) AS g
                """,
                {"region": region.pk, "domain": BENCH_EMAIL_DOMAIN, "total": participants + hires},
            )
        people = list(
            Person.objects.filter(region=region, email__endswith="@" + BENCH_EMAIL_DOMAIN)
            .order_by("id")
            .values_list("id", flat=True)
        )
        records = [
            OutcomeRecord(
                region=region,
                person_id=person_id,
                track=Track.PROGRAM,
                source_id=n + 1,
                participant_id=n + 1,
                **history(rng, n, today),
            )
            for n, person_id in enumerate(people[:participants])
        ]
        records += [
            OutcomeRecord(
                region=region,
                person_id=person_id,
                track=Track.HIRE,
                source_id=n + 1,
                **hire(rng, today),
            )
            for n, person_id in enumerate(people[participants:])
        ]
        OutcomeRecord.objects.bulk_create(records, batch_size=500)
        for year in YEARS:
            for code, target in (
                ("completers", participants // 4),
                ("employment_rate_mhlw", 70),
                ("income_change_median", 30_000),
                ("retention_12m", 90),
                ("hires", hires // 2),
            ):
                KpiTarget.objects.create(region=region, fiscal_year=year, code=code, target=target)
    with region_scope(region):
        region_figures_refresh(region=region)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE impact_outcomerecord")
    return region, operator, city, time.perf_counter() - started


def load_regions(koga: Any, count: int) -> tuple[int, float | None]:
    """At least `count` regions, each with kept figures for both years (copied from Koga's).
    Regions are only ever added (their audit entries keep them), so a database that once held
    more is compared at its size; (regions, seconds spent building or None)."""
    from django.db import transaction

    from sousei.core.models import Region
    from sousei.core.municipalities import all_municipalities
    from sousei.core.scoping import scopes_disabled
    from sousei.impact.models import RegionFigures

    with scopes_disabled():
        have = set(Region.objects.values_list("code", flat=True))
        missing = [m for m in all_municipalities() if m.code not in have][
            : max(0, count - len(have))
        ]
        if not missing:
            say(f"reusing {len(have):,} regions with kept figures")
            return len(have), None
        started = time.perf_counter()
        say(f"adding {len(missing):,} regions with kept figures …")
        kept = dict(
            RegionFigures.objects.filter(region=koga, fiscal_year__in=YEARS).values_list(
                "fiscal_year", "cells"
            )
        )
        with transaction.atomic():
            regions = Region.objects.bulk_create(
                [
                    Region(
                        code=m.code,
                        slug=f"bench-{m.code}",
                        name_ja=m.name_ja,
                        name_kana=m.name_kana,
                        name_en=m.name_en,
                        prefecture=m.prefecture,
                    )
                    for m in missing
                ],
                batch_size=500,
            )
            RegionFigures.objects.bulk_create(
                [
                    RegionFigures(region=region, fiscal_year=year, cells=kept[year])
                    for region in regions
                    for year in YEARS
                ],
                batch_size=500,
            )
        return len(have) + len(missing), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not 1 <= args.regions <= 1741:
        raise SystemExit("--regions is from 1 to 1,741 (the municipalities of Japan).")
    setup_django(database_url(DEFAULT_DATABASE_URL))
    from django.contrib.auth import get_user_model
    from django.test import Client

    from sousei.core.access import Reader
    from sousei.core.roles import Role
    from sousei.core.scoping import region_scope
    from sousei.impact import selectors

    region, operator, city, loaded = load_region(args.participants)
    if loaded is not None:
        say(f"Koga built in {loaded:.0f} s")
    compared, built = load_regions(region, args.regions)
    if built is not None:
        say(f"regions built in {built:.0f} s")

    period = selectors.SummaryPeriod(dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    results: list[tuple[str, bool]] = []
    with region_scope(region):
        for who, user, role in (
            ("operator", operator, Role.OPERATOR),
            ("municipality", city, Role.MUNICIPALITY),
        ):
            reader = Reader(user_id=user.pk, roles=frozenset({role}))
            body = selectors.impact_summary(region=region, period=period, reader=reader)
            say(
                f"{who}: funnel {body['funnel']}, 就職率 {body['employment_rate_mhlw']['rate']}, "
                f"{len(body['suppressed'])} hidden"
            )
            times = timed(
                lambda reader=reader: selectors.impact_summary(  # type: ignore[misc]
                    region=region, period=period, reader=reader
                ),
                args.runs,
            )
            results.append(
                figure(f"summary selector ({who}) p95", p95(times), "ms", "<", SUMMARY_TARGET_MS)
            )

    period_query = "from=2026-04-01&to=2027-03-31"
    for name, path in (
        ("GET .../impact", f"/api/v1/regions/{region.slug}/impact?{period_query}"),
        ("page /r/<slug>/impact/", f"/r/{region.slug}/impact/?{period_query}"),
    ):
        for who, user in (("operator", operator), ("municipality", city)):
            client = Client()
            client.force_login(user)

            def summary_call(client: Client = client, path: str = path) -> None:
                response = client.get(path)
                assert response.status_code == 200, response.content[:200]

            times = timed(summary_call, args.runs)
            results.append(figure(f"{name} ({who}) p95", p95(times), "ms", "<", SUMMARY_TARGET_MS))

    client = Client()
    client.force_login(city)
    for form in ("xlsx", "pdf"):
        report_path = (
            f"/api/v1/regions/{region.slug}/impact/report.{form}?from=2026-04-01&to=2027-03-31"
        )

        def report_call(report_path: str = report_path) -> None:
            response = client.get(report_path)
            assert response.status_code == 200, response.content[:200]

        times = timed(report_call, args.report_runs)
        size = len(client.get(report_path).content)
        results.append(
            figure(
                f"GET .../impact/report.{form} (municipality, {size // 1024} KiB) p95",
                p95(times),
                "ms",
                "<",
                REPORT_TARGET_MS,
            )
        )

    owner, _ = get_user_model().objects.get_or_create(
        username="bench-owner",
        defaults={"email": f"owner@{BENCH_EMAIL_DOMAIN}", "is_superuser": True},
    )
    client = Client()
    client.force_login(owner)

    def comparison_call() -> None:
        response = client.get("/api/v1/impact/comparison?from=2026-04-01&to=2027-03-31")
        assert response.status_code == 200, response.content[:200]
        assert len(response.json()["regions"]) == compared

    times = timed(comparison_call, args.comparison_runs)
    results.append(
        figure(
            f"GET /api/v1/impact/comparison ({compared:,} regions) p95",
            p95(times),
            "ms",
            "<",
            COMPARISON_TARGET_MS,
        )
    )
    for line, _ok in results:
        print(line)
    return 0 if all(ok for _line, ok in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
