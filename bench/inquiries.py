"""The operators' inquiries inbox at scale, and the contact form's shared throttle under
concurrent submissions.

    .venv/bin/python bench/inquiries.py                      # 10,000 inquiries, 8 threads
    .venv/bin/python bench/inquiries.py --rows 50000 --threads 4 --repeat 3

- **Database**: PostgreSQL only, from `DATABASE_URL`, else
  `postgres://postgres@/sousei_bench_inquiries?host=/var/run/postgresql` (created and migrated
  when missing). The inquiries are bulk-inserted once and reused while the count matches; the
  script refuses a Koga region whose inquiries it did not make.
- **Scale**: 10,000 inquiries is years of a busy region's office (a few a day); 50,000 is a
  stress case, where the search (ILIKE over the name, organisation, e-mail and message, a scan
  of the region's rows) is what slows first.
- **Inbox**: what the inbox page reads (the counts per status, then one page of 25: the count,
  the ids, the rows) for page 1, a deep page, the "new" filter and a search word, in process
  (no HTTP). Figure: the median over all kinds and rounds, and the p95; target p95 < 100 ms.
- **Throttle**: `core.throttle.count_add` from `--threads` threads, each on its own database
  connection as gunicorn's workers are, on 200 keys (addresses) at once. Figures: counts per
  second (target > 100/s: each submission makes two, so 50 submissions a second, far past
  any contact form's traffic) and whether every count was kept (the sum equals the calls).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import database_url, figure, say, setup_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@/sousei_bench_inquiries?host=/var/run/postgresql"
MARK = "bench-inquiries"
PAGE_SIZE = 25


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--counts", type=int, default=4_000, help="throttle counts in all")
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args(argv)


def build(rows: int) -> Any:
    import datetime as dt

    from sousei.core import clock
    from sousei.core.models import Region
    from sousei.core.scoping import region_scope
    from sousei.inquiries.models import Inquiry, InquiryKind, InquiryStatus

    region, _ = Region.objects.get_or_create(
        code="40223", defaults={"slug": "koga", "name_ja": "古賀市", "name_en": "Koga City"}
    )
    with region_scope(region):
        existing = Inquiry.objects.count()
        if existing and not Inquiry.objects.filter(organisation__startswith=MARK).exists():
            raise SystemExit("Koga's inquiries were not made by this benchmark; use another DB.")
        if existing == rows:
            return region
        Inquiry.objects.all().delete()
        say(f"inserting {rows:,} inquiries…")
        rng = random.Random(13)
        now = clock.now()
        kinds = InquiryKind.values
        statuses = (
            [InquiryStatus.NEW] * 2 + [InquiryStatus.ANSWERED] * 3 + [InquiryStatus.CLOSED] * 5
        )
        batch = []
        for number in range(rows):
            batch.append(
                Inquiry(
                    region=region,
                    kind=rng.choice(kinds),
                    organisation=f"{MARK} 会社{number % 997}",
                    name=f"見本 {number}",
                    email=f"sender{number}@example.jp",
                    message="案件の依頼について。" * rng.randint(1, 20),
                    consent_version="2026-12",
                    received_at=now - dt.timedelta(minutes=rows - number),
                    status=rng.choice(statuses),
                )
            )
            if len(batch) == 5000:
                Inquiry.objects.bulk_create(batch)
                batch = []
        Inquiry.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        # As autovacuum would have: the visibility map lets the counts use the index alone.
        cursor.execute("VACUUM ANALYZE inquiries_inquiry")
    return region


def inbox(region: Any, rows: int, repeat: int) -> list[float]:
    from sousei.core.pagination import paginate
    from sousei.core.scoping import region_scope
    from sousei.inquiries import selectors

    deep = max(1, rows // PAGE_SIZE // 2)
    kinds = [
        ("page 1", selectors.InboxFilters(), 1),
        ("deep page", selectors.InboxFilters(), deep),
        ("new", selectors.InboxFilters(status="new"), 1),
        ("search", selectors.InboxFilters(q="会社42"), 1),
    ]
    timings: list[float] = []
    with region_scope(region):
        for round_ in range(repeat + 1):
            for _label, filters, page in kinds:
                started = time.perf_counter()
                selectors.inquiry_counts()
                result = paginate(
                    selectors.inquiry_list(filters=filters), page=page, size=PAGE_SIZE
                )
                [i.name for i in result.items]
                if round_:  # the first round warms the caches
                    timings.append((time.perf_counter() - started) * 1000)
    return timings


def throttle_rate(threads: int, counts: int) -> tuple[float, bool]:
    from django.db import connection

    from sousei.core import throttle
    from sousei.core.models import ThrottleCount

    ThrottleCount.objects.all().delete()
    keys = [f"198.51.100.{n % 200}" for n in range(counts)]
    per_thread = [keys[n::threads] for n in range(threads)]
    barrier = threading.Barrier(threads)

    def run(mine: list[str]) -> None:
        try:
            barrier.wait()
            for key in mine:
                throttle.count_add(scope="bench", value=key, window_seconds=3600)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(mine,)) for mine in per_thread]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    total = sum(ThrottleCount.objects.values_list("count", flat=True))
    ThrottleCount.objects.all().delete()
    return counts / seconds, total == counts


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    setup_django(database_url(DEFAULT_DATABASE_URL))
    region = build(args.rows)
    timings = sorted(inbox(region, args.rows, args.repeat))
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    rate, kept = throttle_rate(args.threads, args.counts)
    lines = [
        figure(
            f"inbox median ({args.rows:,} inquiries)", statistics.median(timings), "ms", "<", 50
        ),
        figure(f"inbox p95 ({args.rows:,} inquiries)", p95, "ms", "<", 100),
        figure(f"throttle counts ({args.threads} threads)", rate, "counts/s", ">", 100),
    ]
    for line, _held in lines:
        print(line)
    print(f"throttle counts kept: {'all' if kept else 'SOME LOST'} ({'ok' if kept else 'SHORT'})")
    return 0 if all(held for _, held in lines) and kept else 1


if __name__ == "__main__":
    raise SystemExit(main())
