"""Benchmark: webhook deliveries per second sent by one worker process, to a local receiver.

    .venv/bin/python bench/webhooks.py [--deliveries 2000] [--threads 4] [--repeat 3]

Sets up a bench endpoint in Koga pointing at a receiver on 127.0.0.1 (a threaded
`http.server` in a child process, answering 204 over keep-alive connections), writes
--deliveries pending deliveries of one message each, and sends them with the code the task
runs (`sousei.webhooks.sending.delivery_send`: lock the row, build and sign the body with the
Standard Webhooks library, POST it through the pooled HTTP client, record the outcome, commit)
from this one process, two ways:

- sequential: one thread, one delivery after another (what one `db_worker` thread does);
- pool: --threads threads in this process, each with its own database connection, sharing
  the pooled HTTP client.

Figures (medians over --repeat rounds), `<figure>: <value> <unit> (target <op> <value>)
ok|SHORT`: deliveries per second each way (target ≥ 200, the requirement), and deliveries the
receiver did not get or that did not end as succeeded (target = 0). The exit status is 0 when
one way reaches 200 deliveries/s and nothing was lost.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import (  # noqa: E402 (needs the project on sys.path)
    database_url,
    say,
    setup_django,
)

TARGET = 200.0  # deliveries per second (issue 13)
BENCH_DESCRIPTION = "bench receiver"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--deliveries", type=int, default=2000, help="deliveries per round")
    parser.add_argument("--threads", type=int, default=4, help="threads of the pool way")
    parser.add_argument("--batch", type=int, default=100, help="deliveries per transaction")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; figures are medians")
    return parser.parse_args(argv)


def serve(port_out: Any, counter: Any) -> None:
    """The receiver (child process): 204 to every POST, counting them."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            with counter.get_lock():
                counter.value += 1
            self.send_response(204)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_out.put(server.server_address[1])
    server.serve_forever()


def cleanup(region: Any) -> None:
    """Remove the bench endpoint, its deliveries and the bench messages."""
    from sousei.core.scoping import region_scope
    from sousei.webhooks.models import WebhookEndpoint, WebhookMessage

    with region_scope(region):
        WebhookEndpoint.objects.filter(description=BENCH_DESCRIPTION).delete()
        WebhookMessage.objects.filter(event_kind="webhook.test", payload__data__bench=True).delete()


def prepare(url: str) -> tuple[Any, Any]:
    """Koga and the bench endpoint (an earlier run's rows removed)."""
    from sousei.core.scoping import region_scope
    from sousei.core.services import region_create
    from sousei.webhooks.models import WebhookEndpoint

    region = region_create(code="40223", slug="koga", name_en="Koga City")
    cleanup(region)
    with region_scope(region):
        endpoint = WebhookEndpoint.objects.create(
            region=region,
            url=url,
            description=BENCH_DESCRIPTION,
            event_kinds=["booking.created"],
            enabled=True,
        )
    return region, endpoint


def deliveries_new(region: Any, endpoint: Any, count: int) -> list[int]:
    """`count` pending deliveries, one message each, due now."""
    from sousei.core import clock
    from sousei.core.scoping import region_scope
    from sousei.webhooks.events import envelope
    from sousei.webhooks.models import WebhookDelivery, WebhookMessage

    now = clock.now()
    with region_scope(region):
        messages = WebhookMessage.objects.bulk_create(
            [
                WebhookMessage(
                    region=region,
                    event_kind="webhook.test",
                    payload=envelope(
                        kind="webhook.test",
                        data={"booking_id": n, "status": "booked", "bench": True},
                        moment_iso=now.isoformat(),
                    ),
                )
                for n in range(count)
            ],
            batch_size=1000,
        )
        rows = WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(region=region, endpoint=endpoint, message=m, next_attempt_at=now)
                for m in messages
            ],
            batch_size=1000,
        )
    return [row.pk for row in rows]


def send_all(region: Any, ids: list[int], threads: int, batch: int) -> float:
    """Send the deliveries in batches of `batch` with `threads` HTTP threads (1: one after
    another), as the sweep task does; the seconds it took."""
    from sousei.core.scoping import region_scope
    from sousei.webhooks.sending import deliveries_send

    started = time.perf_counter()
    with region_scope(region):
        for start in range(0, len(ids), batch):
            deliveries_send(delivery_ids=ids[start : start + batch], threads=threads)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(database_url())
    from django.conf import settings

    from sousei.core.scoping import region_scope
    from sousei.webhooks.models import DeliveryStatus, WebhookDelivery

    # The receiver is on this machine: allow its plain http://127.0.0.1 address.
    settings.SOUSEI_WEBHOOK_LOCAL_URLS = True
    port_out: Any = multiprocessing.Queue()
    counter: Any = multiprocessing.Value("i", 0)
    receiver = multiprocessing.Process(target=serve, args=(port_out, counter), daemon=True)
    receiver.start()
    url = f"http://127.0.0.1:{port_out.get(timeout=10)}/hooks"
    region, endpoint = prepare(url)
    say(f"receiver at {url}; {args.deliveries} deliveries per round, {args.repeat} rounds")

    rates: dict[str, list[float]] = {"sequential": [], f"pool of {args.threads} threads": []}
    lost = 0
    for round_number in range(1, args.repeat + 1):
        for way in rates:
            threads = 1 if way == "sequential" else args.threads
            ids = deliveries_new(region, endpoint, args.deliveries)
            before = counter.value
            seconds = send_all(region, ids, threads, args.batch)
            rate = len(ids) / seconds
            rates[way].append(rate)
            with region_scope(region):
                done = WebhookDelivery.objects.filter(
                    pk__in=ids, status=DeliveryStatus.SUCCEEDED
                ).count()
            lost += (len(ids) - done) + (len(ids) - (counter.value - before))
            say(f"round {round_number}, {way}: {rate:.0f}/s ({seconds:.2f} s)")
    receiver.terminate()

    held_any = False
    for way, values in rates.items():
        rate = statistics.median(values)
        held = rate >= TARGET
        held_any = held_any or held
        print(
            f"webhook deliveries sent by one worker process, {way}: {rate:.0f} deliveries/s "
            f"(target ≥ {TARGET:g} deliveries/s) {'ok' if held else 'SHORT'}"
        )
    print(f"deliveries lost or not succeeded: {lost} (target = 0) {'ok' if lost == 0 else 'SHORT'}")
    cleanup(region)
    return 0 if held_any and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
