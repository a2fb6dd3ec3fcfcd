"""Benchmark: the disclosure export (APPI art. 33) of a participant with two years of history,
on PostgreSQL (issue 13: under 2 s).

    .venv/bin/python bench/privacy.py [--days 730] [--months 24] [--repeat 5]

Builds, inside a transaction that is rolled back at the end (so the database is left as it
was), one participant with every kind of record (sousei/privacy/tests/factories.py): two
years of daily progress entries and time records, 24 monthly pay statements of completed pay
runs, a certificate, an assignment with its evaluation, a career outcome, a residence check,
an event registration, a candidacy with its CV, an interview, an accepted offer, an employee
record, a message and audit entries — and 2,000 other persons in the region, so the reads
are selective. Then it times `export_zip` for that person (every section as JSON and CSV,
the 24 statement PDFs and the certificate PDF, the manifest): the figure is the median of
`--repeat` runs after a warm-up. Prints `<figure>: <value> <unit> (target <op> <value>)
ok|SHORT` (DESIGN.md §9); the exit status is 1 when the export misses its target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import (  # noqa: E402 (needs the project on sys.path)
    database_url,
    figure,
    koga_with_operator,
    say,
    setup_django,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sousei_bench_privacy"
TARGET_S = 2.0  # the requirement (issue 13)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--days", type=int, default=730, help="days of progress and time")
    parser.add_argument("--months", type=int, default=24, help="monthly pay statements")
    parser.add_argument("--others", type=int, default=2000, help="other persons in the region")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the figure is the median")
    parser.add_argument("--profile", action="store_true", help="print a profile of one run")
    return parser.parse_args(argv)


class Rollback(Exception):
    """Raised to leave the benchmark's transaction without keeping its rows."""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(database_url(DEFAULT_DATABASE_URL))
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from sousei.core.models import Membership
    from sousei.core.roles import Role
    from sousei.core.scoping import region_scope, scopes_disabled
    from sousei.people.models import Person
    from sousei.people.tests.factories import PersonFactory
    from sousei.privacy.disclosure import export_zip
    from sousei.privacy.tests.factories import rich_participant

    lines: list[str] = []
    held = True
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        try:
            with transaction.atomic():
                with scopes_disabled():
                    region, operator, _token = koga_with_operator("bench-privacy.example.jp")
                user = get_user_model().objects.create(username="bench-privacy-person")
                started = time.perf_counter()
                with region_scope(region):
                    Membership.objects.create(region=region, user=user, role=Role.PARTICIPANT)
                    PersonFactory.create_batch(args.others, region=region)
                    rich_participant(
                        region, user, operator, days=args.days, months=args.months, n=1
                    )
                    person = Person.objects.select_related("region").get(user=user)
                say(f"built the history in {time.perf_counter() - started:.1f} s")
                content, manifest = export_zip(persons=[person])  # warm-up
                counts = manifest["counts"][region.slug]
                say(
                    f"export: {len(content) / 1024:.0f} KiB, {len(manifest['files'])} files, "
                    f"{counts['progress_entries']} progress entries, "
                    f"{counts['time_records']} time records, "
                    f"{counts['pay_statements (files)']} statement PDFs"
                )
                if args.profile:
                    import cProfile
                    import pstats

                    profiler = cProfile.Profile()
                    profiler.runcall(export_zip, persons=[person])
                    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(
                        30
                    )
                    from django.db import connection
                    from django.test.utils import CaptureQueriesContext

                    with CaptureQueriesContext(connection) as captured:
                        export_zip(persons=[person])
                    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
                    for query in slowest[:8]:
                        say(f"{query['time']} s  {query['sql'][:150]}")
                timings, cpu = [], []
                for run in range(args.repeat):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    export_zip(persons=[person])
                    timings.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                    say(f"  run {run + 1}: {timings[-1]:.2f} s ({cpu[-1]:.2f} s of CPU)")
                line, held = figure(
                    "disclosure export, 2 years of history",
                    statistics.median(timings),
                    "s",
                    "<",
                    TARGET_S,
                )
                lines.append(line)
                # Without a target: the CPU time of this process, which other load on a
                # shared machine inflates less than the wall time.
                lines.append(
                    f"disclosure export, CPU time of the process: {statistics.median(cpu):.2f} s"
                )
                raise Rollback
        except Rollback:
            pass
    for line in lines:
        print(line)
    return 0 if held else 1


if __name__ == "__main__":
    raise SystemExit(main())
