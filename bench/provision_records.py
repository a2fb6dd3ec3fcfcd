"""Benchmark: records of provision to third parties (APPI 第29条) at a busy region's scale.

    .venv/bin/python bench/provision_records.py             # 50,000 records, 10,000 people
    .venv/bin/python bench/provision_records.py --records 5000 --runs 20

Builds, in its own PostgreSQL database (`--database-url`, default
postgres://postgres@/sousei_bench_provision?host=/var/run/postgresql; created and migrated
when missing, its provision records emptied first), Koga with `--records` records spread over
four years, each listing 1–40 of `--people` person ids (a city's page view lists many, a
client's few). Then it times, as the pages and the disclosure export use them:

- writing one record of 200 people (a page view of the city): target < 25 ms;
- `provision_records_of(person)` (the disclosure export): target < 50 ms;
- the operators' list filtered by a person, one page with its people: target < 100 ms;
- the purge of the records past three years (about a quarter): no target, printed.

Figures are medians over `--runs` calls after a warm-up, printed as
`<figure>: <value> <unit> (target <op> <value>) ok|SHORT`; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import say, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres@/sousei_bench_provision?host=/var/run/postgresql"
SEED = 29
CHUNK = 5_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    return parser.parse_args()


def median_ms(call: Callable[[], Any], runs: int) -> float:
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def figure(name: str, value: float, target: float | None) -> str:
    if target is None:
        return f"{name}: {value:.1f} ms (no target)"
    return f"{name}: {value:.1f} ms (target < {target:g} ms) {'ok' if value < target else 'SHORT'}"


def build(region: Any, records: int, people: int) -> None:
    from django.db import transaction

    from sousei.core import clock
    from sousei.core.models import ProvisionRecord, ProvisionRecordPerson

    rng = random.Random(SEED)
    now = clock.now()
    kinds = ["municipality", "client", "client", "employer"]
    with transaction.atomic():
        ProvisionRecordPerson.objects.filter(region=region).delete()
        ProvisionRecord.objects.filter(region=region).delete()
    made = 0
    started = time.perf_counter()
    while made < records:
        size = min(CHUNK, records - made)
        with transaction.atomic():
            rows = ProvisionRecord.objects.bulk_create(
                ProvisionRecord(
                    region=region,
                    provided_at=now - dt.timedelta(minutes=rng.randrange(4 * 365 * 24 * 60)),
                    recipient_kind=rng.choice(kinds),
                    recipient_name="bench",
                    channel="page",
                    basis="consent",
                    source="bench",
                    data_categories=["name"],
                    person_count=0,
                )
                for _ in range(size)
            )
            links = []
            for record in rows:
                count = rng.choice([1, 2, 3, 5, 8, 40])
                for person_id in rng.sample(range(1, people + 1), count):
                    links.append(
                        ProvisionRecordPerson(region=region, record=record, person_id=person_id)
                    )
            ProvisionRecordPerson.objects.bulk_create(links)
        made += size
        say(f"  {made:,} records")
    say(f"built in {time.perf_counter() - started:.0f} s")


def main() -> int:
    args = parse_args()
    setup_django(args.database_url)
    from django.db import connection

    from sousei.core.models import ProvisionRecord
    from sousei.core.provision import (
        DataCategory,
        provision_record,
        provision_records_of,
        provision_records_purge,
    )
    from sousei.core.scoping import region_scope
    from sousei.core.services import region_create
    from sousei.people.models import Person
    from sousei.privacy.provisions import selectors

    region = region_create(code="40223", slug="koga", name_en="Koga City")
    with region_scope(region):
        say(f"building {args.records:,} records over {args.people:,} people…")
        build(region, args.records, args.people)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_provisionrecord; ANALYZE core_provisionrecordperson")
        rng = random.Random(SEED + 1)
        ids = list(range(1, 201))

        def write() -> None:
            provision_record(
                region=region,
                actor=None,
                to="municipality",
                person_ids=ids,
                categories=[DataCategory.PROGRAM],
                channel="page",
                source="bench",
            )

        def of_person() -> None:
            # An unsaved Person names the id; the selector reads only its key.
            provision_records_of(Person(pk=rng.randrange(1, args.people + 1)))

        def listed() -> None:
            filters = selectors.ProvisionFilters(person_id=rng.randrange(1, args.people + 1))
            page = list(selectors.records_filtered(filters)[:50])
            selectors.record_rows(page)

        lines = [
            figure("record of 200 people written", median_ms(write, args.runs), 25),
            figure("records of one person (disclosure)", median_ms(of_person, args.runs), 50),
            figure("operators' list filtered by person", median_ms(listed, args.runs), 100),
        ]
        before = ProvisionRecord.objects.count()
    started = time.perf_counter()
    deleted = sum(provision_records_purge().values())
    purge_ms = (time.perf_counter() - started) * 1000
    lines.append(figure(f"purge of {deleted:,} of {before:,} records", purge_ms, None))
    print("\n".join(lines))
    return 1 if any(line.endswith("SHORT") for line in lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
