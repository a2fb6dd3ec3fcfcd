"""Load check: 50 clients writing at once against the server exactly as `make demo` starts it.

    .venv/bin/python bench/demo_burst.py                # SQLite in a new temporary directory
    .venv/bin/python bench/demo_burst.py --database-url \
        'postgres://postgres@/sousei_load?host=/var/run/postgresql'   # created, then dropped
    .venv/bin/python bench/demo_burst.py --url http://127.0.0.1:8000  # a demo already running

Starts `sousei demo --port N` (the command `make demo` runs; migrate, seed, serve) on a fresh
database unless --url is given, waits until it answers, signs the demo users in through the API
(`POST /api/v1/auth/token`, before the burst), then opens --clients connections at the same
moment (a barrier releases every thread together) and sends one write on each: public event
registrations, desk and room bookings, enrolments by the operators and time records. Every
request goes over its own new connection, as separate clients would.

Figures, `<figure>: <value> <unit> (target <op> <value>) ok|SHORT`: connection errors (resets,
refusals, timeouts: target 0), server errors 5xx (target 0) and, without a target, the refusals
a business rule gives (409 a desk already booked, 422 a week already submitted …), p50 and p95
latency. On PostgreSQL the most connections the server held on its database during the run is
held against workers × threads + 1 (the task worker). The exit status is 1 when a target is
missed. The test sousei/demo/tests/test_load.py runs the same burst.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

PROJECT_DIR = Path(__file__).resolve().parent.parent
REGION = "koga"
ZONE = ZoneInfo("Asia/Tokyo")
# The demo's users in Koga (sousei/core/demo.py): every role books desks for themselves.
MEMBERS = (
    "participant",
    "candidate",
    "operator",
    "operator2",
    "space_manager",
    "trainer",
    "client",
    "municipality",
)
KINDS = ("registration", "booking", "enrolment", "time_record")
STARTUP_SECONDS = 300.0


@dataclass(frozen=True)
class Call:
    kind: str
    path: str
    body: dict[str, Any]
    token: str | None = None


@dataclass(frozen=True)
class Outcome:
    kind: str
    status: int | None  # None: no HTTP answer (reset, refused, timed out)
    error: str
    seconds: float
    detail: str = ""


@dataclass
class BurstResult:
    outcomes: list[Outcome]
    wall_seconds: float

    @property
    def connection_errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is None]

    @property
    def server_errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is not None and o.status >= 500]

    @property
    def refusals(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is not None and 400 <= o.status < 500]

    def percentile(self, share: float) -> float:
        """Latency in ms of the answered requests at that share (0.5, 0.95)."""
        times = sorted(o.seconds for o in self.outcomes if o.status is not None)
        if not times:
            return float("nan")
        if len(times) == 1:
            return times[0] * 1000
        return statistics.quantiles(times, n=100, method="inclusive")[round(share * 100) - 1] * 1000

    def table(self) -> str:
        """Answers by kind and status, e.g. `booking: 201 × 7, 409 × 6`."""
        lines = []
        for kind in KINDS:
            counts = Counter(
                str(o.status) if o.status is not None else o.error
                for o in self.outcomes
                if o.kind == kind
            )
            if counts:
                answers = ", ".join(f"{key} × {n}" for key, n in sorted(counts.items()))
                lines.append(f"  {kind}: {answers}")
        return "\n".join(lines)


# --- HTTP -----------------------------------------------------------------------------------


def request(
    base_url: str,
    method: str,
    path: str,
    *,
    body: dict[str, Any] | None = None,
    token: str | None = None,
    timeout: float = 60.0,
) -> tuple[int, Any]:
    """One request over a new connection; (status, decoded JSON or text)."""
    status, text, _headers = exchange(base_url, method, path, body, token, timeout=timeout)
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def exchange(
    base_url: str,
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
    token: str | None = None,
    *,
    timeout: float = 60.0,
) -> tuple[int, str, list[tuple[str, str]]]:
    """One request over a new connection; (status, text, response headers)."""
    parts = urlsplit(base_url)
    host = parts.hostname or "127.0.0.1"
    connection = http.client.HTTPConnection(host, parts.port, timeout=timeout)
    try:
        response = _send(connection, method, path, body, token)
        return response.status, response.read().decode("utf-8", "replace"), response.getheaders()
    finally:
        connection.close()


def _send(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    token: str | None,
) -> http.client.HTTPResponse:
    headers = {"accept": "application/json", "connection": "close"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["content-type"] = "application/json"
    if token:
        headers["authorization"] = f"Bearer {token}"
    connection.request(method, path, body=payload, headers=headers)
    return connection.getresponse()


def answers(base_url: str) -> bool:
    try:
        status, _body = request(base_url, "GET", "/api/v1/openapi.json", timeout=5)
    except (OSError, http.client.HTTPException):
        return False
    return status == 200


def sign_in(base_url: str, usernames: list[str], password: str) -> dict[str, str]:
    """A bearer token per user, one after the other (not part of the burst)."""
    tokens = {}
    for username in usernames:
        status, body = request(
            base_url,
            "POST",
            "/api/v1/auth/token",
            body={"username": username, "password": password},
        )
        if status != 200:
            raise RuntimeError(f"sign-in of {username} answered {status}: {body}")
        tokens[username] = body["token"]
    return tokens


# --- the burst ------------------------------------------------------------------------------


def plan(base_url: str, tokens: dict[str, str], clients: int) -> list[Call]:
    """One write per client, the four kinds in turn, on ids read from the demo through the API.

    Some writes are meant to collide (two members on one desk at one hour, a participant
    enrolled twice on a course, two records of a person at one time): the business rules
    refuse those with a 4xx, which is counted, not a failure."""
    operator = tokens[f"operator-{REGION}"]
    api = f"/api/v1/regions/{REGION}"
    run = secrets.token_hex(3)  # unique e-mails, so the burst can be repeated on one demo
    today = dt.datetime.now(ZONE).date()

    events = [e["id"] for e in _get(base_url, f"{api}/events") if e["registration_open"]]
    spaces = _get(base_url, f"{api}/spaces", token=operator)
    resources = [
        r["id"]
        for space in spaces
        for r in space["resources"]
        if r["kind"] in ("desk", "meeting_room")
    ][:6]
    assignments = _get(base_url, f"{api}/assignments", token=operator)
    participants = sorted({a["participant_id"] for a in assignments})
    recordable = [
        a["id"]
        for a in assignments
        if a["status"] == "active" and dt.date.fromisoformat(a["start_date"]) < today
    ]
    courses = [c["id"] for c in _get(base_url, f"{api}/courses", token=operator)]
    if not (events and resources and participants and recordable and courses):
        raise RuntimeError("the demo has no open events, desks, participants or courses")

    booking_day = _weekday_after(today + dt.timedelta(days=14 + secrets.randbelow(60)))
    start_day = _weekday_after(today + dt.timedelta(days=7), monday=True)
    members = [f"{role}-{REGION}" for role in MEMBERS]
    calls: list[Call] = []
    counters = dict.fromkeys(KINDS, 0)
    for number in range(clients):
        kind = KINDS[number % len(KINDS)]
        i = counters[kind]
        counters[kind] += 1
        if kind == "registration":
            calls.append(
                Call(
                    kind,
                    f"{api}/events/{events[i % len(events)]}/registrations",
                    {
                        "family_name": "負荷",
                        "given_name": f"試験{i}",
                        "family_name_kana": "フカ",
                        "given_name_kana": "シケン",
                        "email": f"load-{run}-{i}@example.jp",
                        "university": "九州大学",
                        "graduation_year": 2027,
                        "consents": {"privacy_policy": True},
                    },
                )
            )
        elif kind == "booking":
            # Members in turn; resource i % 6 at hour 10 + 2 × (i // 8): some share a desk.
            hour = 10 + 2 * (i // len(members))
            starts = dt.datetime.combine(booking_day, dt.time(hour), tzinfo=ZONE)
            calls.append(
                Call(
                    kind,
                    f"{api}/bookings",
                    {
                        "resource_id": resources[i % len(resources)],
                        "starts_at": starts.isoformat(),
                        "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
                        "purpose": f"load test {run}",
                    },
                    tokens[members[i % len(members)]],
                )
            )
        elif kind == "enrolment":
            calls.append(
                Call(
                    kind,
                    f"{api}/enrolments",
                    {
                        "participant_id": participants[i % len(participants)],
                        "course_id": courses[i % len(courses)],
                        "start_date": start_day.isoformat(),
                        "daily_hours": "2.5",
                        "weekdays": [0, 1, 2, 3, 4],
                    },
                    tokens[(f"operator-{REGION}", f"operator2-{REGION}")[i % 2]],
                )
            )
        else:
            # Evenings of the last days, one hour each: a person's records never overlap
            # unless the burst runs twice on one demo (then 409, counted as a refusal).
            assignment = recordable[i % len(recordable)]
            day = today - dt.timedelta(days=1 + i // len(recordable))
            calls.append(
                Call(
                    kind,
                    f"{api}/assignments/{assignment}/time-records",
                    {"date": day.isoformat(), "start": "19:00", "end": "20:00", "note": run},
                    operator,
                )
            )
    return calls


def _get(base_url: str, path: str, token: str | None = None) -> Any:
    status, body = request(base_url, "GET", path, token=token)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body}")
    return body


def _weekday_after(day: dt.date, *, monday: bool = False) -> dt.date:
    """The first weekday (or Monday) on or after the day."""
    while day.weekday() >= 5 or (monday and day.weekday() != 0):
        day += dt.timedelta(days=1)
    return day


def burst(base_url: str, calls: list[Call], *, timeout: float = 60.0) -> BurstResult:
    """Send every call at once: one thread and one new connection per call, released together."""
    barrier = threading.Barrier(len(calls) + 1)
    outcomes: list[Outcome | None] = [None] * len(calls)
    parts = urlsplit(base_url)

    def client(index: int, call: Call) -> None:
        connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=timeout
        )
        barrier.wait()
        started = time.perf_counter()
        try:
            response = _send(connection, "POST", call.path, call.body, call.token)
            status, text = response.status, response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            outcomes[index] = Outcome(
                call.kind, None, type(error).__name__, time.perf_counter() - started, str(error)
            )
        else:
            outcomes[index] = Outcome(
                call.kind, status, "", time.perf_counter() - started, text[:300]
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=client, args=(index, call), daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout + 5)
    wall = time.perf_counter() - started
    done = [
        o if o is not None else Outcome(calls[i].kind, None, "NoAnswer", wall)
        for i, o in enumerate(outcomes)
    ]
    return BurstResult(outcomes=done, wall_seconds=wall)


# --- the server as `make demo` starts it ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The demo's server as `make demo` starts it (without Redis, one worker: the in-process live
# broker reaches one process), set here rather than read from whatever the caller's environment
# holds, so the connection budget below is the started server's own.
DEMO_SERVER_ENV = {"WEB_WORKERS": "1", "WEB_THREADS": "8"}


def connection_budget() -> int:
    """The connections the demo may hold on PostgreSQL: each worker's pool (as many as its
    threads, settings.DB_POOL_MAX_SIZE) and one for the task worker."""
    return int(DEMO_SERVER_ENV["WEB_WORKERS"]) * int(DEMO_SERVER_ENV["WEB_THREADS"]) + 1


class Demo:
    """`sousei demo --port N` started in its own process group, as a terminal runs `make demo`
    (the test and this script start the server by the very command the Makefile runs)."""

    def __init__(self, database_url: str, var_dir: Path, *, port: int | None = None) -> None:
        self.database_url = database_url
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = var_dir / "demo.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SOUSEI_VAR_DIR": str(var_dir),
            "PYTHONUNBUFFERED": "1",
            **DEMO_SERVER_ENV,
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        command = [str(Path(sys.executable).parent / "sousei"), "demo", "--port", str(self.port)]
        self.started = time.monotonic()
        self.startup_seconds = float("nan")
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_until_answers(self, timeout: float = STARTUP_SECONDS) -> float:
        """Seconds from the start to the first answer (migrate, seed, the server's start)."""
        while not answers(self.base_url):
            if self.process.poll() is not None:
                raise RuntimeError(f"sousei demo stopped:\n{self.log()[-4000:]}")
            if time.monotonic() - self.started > timeout:
                raise RuntimeError(f"sousei demo did not answer in time:\n{self.log()[-4000:]}")
            time.sleep(0.25)
        self.startup_seconds = time.monotonic() - self.started
        return self.startup_seconds

    def stop(self, *, grace: float = 45.0) -> int:
        """Ctrl-C: SIGINT to the whole process group, as a terminal sends it; the group is
        killed if the demo has not ended in time. The demo's exit status."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def group_alive(self) -> bool:
        """Whether a process of the demo's group (the server, its workers, the task worker) is
        still running."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True


@contextlib.contextmanager
def demo_server(database_url: str, var_dir: Path) -> Iterator[Demo]:
    """A demo that answers; stopped as Ctrl-C stops it, and killed if it outlives that."""
    demo = Demo(database_url, var_dir)
    try:
        demo.wait_until_answers()
        yield demo
    finally:
        demo.stop()
        if demo.group_alive():
            demo.kill()


# --- PostgreSQL connections -------------------------------------------------------------------


def maintenance_url(database_url: str) -> tuple[str, str]:
    """(database name, the URL of the server's `postgres` database)."""
    parts = urlsplit(database_url)
    return parts.path.lstrip("/"), urlunsplit(parts._replace(path="/postgres"))


class ConnectionWatch:
    """Samples how many connections the server holds on one database, every few ms, from a
    connection to the maintenance database (so the watch does not count itself). Only client
    connections count (not autovacuum); `peak` says which processes held them at the most,
    by the application name each process gives (settings.process_name)."""

    def __init__(self, database_url: str, interval: float = 0.02) -> None:
        self.name, self.url = maintenance_url(database_url)
        self.interval = interval
        self.most = 0
        self.peak: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def count(self) -> int:
        """The connections held now."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            return sum(self._held(conn).values())

    def _held(self, conn: Any) -> dict[str, int]:
        rows = conn.execute(
            "select application_name, count(*) from pg_stat_activity"
            " where datname = %s and backend_type = 'client backend' group by 1",
            (self.name,),
        ).fetchall()
        return {str(name): int(count) for name, count in rows}

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self._stop.is_set():
                held = self._held(conn)
                if sum(held.values()) > self.most:
                    self.most, self.peak = sum(held.values()), held
                time.sleep(self.interval)

    def peak_text(self) -> str:
        return ", ".join(f"{name or '?'} {count}" for name, count in sorted(self.peak.items()))

    def __enter__(self) -> ConnectionWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def database_exists(database_url: str) -> bool:
    import psycopg

    name, url = maintenance_url(database_url)
    with psycopg.connect(url, autocommit=True) as conn:
        return (
            conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
            is not None
        )


def drop_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    name, url = maintenance_url(database_url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )


# --- report -----------------------------------------------------------------------------------


def figure(label: str, value: int, op: str, target: int) -> bool:
    ok = value == target if op == "=" else value <= target
    print(f"{label}: {value} (target {op} {target}) {'ok' if ok else 'SHORT'}")
    return ok


def report(result: BurstResult, clients: int) -> bool:
    print(result.table(), file=sys.stderr)
    for outcome in result.connection_errors + result.server_errors:
        detail = " ".join(outcome.detail.split())[:200]
        print(f"  {outcome.kind}: {outcome.status or outcome.error} {detail}", file=sys.stderr)
    at_once = f"{clients} clients writing at once"
    ok = figure(f"connection errors ({at_once})", len(result.connection_errors), "=", 0)
    ok &= figure(f"5xx answers ({at_once})", len(result.server_errors), "=", 0)
    print(f"business refusals, 4xx ({at_once}; no target): {len(result.refusals)}")
    print(
        f"latency p50 / p95 ({at_once}; no target): {result.percentile(0.5):.0f} ms / "
        f"{result.percentile(0.95):.0f} ms; all answered in {result.wall_seconds:.2f} s"
    )
    return ok


def run_burst(base_url: str, clients: int, password: str) -> BurstResult:
    """Sign the demo users in, read the ids to write on, then send the burst."""
    usernames = [f"{role}-{REGION}" for role in MEMBERS]
    tokens = sign_in(base_url, usernames, password)
    return burst(base_url, plan(base_url, tokens, clients))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--url", help="a demo already running; otherwise one is started")
    parser.add_argument(
        "--database-url",
        default="",
        help="the database of the demo this script starts (default: SQLite in a temporary "
        "directory); a PostgreSQL database must not exist yet: it is created and dropped",
    )
    password = os.environ.get("SOUSEI_DEMO_PASSWORD", "sousei-demo-2026")
    args = parser.parse_args(argv)
    if args.url:
        return 0 if report(run_burst(args.url, args.clients, password), args.clients) else 1
    postgres = args.database_url.startswith("postgres")
    if postgres and database_exists(args.database_url):
        raise SystemExit(f"{args.database_url} exists; name a new database (it is dropped after).")
    with tempfile.TemporaryDirectory(prefix="sousei-load-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/demo.sqlite3"
        try:
            with demo_server(url, Path(tmp)) as demo:
                print(f"demo answered after {demo.startup_seconds:.1f} s", file=sys.stderr)
                watching = ConnectionWatch(url) if postgres else contextlib.nullcontext()
                with watching as watch:
                    result = run_burst(demo.base_url, args.clients, password)
            ok = report(result, args.clients)
            if watch is not None:
                bound = connection_budget()
                ok &= figure(
                    "most connections the server held (PostgreSQL)", watch.most, "<=", bound
                )
                print(f"  held then by: {watch.peak_text()}")
        finally:
            if postgres:
                drop_database(url)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
