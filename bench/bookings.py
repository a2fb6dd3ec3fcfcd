"""Benchmark: booking throughput under 50 concurrent clients on PostgreSQL, measured two
ways: through the real HTTP API (POST /api/v1/regions/koga/bookings served by gunicorn, 4
sync workers) and through the booking service called from 50 threads (no HTTP, no auth).
Each line says which way it was measured.

    .venv/bin/python bench/bookings.py [--via both|http|service] [--clients 50]
        [--requests 3000] [--rooms 40] [--repeat 3]

Sets up a bench space in Koga (open around the clock) with --rooms meeting rooms and a
bench space manager with an API token, starts gunicorn, and fires booking requests from
concurrent clients, each over its own keep-alive connection: a random room, a start on the
quarter hour within the next 30 days and 30–120 minutes long, so a share of the requests
overlap one another and are refused with 409 (the guard is exercised under load, not only
the happy path). After each round the database is searched for two live bookings of one
room that overlap: there must be none. The bench space's bookings are deleted before each
round.

Figures per way (medians over --repeat rounds), `<figure>: <value> <unit> (target <op>
<value>) ok|SHORT`: bookings made per second (target ≥ 200, the requirement), overlaps found
(target = 0), and the p95 latency of one booking (our own goal, < 500 ms at 50 clients). The
exit status is 0 when one way reaches 200 bookings/s and neither left an overlap.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import (  # noqa: E402 (needs the project on sys.path)
    database_url,
    figure,
    gunicorn,
    p95,
    say,
    setup_django,
)

SPACE_NAME = "ベンチ館 (bench)"
THROUGHPUT_TARGET = 200.0  # bookings per second (issue 5)
P95_GOAL_MS = 500.0
SEED = 2026


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=3000, help="booking requests per round")
    parser.add_argument("--rooms", type=int, default=40, help="meeting rooms in the bench space")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; figures are medians")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--via",
        choices=("both", "http", "service"),
        default="both",
        help="both (default): one run each way; http: POST to the API served by gunicorn; "
        "service: call "
        "sousei.spaces.services.booking_create from --clients threads in this process, each "
        "with its own database connection (no HTTP, no auth; one process, so one GIL)",
    )
    return parser.parse_args(argv)


@dataclass(frozen=True)
class Dataset:
    region_slug: str
    token: str
    rooms: list[int]
    space_id: int


def prepare(rooms: int) -> Dataset:
    """Koga, the bench space with its rooms, and a bench space manager with a fresh token."""
    from django.contrib.auth import get_user_model

    from sousei.core.models import ApiToken
    from sousei.core.roles import Role
    from sousei.core.scoping import region_scope
    from sousei.core.services import membership_grant, region_create
    from sousei.core.tokens import api_token_issue
    from sousei.spaces.models import Resource, ResourceKind, Space

    region = region_create(code="40223", slug="koga", name_en="Koga City")
    manager, _ = get_user_model().objects.get_or_create(username="bench-space-manager")
    ApiToken.objects.filter(user=manager).delete()
    token, _row = api_token_issue(user=manager)
    with region_scope(region):
        membership_grant(region=region, user=manager, role=Role.SPACE_MANAGER)
        space, _created = Space.objects.get_or_create(
            region=region,
            name=SPACE_NAME,
            defaults={
                "opening_hours": [["00:00", "23:59"]] * 7,
                "closed_periods": [],
                "closed_on_holidays": False,
                "active": False,  # kept out of the region's pages
            },
        )
        for number in range(1, rooms + 1):
            Resource.objects.get_or_create(
                region=region,
                space=space,
                name=f"bench room {number:03d}",
                defaults={"kind": ResourceKind.MEETING_ROOM, "capacity": 6, "position": number},
            )
        ids = list(
            Resource.objects.filter(space=space).order_by("position").values_list("pk", flat=True)
        )[:rooms]
    # The service refuses inactive spaces; the bench space opens only while it runs.
    return Dataset(region_slug=region.slug, token=token, rooms=ids, space_id=space.pk)


def space_active(dataset: Dataset, active: bool) -> None:
    from sousei.core.scoping import scopes_disabled
    from sousei.spaces.models import Space

    with scopes_disabled():
        Space.objects.filter(pk=dataset.space_id).update(active=active)


def clear(dataset: Dataset) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM core_auditentry WHERE object_type = 'spaces.booking' AND object_id IN "
            "(SELECT id::text FROM spaces_booking WHERE resource_id = ANY(%s))",
            [dataset.rooms],
        )
        cursor.execute("DELETE FROM spaces_booking WHERE resource_id = ANY(%s)", [dataset.rooms])


def overlaps(dataset: Dataset) -> int:
    """Pairs of live bookings of one room whose times overlap (must be 0)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM spaces_booking a JOIN spaces_booking b
              ON a.resource_id = b.resource_id AND a.id < b.id
             AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
            WHERE a.resource_id = ANY(%s)
              AND a.status IN ('booked', 'checked_in', 'checked_out')
              AND b.status IN ('booked', 'checked_in', 'checked_out')
            """,
            [dataset.rooms],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def stored(dataset: Dataset) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM spaces_booking WHERE resource_id = ANY(%s)", [dataset.rooms]
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def plan(dataset: Dataset, count: int, rng: random.Random) -> list[dict[str, Any]]:
    from zoneinfo import ZoneInfo

    start = datetime.now(ZoneInfo("Asia/Tokyo")).replace(
        hour=0, minute=0, second=0, microsecond=0
    ) + timedelta(days=1)
    bodies = []
    for n in range(count):
        # Within one day (a booking ends on the day it starts): 00:00 to 21:45 + ≤ 2 h.
        starts = start + timedelta(days=rng.randrange(30), minutes=15 * rng.randrange(22 * 4))
        ends = starts + timedelta(minutes=rng.choice((30, 60, 90, 120)))
        bodies.append(
            {
                "resource_id": rng.choice(dataset.rooms),
                "starts_at": starts.isoformat(),
                "ends_at": ends.isoformat(),
                "purpose": f"bench {n}",
            }
        )
    return bodies


@dataclass
class Round:
    created: int = 0
    refused: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def bookings_per_second(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


def fire(base_url: str, dataset: Dataset, bodies: list[dict[str, Any]], clients: int) -> Round:
    """POST the bookings from `clients` threads over keep-alive connections."""
    import json
    from http.client import HTTPConnection
    from urllib.parse import urlsplit

    pending: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
    for body in bodies:
        pending.put(body)
    result = Round()
    lock = threading.Lock()
    path = f"/api/v1/regions/{dataset.region_slug}/bookings"
    headers = {"Authorization": f"Bearer {dataset.token}", "Content-Type": "application/json"}
    server = urlsplit(base_url)
    barrier = threading.Barrier(clients)

    def client() -> None:
        connection = HTTPConnection(server.hostname or "127.0.0.1", server.port, timeout=120)
        barrier.wait()
        try:
            while True:
                try:
                    body = pending.get_nowait()
                except queue.Empty:
                    return
                started = time.perf_counter()
                connection.request("POST", path, body=json.dumps(body), headers=headers)
                response = connection.getresponse()
                content = response.read()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    result.latencies_ms.append(elapsed)
                    if response.status == 201:
                        result.created += 1
                    elif response.status == 409:
                        result.refused += 1
                    else:
                        result.errors.append(f"{response.status} {content[:200]!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def fire_service(dataset: Dataset, bodies: list[dict[str, Any]], clients: int) -> Round:
    """Call the booking service from `clients` threads, each with its own connection."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from sousei.core.errors import Conflict
    from sousei.core.models import Region
    from sousei.core.scoping import region_scope
    from sousei.spaces.services import booking_create

    region = Region.objects.get(slug=dataset.region_slug)
    manager = get_user_model().objects.get(username="bench-space-manager")
    pending: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
    for body in bodies:
        pending.put(body)
    result = Round()
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client() -> None:
        barrier.wait()
        try:
            with region_scope(region):
                while True:
                    try:
                        body = pending.get_nowait()
                    except queue.Empty:
                        return
                    started = time.perf_counter()
                    outcome = "created"
                    try:
                        booking_create(
                            region=region,
                            actor=manager,
                            resource_id=body["resource_id"],
                            starts_at=datetime.fromisoformat(body["starts_at"]),
                            ends_at=datetime.fromisoformat(body["ends_at"]),
                            purpose=body["purpose"],
                            holder=manager,
                        )
                    except Conflict:
                        outcome = "refused"
                    except Exception as error:
                        outcome = repr(error)[:200]
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        result.latencies_ms.append(elapsed)
                        if outcome == "created":
                            result.created += 1
                        elif outcome == "refused":
                            result.refused += 1
                        else:
                            result.errors.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def measure(
    args: argparse.Namespace, url: str, dataset: Dataset, via: str, rng: random.Random
) -> tuple[bool, bool]:
    """Run the rounds one way (http or service), print the figures; (throughput held,
    no overlaps)."""
    if via == "http":
        label = f"HTTP API via gunicorn -w {args.workers}, {args.clients} clients"
    else:
        label = f"service calls from {args.clients} threads in one process, no HTTP"
    label += f", {args.rooms} rooms"
    rounds: list[Round] = []
    found: list[int] = []
    with contextlib.ExitStack() as stack:
        if via == "http":
            base_url = stack.enter_context(gunicorn(url, "sousei.wsgi", args.workers))

            def run(bodies: list[dict[str, Any]]) -> Round:
                return fire(base_url, dataset, bodies, args.clients)
        else:

            def run(bodies: list[dict[str, Any]]) -> Round:
                return fire_service(dataset, bodies, args.clients)

        clear(dataset)
        warmup = run(plan(dataset, 4 * args.clients, rng))
        if warmup.errors:
            raise SystemExit(f"warm-up requests failed: {warmup.errors[:3]}")
        for number in range(1, args.repeat + 1):
            clear(dataset)
            done = run(plan(dataset, args.requests, rng))
            if done.errors:
                raise SystemExit(f"round {number}: {len(done.errors)} failed: {done.errors[:3]}")
            pairs = overlaps(dataset)
            if stored(dataset) != done.created:
                raise SystemExit(
                    f"round {number}: {stored(dataset)} stored, {done.created} answered 201"
                )
            found.append(pairs)
            say(
                f"{via} round {number}: {done.created} booked, {done.refused} refused (409) in "
                f"{done.seconds:.1f} s = {done.bookings_per_second:.0f} bookings/s, "
                f"p95 {p95(done.latencies_ms):.0f} ms, overlaps {pairs}"
            )
            rounds.append(done)
    rate = statistics.median(r.bookings_per_second for r in rounds)
    held = rate >= THROUGHPUT_TARGET
    print(
        f"booking throughput ({label}): {rate:.1f} bookings/s "
        f"(target >= {THROUGHPUT_TARGET:g} bookings/s) {'ok' if held else 'SHORT'}",
        flush=True,
    )
    worst = max(found)
    print(
        f"overlapping bookings found ({via}): {worst} (target = 0) "
        f"{'ok' if worst == 0 else 'SHORT'}",
        flush=True,
    )
    latency = figure(
        f"booking p95 latency ({via}, {args.clients} clients)",
        statistics.median(p95(r.latencies_ms) for r in rounds),
        "ms",
        "<",
        P95_GOAL_MS,
    )
    print(latency[0], flush=True)
    return held, worst == 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url()
    setup_django(url)
    dataset = prepare(args.rooms)
    rng = random.Random(SEED)
    ways = ["http", "service"] if args.via == "both" else [args.via]
    results: dict[str, tuple[bool, bool]] = {}
    space_active(dataset, True)
    try:
        for via in ways:
            results[via] = measure(args, url, dataset, via, rng)
    finally:
        clear(dataset)
        space_active(dataset, False)
    # The requirement: ≥ 200 bookings/s one way or the other (the service figure when the
    # HTTP stack on a small machine is the bottleneck), and never an overlap.
    throughput_held = any(held for held, _clean in results.values())
    clean = all(no_overlap for _held, no_overlap in results.values())
    return 0 if throughput_held and clean else 1


if __name__ == "__main__":
    sys.exit(main())
