"""Erasing one person in a busy region: the time `person_erase` takes when the region holds
many audit entries and messages, which it searches for the person's values.

    .venv/bin/python bench/privacy_erasure.py
    .venv/bin/python bench/privacy_erasure.py --audit 50000 --messages 20000 --repeat 3

Creates a fresh PostgreSQL database (`--database-url`, dropped first and at the end),
migrates it, bulk-inserts a region with `--persons` persons (each with an application),
`--audit` audit entries and `--messages` outbox messages, a few of them naming the persons
to be erased, then erases `--repeat` persons one after another.

Figure: the median wall time of one erasure, target under 5 s (our goal: an operator waits
for it on the page). The rows it rewrote are printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import figure, say  # noqa: E402
from bench.backup import recreate  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@/sousei_bench_erasure?host=/var/run/postgresql"
TARGET_SECONDS = 5.0


def build(persons: int, audit: int, messages: int) -> list[int]:
    """The region's rows; the ids of the persons to erase."""
    from django.contrib.auth.models import User

    from sousei.core.models import AuditEntry, Region
    from sousei.core.outbox.models import OutboxMessage
    from sousei.core.scoping import region_scope
    from sousei.people.models import Application, Person

    region = Region.objects.create(code="40223", slug="koga", name_ja="古賀市", name_en="Koga")
    with region_scope(region):
        people = Person.objects.bulk_create(
            Person(
                region=region,
                family_name=f"姓{n:06d}",
                given_name=f"名{n:06d}",
                family_name_kana="セイ",
                given_name_kana="メイ",
                email=f"p{n}@example.jp",
                phone=f"090{n:08d}",
                address_line=f"{n}-1-1",
            )
            for n in range(persons)
        )
        Application.objects.bulk_create(
            Application(
                region=region,
                person=p,
                email=p.email,
                weekly_hours_available=20,
                baseline_monthly_income_jpy=100_000,
                motivation=f"{p.family_name} {p.given_name} の志望動機",
            )
            for p in people
        )
        actor = User.objects.create(username="bench-operator")
        for start in range(0, audit, 10_000):
            AuditEntry.objects.bulk_create(
                AuditEntry(
                    region=region,
                    actor=actor,
                    action="application.decide",
                    object_type="people.application",
                    object_id=str(n),
                    changes={
                        "status": ["submitted", "accepted"],
                        "name": people[n % persons].family_name,
                    },
                )
                for n in range(start, min(audit, start + 10_000))
            )
        for start in range(0, messages, 10_000):
            OutboxMessage.objects.bulk_create(
                OutboxMessage(
                    region=region,
                    email=people[n % persons].email,
                    by_email=True,
                    language="ja",
                    kind="intake_decided",
                    subject="結果のお知らせ",
                    body=f"{people[n % persons].family_name} {people[n % persons].given_name} 様",
                )
                for n in range(start, min(messages, start + 10_000))
            )
    return [p.pk for p in people[:: max(1, persons // 10)]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--audit", type=int, default=200_000)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    recreate(args.database_url)
    journal = tempfile.mkdtemp(prefix="sousei-bench-erasure-")
    os.environ.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="sousei.settings",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-erasure-" + "k" * 40,
        DEBUG="false",
    )
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        settings.SOUSEI_PRIVACY_JOURNAL = str(Path(journal) / "journal.jsonl")
        say("migrating …")
        call_command("migrate", verbosity=0)
        say(
            f"building {args.persons:,} persons, {args.audit:,} audit entries, "
            f"{args.messages:,} messages …"
        )
        ids = build(args.persons, args.audit, args.messages)

        from sousei.core.models import Region
        from sousei.core.scoping import region_scope
        from sousei.people.models import Person
        from sousei.privacy.erasure.services import person_erase
        from sousei.privacy.models import ErasureRecord

        region = Region.objects.get(slug="koga")
        # A running server has its URLs loaded; the first reverse() here would import them all.
        reverse("privacy-erasures", kwargs={"slug": region.slug})
        timings = []
        with region_scope(region):
            for pk in ids[: args.repeat]:
                person = Person.objects.get(pk=pk)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    person_erase(person=person, actor=None, reason="bench")  # type: ignore[arg-type]
                    timings.append(time.perf_counter() - started)
                if os.environ.get("BENCH_SLOWEST"):
                    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
                    for q in slowest[:4]:
                        say(f"  {q['time']} s {q['sql'][:160]}")
                spent = sum(float(q["time"]) for q in queries.captured_queries)
                say(f"  {len(queries.captured_queries)} queries, {spent:.2f} s in the database")
            erased = ErasureRecord.objects.count()
        say(f"{erased} persons erased: " + ", ".join(f"{t:.2f} s" for t in timings))
    finally:
        from django.db import connections

        connections.close_all()
        recreate(args.database_url, drop_only=True)
    line, held = figure("one erasure", statistics.median(timings), "s", "<", TARGET_SECONDS)
    print(line)
    return 0 if held else 1


if __name__ == "__main__":
    raise SystemExit(main())
