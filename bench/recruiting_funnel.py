"""Benchmark: the recruiting funnel over 1,000,000 applications (candidacies) in Koga, on
PostgreSQL (issue 5: p95 under 200 ms).

    .venv/bin/python bench/recruiting_funnel.py [--candidacies 1000000] [--runs 40] [--explain]

Builds its data once in its own database with INSERT … SELECT FROM generate_series (50
openings, 24 events with 240,000 registrations, a third of them attended; the applications
spread over three years, a third of them through an event registration; 35 % interviewed,
8 % offered, 4 % hired, most hires living in Koga), then counts the funnel tally from them
(funnel_tally_rebuild: what the services keep up to date one milestone at a time), and
reuses it all while the count matches.
Then it times the funnel selectors (sousei/hiring/funnel.py), each run --runs
times after a warm-up: the region's funnel, one opening's, one event's, the funnel per
opening and per event (the dashboard's table), and the API endpoint through Django's test
client. Figures print as `<figure>: <value> <unit> (target <op> <value>) ok|SHORT`
(DESIGN.md §9); the exit status is 1 when a p95 misses 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
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

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sousei_bench_recruiting"
BENCH_EMAIL_DOMAIN = "bench-recruiting.example.jp"
OPENINGS = 50
EVENTS = 24
REGISTRATIONS_PER_EVENT = 10_000
P95_TARGET_MS = 200.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--candidacies", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40, help="timed runs of each query")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE plans")
    return parser.parse_args(argv)


def load(count: int) -> tuple[Any, list[int], list[int], float | None]:
    """Koga with `count` bench candidacies; (region, opening ids, event ids, load seconds)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from sousei.core.models import Organization, RegionOrganization
    from sousei.core.scoping import region_scope, scopes_disabled
    from sousei.events.models import Event, Registration
    from sousei.hiring.models import Candidacy, FunnelTally, JobOpening
    from sousei.hiring.services.tally import funnel_tally_rebuild
    from sousei.people.models import Person

    with scopes_disabled():
        region, _operator, _token = koga_with_operator(BENCH_EMAIL_DOMAIN)
    with region_scope(region):
        existing = Candidacy.objects.count()
        openings = list(JobOpening.objects.order_by("id").values_list("id", flat=True))
        events = list(Event.objects.order_by("id").values_list("id", flat=True))
        foreign = Candidacy.objects.exclude(person__email__endswith=BENCH_EMAIL_DOMAIN).exists()
    if foreign:
        raise SystemExit(
            "Koga holds candidacies this benchmark did not create; use another database."
        )
    if existing == count and len(openings) == OPENINGS and len(events) == EVENTS:
        say(f"reusing {existing:,} candidacies")
        with region_scope(region):
            if not FunnelTally.objects.exists():
                funnel_tally_rebuild(region=region)
        return region, openings, events, None

    started = time.perf_counter()
    say(f"building {count:,} candidacies (generate_series) …")
    now = timezone.now()
    with transaction.atomic(), scopes_disabled():
        Candidacy.objects.filter(region=region).delete()
        Registration.objects.filter(region=region).delete()
        Event.objects.filter(region=region).delete()
        JobOpening.objects.filter(region=region).delete()
        Person.objects.filter(region=region, email__endswith="@" + BENCH_EMAIL_DOMAIN).delete()
        employer, _created = Organization.objects.get_or_create(
            kind=Organization.Kind.OPERATOR, name="株式会社ミライワークス"
        )
        RegionOrganization.objects.get_or_create(region=region, organization=employer)
        openings = [
            JobOpening.objects.create(
                region=region,
                employer=employer,
                title=f"拠点フリー職 {n + 1}",
                description="bench",
                employment_type="full_time",
                residence_region=region,
                salary_min_jpy=3_600_000,
                salary_max_jpy=5_400_000,
                status="published",
                published_at=now,
            ).pk
            for n in range(OPENINGS)
        ]
        events = [
            Event.objects.create(
                region=region,
                kind="workation_internship",
                title=f"ワーケーション・インターン {n + 1}",
                starts_at=now - dt.timedelta(days=30 * (n + 1)),
                ends_at=now - dt.timedelta(days=30 * (n + 1) - 3),
                capacity=REGISTRATIONS_PER_EVENT,
                status="published",
            ).pk
            for n in range(EVENTS)
        ]
        with connection.cursor() as cursor:
            # The registrants (r…) and candidates (c…) are persons of the region; a
            # registration or candidacy refers to its person.
            cursor.execute(
                """
                INSERT INTO people_person
                  (region_id, family_name, given_name, family_name_kana, given_name_kana,
                   email, phone, postal_code, prefecture, city, town, address_line,
                   municipality_code, work_status, created_at, updated_at)
                SELECT %(region)s, '古賀', name || g, 'コガ', kana,
                       prefix || g || '@' || %(domain)s, '09012345678', '8113101',
                       '福岡県', '古賀市', '', '', '40223', '', now(), now()
                FROM (VALUES ('r', '学', 'マナブ', %(registrations)s),
                             ('c', '太郎', 'タロウ', %(candidacies)s))
                       AS kinds(prefix, name, kana, n),
                     generate_series(1, n) AS g
                """,
                {
                    "region": region.pk,
                    "domain": BENCH_EMAIL_DOMAIN,
                    "registrations": EVENTS * REGISTRATIONS_PER_EVENT,
                    "candidacies": count,
                },
            )
            cursor.execute(
                """
                INSERT INTO events_registration
                  (region_id, event_id, person_id, university, language, status,
                   consent_wording_version, consented_at, token, checkin_code, created_at,
                   checked_in_at)
                SELECT %(region)s, (%(events)s::bigint[])[1 + (g %% %(n_events)s)], p.id,
                       '九州大学', 'ja', 'confirmed', '2026-11-24', now(), 'bench' || g,
                       'B' || g, now() - interval '400 days',
                       CASE WHEN (g / %(n_events)s) %% 3 = 0 THEN now() - interval '390 days' END
                FROM generate_series(1, %(total)s) AS g
                JOIN people_person AS p
                  ON p.region_id = %(region)s AND p.email = 'r' || g || '@' || %(domain)s
                """,
                {
                    "region": region.pk,
                    "events": events,
                    "n_events": EVENTS,
                    "domain": BENCH_EMAIL_DOMAIN,
                    "total": EVENTS * REGISTRATIONS_PER_EVENT,
                },
            )
            # Per row: r drives the milestones, days the dates; a third came through an event.
            cursor.execute(
                """
                INSERT INTO hiring_candidacy
                  (region_id, opening_id, person_id, language, lives_in_region, desired_residence,
                   desired_residence_note, heard_via, motivation, cv, cv_name, cv_size,
                   consent_wording_version, source_event_id, stage, stage_entered_at,
                   rejection_reason, applied_at, interviewed_at, offered_at, hired_at)
                SELECT %(region)s, (%(openings)s::bigint[])[1 + (g %% %(n_openings)s)], p.id,
                       'ja', r < 0.6, 'in_region',
                       '', CASE WHEN g %% 3 = 0 THEN 'event' ELSE 'job_site' END, '',
                       'cv/bench.pdf', 'cv.pdf', 100000, '2026-11-24',
                       CASE WHEN g %% 3 = 0
                            THEN (%(events)s::bigint[])[1 + ((g / 3) %% %(n_events)s)] END,
                       CASE WHEN r2 < 0.04 THEN 'hired' WHEN r2 < 0.08 THEN 'offer'
                            WHEN r2 < 0.35 THEN 'interview_1' WHEN r2 < 0.6 THEN 'rejected'
                            ELSE 'applied' END,
                       applied, '', applied,
                       CASE WHEN r2 < 0.35 THEN applied + interval '7 days' END,
                       CASE WHEN r2 < 0.08 THEN applied + interval '21 days' END,
                       CASE WHEN r2 < 0.04 THEN applied + (20 + (g %% 40)) * interval '1 day' END
                FROM (
                  SELECT g, random() AS r, random() AS r2,
                         now() - (random() * 1095) * interval '1 day' AS applied
                  FROM generate_series(1, %(total)s) AS g
                ) AS rows
                JOIN people_person AS p
                  ON p.region_id = %(region)s AND p.email = 'c' || g || '@' || %(domain)s
                """,
                {
                    "region": region.pk,
                    "openings": openings,
                    "n_openings": OPENINGS,
                    "events": events,
                    "n_events": EVENTS,
                    "domain": BENCH_EMAIL_DOMAIN,
                    "total": count,
                },
            )
    say("counting the funnel tally (what the services keep up to date) …")
    with region_scope(region):
        funnel_tally_rebuild(region=region)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE hiring_candidacy")
        cursor.execute("VACUUM ANALYZE events_registration")
        cursor.execute("VACUUM ANALYZE people_person")
    return region, openings, events, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(database_url(DEFAULT_DATABASE_URL))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sousei.core.scoping import region_scope
    from sousei.hiring import funnel

    region, openings, events, loaded = load(args.candidacies)
    if loaded is not None:
        say(f"loaded in {loaded:.0f} s")
    opening, event = openings[len(openings) // 2], events[len(events) // 2]

    checks: list[tuple[str, Callable[[], Any]]] = [
        ("funnel region p95", lambda: funnel.funnel()),
        ("funnel one opening p95", lambda: funnel.funnel(opening_id=opening)),
        ("funnel one event p95", lambda: funnel.funnel(event_id=event)),
        ("funnel opening x event p95", lambda: funnel.funnel(opening_id=opening, event_id=event)),
        ("funnel per opening (50 rows) p95", funnel.funnel_by_opening),
        ("funnel per event (24 rows) p95", funnel.funnel_by_event),
    ]
    all_ok = True
    lines = []
    with region_scope(region):
        first = funnel.funnel()
        say(
            f"region: {first.applicants:,} applicants, {first.interviews:,} interviewed, "
            f"{first.offers:,} offered, {first.hires:,} hired ({first.hires_in_region:,} living "
            f"in Koga), median {first.median_days_to_hire} days"
        )
        for name, call in checks:
            times = timed(call, args.runs)
            line, ok = figure(name, p95(times), "ms", "<", P95_TARGET_MS)
            lines.append(line)
            all_ok &= ok
        if args.explain:
            for name, call in checks[:3]:
                with CaptureQueriesContext(connection) as captured:
                    call()
                for query in captured.captured_queries:
                    if "hiring_candidacy" not in query["sql"]:
                        continue
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                        say(f"--- {name}\n" + "\n".join(r[0] for r in cursor.fetchall()))

    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-operator"))
    path = f"/api/v1/regions/{region.slug}/recruiting/funnel"

    def api_call() -> None:
        response = client.get(path)
        assert response.status_code == 200, response.content[:200]

    line, ok = figure(
        "GET .../recruiting/funnel p95", p95(timed(api_call, args.runs)), "ms", "<", P95_TARGET_MS
    )
    lines.append(line)
    all_ok &= ok
    for line in lines:
        print(line)
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
