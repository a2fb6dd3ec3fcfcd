"""The server as `make demo` starts it holds 50 clients writing at once, on SQLite and on
PostgreSQL: no connection is reset, no request fails with a 5xx, and on PostgreSQL the server
never holds more connections than its threads.

Each test runs `sousei demo --port N` (the command the Makefile runs: migrate, seed, gunicorn and
the task worker) on a new database, signs the demo users in through the API, then releases 50
threads at once, each with one write over its own new connection: public event registrations,
desk bookings, enrolments and time records (bench/demo_burst.py, also a script). Refusals by a
business rule (a desk already taken, 409) are printed and allowed. The demo is then stopped as
Ctrl-C stops it, and nothing of it may be left running.

Under Django's development server the same burst got 20–24 connection resets, and on SQLite 18
answers of 500 "database is locked" (PostgreSQL: 20 resets, and 30 connections held after it).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from bench.demo_burst import (
    BurstResult,
    ConnectionWatch,
    Demo,
    connection_budget,
    drop_database,
    exchange,
    run_burst,
)

pytestmark = pytest.mark.load

CLIENTS = 50


def postgres_url() -> str | None:
    """A new database on the PostgreSQL server the tests use, or None on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/sousei_load_{secrets.token_hex(4)}"))


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Demo]]:
    """Both demos start at once, so their migrations and seeds overlap; each test waits for
    its own. Whatever a test left running is killed here, and the PostgreSQL database dropped."""
    started: dict[str, Demo] = {}
    sqlite_dir = tmp_path_factory.mktemp("demo-sqlite")
    started["sqlite"] = Demo(f"sqlite:///{sqlite_dir / 'demo.sqlite3'}", sqlite_dir)
    pg = postgres_url()
    if pg is not None:
        started["postgresql"] = Demo(pg, tmp_path_factory.mktemp("demo-postgresql"))
    try:
        yield started
    finally:
        for demo in started.values():
            demo.stop()
            if demo.group_alive():
                demo.kill()
        if pg is not None:
            drop_database(pg)


def started(demos: dict[str, Demo], kind: str) -> Demo:
    if kind not in demos:
        pytest.skip("no PostgreSQL server: DATABASE_URL points elsewhere")
    demo = demos[kind]
    seconds = demo.wait_until_answers()
    print(f"\n{kind}: sousei demo answered after {seconds:.1f} s (migrate, seed, server start)")
    return demo


def assert_serves_as_in_production(base_url: str) -> None:
    """gunicorn's uvicorn workers answer, and no response header names a software version (the
    development server sent `Server: WSGIServer/0.2 CPython/3.11.7`)."""
    status, _text, headers = exchange(base_url, "GET", "/")
    assert status == 200
    assert {name.lower(): value for name, value in headers}["server"] == "uvicorn"
    for name, value in headers:
        assert not re.search(r"python|wsgiserver|/\d|\d+\.\d+", value, re.I), (name, value)
    # Static files come from the app (whitenoise), as in production.
    assert exchange(base_url, "GET", "/static/sousei/site.css")[0] == 200


def burst_report(result: BurstResult) -> str:
    return (
        f"{len(result.outcomes)} requests, {len(result.connection_errors)} connection errors, "
        f"{len(result.server_errors)} 5xx, {len(result.refusals)} business refusals (4xx); "
        f"p50 {result.percentile(0.5):.0f} ms, p95 {result.percentile(0.95):.0f} ms\n"
        f"{result.table()}"
    )


def assert_holds(result: BurstResult, demo: Demo) -> None:
    print(burst_report(result))
    failures = [
        f"{o.kind}: {o.status or o.error} {' '.join(o.detail.split())[:300]}"
        for o in result.connection_errors + result.server_errors
    ]
    assert len(result.outcomes) == CLIENTS
    assert not failures, "\n".join(failures) + "\n" + demo.log()[-3000:]


def assert_stops_cleanly(demo: Demo) -> None:
    """Ctrl-C stops the demo, the server and the task worker, and the demo exits with 0."""
    assert demo.stop() == 0, demo.log()[-3000:]
    assert not demo.group_alive(), "the server or the task worker outlived the demo"


def test_the_demo_on_sqlite_holds_50_clients_writing_at_once(demos: dict[str, Demo]) -> None:
    demo = started(demos, "sqlite")
    assert_serves_as_in_production(demo.base_url)

    result = run_burst(demo.base_url, CLIENTS, settings.SOUSEI_DEMO_PASSWORD)

    assert_holds(result, demo)
    assert "database is locked" not in demo.log()
    assert_stops_cleanly(demo)


def test_the_demo_on_postgresql_holds_50_clients_within_its_connections(
    demos: dict[str, Demo],
) -> None:
    demo = started(demos, "postgresql")
    assert_serves_as_in_production(demo.base_url)
    bound = connection_budget()

    with ConnectionWatch(demo.database_url) as watch:
        result = run_burst(demo.base_url, CLIENTS, settings.SOUSEI_DEMO_PASSWORD)

    assert_holds(result, demo)
    print(
        f"most connections held: {watch.most} ({watch.peak_text()}; "
        f"workers × threads + task worker = {bound})"
    )
    assert 0 < watch.most <= bound, watch.peak_text()
    assert set(watch.peak) <= {"sousei gunicorn", "sousei db_worker"}, watch.peak_text()
    assert_stops_cleanly(demo)
    assert watch.count() == 0
