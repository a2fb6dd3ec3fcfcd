"""Live updates at scale: 1,000 open streams on the production server, messages and presence
fanned out to all of them.

    .venv/bin/python bench/workplace.py                      # 1,000 clients, PostgreSQL + Redis
    .venv/bin/python bench/workplace.py --clients 200 --messages 10

Builds a throwaway PostgreSQL database (created, migrated, dropped at the end) with a region
whose workplace has --clients people in one team, an open room and an API token each; starts
the real server (gunicorn with the uvicorn worker, sousei/gunicorn_conf.py) with 2 workers
and the Redis broker; opens one stream per person (asyncio, GET
/api/v1/regions/{slug}/stream with their bearer token) and waits until every stream has said
`ready`. Then:

- posts --messages messages to the open room (POST …/rooms/{id}/messages, one every
  --interval seconds) and measures, for every message and every client, the time from the
  POST's start to the event's arrival: p95 delivery (target < 1 s) and lost deliveries
  (target 0);
- publishes --messages presence changes the way the office's presence service does (the
  Presence row written and `live.office_publish` in one transaction, through Redis to the
  server's processes) and measures the fan-out the same way (p95 < 1 s);
- memory per idle connection: the server's resident memory (master and workers) with every
  stream open and idle, less with the first 50 open (what the first requests grow once — the
  database pool, the Redis subscription — is not per connection), over the streams opened
  in between (reported).

Prints `<figure>: <value> <unit> (target <op> <value>) ok|SHORT`; exits 1 when a target is
missed. Needs PostgreSQL (DATABASE_URL's server, default the local socket) and Redis
(--redis, default redis://127.0.0.1:6379/0). Raises the open-files soft limit to what the
clients and the server need.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
DEFAULT_SERVER = "postgres://postgres@/sousei?host=/var/run/postgresql"
SLUG = "bench-live"
WARM_UP = 999_999
# Streams opened before the memory is first read, so that what every first request grows
# once (the database pool, the Redis subscription, lazily built code paths) is not counted
# per connection.
WARM_STREAMS = 50


def line(figure: str, value: float, unit: str, op: str | None, target: float | None) -> bool:
    if op is None or target is None:
        print(f"{figure}: {value:.1f} {unit} (reported)")
        return True
    ok = {"<": value < target, "=": value == target, "<=": value <= target}[op]
    shown = f"{value:.0f}" if unit in {"", "deliveries"} else f"{value:.1f}"
    print(f"{figure}: {shown} {unit} (target {op} {target:g}) {'ok' if ok else 'SHORT'}")
    return ok


def raise_open_files(needed: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def throwaway_url(server_url: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/sousei_wpbench_{secrets.token_hex(4)}"))


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the data ---------------------------------------------------------------------------------


@dataclass
class World:
    region_id: int
    room_id: int
    tokens: list[str]
    user_ids: list[int]


def build(clients: int) -> World:
    """The region, its workplace of `clients` people in one team, an open room, tokens."""
    import datetime as dt

    from django.contrib.auth.models import User
    from django.core.management import call_command

    from sousei.core.models import ApiToken, Membership, Region
    from sousei.core.roles import Role
    from sousei.core.scoping import region_scope
    from sousei.core.tokens import TOKEN_PREFIX, _digest, password_fingerprint
    from sousei.workplace.models import Room, RoomKind, Team, TeamKind, TeamMember

    call_command("migrate", interactive=False, verbosity=0)
    region = Region.objects.create(
        code="49999", slug=SLUG, name_ja="ベンチ市", name_en="Bench City"
    )
    users = User.objects.bulk_create(
        [User(username=f"wp{n:05d}", password="!") for n in range(clients)]
    )
    with region_scope(region):
        Membership.objects.bulk_create(
            [Membership(region=region, user=user, role=Role.PARTICIPANT) for user in users]
        )
        team = Team.objects.create(region=region, name="ベンチチーム", kind=TeamKind.CONSULTING)
        TeamMember.objects.bulk_create(
            [
                TeamMember(region=region, team=team, user=user, joined_on=dt.date(2026, 4, 1))
                for user in users
            ]
        )
        room = Room.objects.create(region=region, name="オープンオフィス", kind=RoomKind.OPEN)
    # Tokens as api_token_issue makes them, in bulk (its audit entries are not what is
    # measured here).
    raws = [TOKEN_PREFIX + secrets.token_urlsafe(32) for _ in users]
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    ApiToken.objects.bulk_create(
        [
            ApiToken(
                user=user,
                digest=_digest(raw),
                prefix=raw[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 8],
                expires_at=expires,
                password_fingerprint=password_fingerprint(user),
            )
            for user, raw in zip(users, raws, strict=True)
        ]
    )
    return World(region.pk, room.pk, raws, [user.pk for user in users])


# --- the server -------------------------------------------------------------------------------


@contextlib.contextmanager
def server(database_url: str, redis_url: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SOUSEI_LIVE_BROKER": redis_url,
        "WEB_WORKERS": "2",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "PYTHONWARNINGS": "ignore:No directory at:UserWarning",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:sousei.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=PROJECT_DIR,
        env=env,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def tree_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [pid, *(int(p) for p in children.read_text().split())] if children.exists() else [pid]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of the server's processes so far."""
    total = 0
    for one in tree_pids(pid):
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the gunicorn master and its workers)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        with contextlib.suppress(FileNotFoundError):
            for row in Path(f"/proc/{one}/status").read_text().splitlines():
                if row.startswith("VmRSS:"):
                    total += int(row.split()[1])
    return total


# --- the clients ------------------------------------------------------------------------------


@dataclass
class Client:
    index: int
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    # When each message id / presence change number arrived (time.monotonic: CLOCK_MONOTONIC,
    # the same clock in every process).
    messages: dict[int, float] = field(default_factory=dict)
    presence: dict[int, float] = field(default_factory=dict)
    ended: bool = False


async def listen(host: str, port: int, path: str, token: str, client: Client) -> None:
    """One stream client on a plain asyncio connection: the request written by hand, the
    chunked response read chunk by chunk (the server sends each event in one chunk). A
    thousand of these share the machine's two cores with the server, so the client does as
    little per event as it can: it finds the event's kind and id without decoding JSON."""
    writer = None
    try:
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"
            ).encode()
        )
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            return
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                return
            chunk = await reader.readexactly(size + 2)
            now = time.monotonic()
            if b"event: message\n" in chunk:
                start = chunk.index(b'{"id":') + 6
                client.messages[int(chunk[start : chunk.index(b",", start)])] = now
            elif b"event: office\n" in chunk:
                marker = chunk.find(b'"seq":')
                if marker >= 0:
                    end = marker + 6
                    while chunk[end : end + 1].isdigit():
                        end += 1
                    client.presence[int(chunk[marker + 6 : end])] = now
            elif b"event: ready\n" in chunk:
                client.ready.set()
    except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.CancelledError):
        pass
    finally:
        client.ended = True
        client.ready.set()
        if writer is not None:
            writer.close()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("inf")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run(args: argparse.Namespace, world: World, base: str, server_pid: int) -> bool:
    import httpx

    stream_path = f"/api/v1/regions/{SLUG}/stream"
    host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
    async with httpx.AsyncClient(timeout=30) as poster:
        # Warm both workers.
        for _ in range(4):
            await poster.get(
                f"{base}/api/v1/regions/{SLUG}/rooms/{world.room_id}/messages",
                headers={"Authorization": f"Bearer {world.tokens[0]}"},
            )
        clients = [Client(n) for n in range(args.clients)]
        tasks = []
        started = time.monotonic()
        rss_before = 0
        for n, client in enumerate(clients):
            if n == WARM_STREAMS:
                await asyncio.wait_for(
                    asyncio.gather(*(c.ready.wait() for c in clients[:n])), timeout=120
                )
                await asyncio.sleep(2)
                rss_before = tree_rss_kib(server_pid)
            tasks.append(
                asyncio.create_task(listen(host, port, stream_path, world.tokens[n], client))
            )
            if n % 50 == 49:
                await asyncio.sleep(0.05)
        await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in clients)), timeout=300)
        connect_seconds = time.monotonic() - started
        failed = sum(1 for c in clients if c.ended)
        cpu_before = cpu_seconds(server_pid)
        await asyncio.sleep(3)  # idle
        rss_idle = tree_rss_kib(server_pid)
        print(f"  {args.clients - failed} streams open in {connect_seconds:.1f} s")

        # Messages.
        sent: dict[int, float] = {}
        author = {"Authorization": f"Bearer {world.tokens[-1]}"}
        for n in range(args.messages):
            at = time.monotonic()
            answer = await poster.post(
                f"{base}/api/v1/regions/{SLUG}/rooms/{world.room_id}/messages",
                json={"body": f"ベンチ {n}"},
                headers=author,
            )
            answer.raise_for_status()
            sent[int(answer.json()["id"])] = at
            await asyncio.sleep(args.interval)

        # Presence changes, as the office's presence service publishes them.
        published: dict[int, float] = {}

        # A process of its own publishes them, so that its database work does not wait on
        # this process's event loop (busy reading 1,000 streams) for the interpreter lock.
        publisher = await asyncio.create_subprocess_exec(
            sys.executable,
            str(Path(__file__).resolve()),
            "--publisher",
            str(world.region_id),
            ",".join(map(str, world.user_ids[:50])),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert publisher.stdin is not None
        assert publisher.stdout is not None

        async def change(seq: int) -> float:
            publisher.stdin.write(f"{seq}\n".encode())  # type: ignore[union-attr]
            await publisher.stdin.drain()  # type: ignore[union-attr]
            return float((await publisher.stdout.readline()).split()[1])  # type: ignore[union-attr]

        await change(WARM_UP)  # connects it to the database and Redis
        for seq in range(args.messages):
            published[seq] = await change(seq)
            await asyncio.sleep(args.interval)
        publisher.stdin.close()
        await publisher.wait()

        deadline = time.monotonic() + 20
        want = args.clients * args.messages
        while time.monotonic() < deadline:
            got = sum(len(c.messages) for c in clients) + sum(len(c.presence) for c in clients)
            if got >= 2 * want:
                break
            await asyncio.sleep(0.2)
        cpu_server = cpu_seconds(server_pid) - cpu_before
        ended = sum(1 for c in clients if c.ended) - failed
        load = os.getloadavg()[0]
        print(
            f"  server CPU during the fan-out: {cpu_server:.1f} s; streams that ended early: "
            f"{ended}; machine load average (1 min): {load:.1f} on {os.cpu_count()} cores"
        )
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    message_delays = [
        client.messages[mid] - at
        for client in clients
        for mid, at in sent.items()
        if mid in client.messages
    ]
    presence_delays = [
        client.presence[seq] - at
        for client in clients
        for seq, at in published.items()
        if seq in client.presence
    ]
    lost = want - len(message_delays)
    lost_presence = want - len(presence_delays)
    print(
        f"  {args.messages} messages and {args.messages} presence changes to {args.clients} clients"
    )
    results = [
        line(f"streams that failed to open ({args.clients} clients)", failed, "", "=", 0),
        line(
            f"message delivery p95 ({args.clients} clients × {args.messages} messages)",
            percentile(message_delays, 0.95) * 1000,
            "ms",
            "<",
            1000,
        ),
        line("message delivery p50", percentile(message_delays, 0.5) * 1000, "ms", None, None),
        line(f"messages lost ({want} deliveries)", lost, "deliveries", "=", 0),
        line(
            f"presence fan-out p95 ({args.clients} clients × {args.messages} changes)",
            percentile(presence_delays, 0.95) * 1000,
            "ms",
            "<",
            1000,
        ),
        line(f"presence changes lost ({want} deliveries)", lost_presence, "deliveries", "=", 0),
        line(
            "memory per idle connection (server RSS delta over the "
            f"{args.clients - WARM_STREAMS} streams opened after the first {WARM_STREAMS})",
            (rss_idle - rss_before) / max(1, args.clients - WARM_STREAMS),
            "KiB",
            None,
            None,
        ),
        line(
            "server RSS with every stream open (2 workers + master)",
            rss_idle / 1024,
            "MiB",
            None,
            None,
        ),
    ]
    if message_delays:
        print(
            f"  (max message delivery {max(message_delays) * 1000:.0f} ms; "
            f"mean {statistics.fmean(message_delays) * 1000:.0f} ms)"
        )
    return all(results)


def publisher(region_id: int, user_ids: list[int]) -> None:
    """--publisher: for each number read on stdin, one presence change as the office's
    presence service makes it (the row written and `live.office_publish` in one
    transaction, out through Redis); prints the number and the moment it started."""
    import django

    django.setup()
    from django.db import transaction

    from sousei.core.models import Region
    from sousei.core.scoping import region_scope
    from sousei.workplace import live
    from sousei.workplace.models import Presence

    region = Region.objects.get(pk=region_id)
    for raw in sys.stdin:
        seq = int(raw)
        started = time.monotonic()
        user_id = user_ids[seq % len(user_ids)]
        with region_scope(region), transaction.atomic():
            Presence.objects.update_or_create(
                region=region,
                user_id=user_id,
                defaults={"state": "busy" if seq % 2 else "available"},
            )
            live.office_publish(region, "presence", {"user_id": user_id, "seq": seq})
        print(seq, started, flush=True)


def main() -> int:
    if sys.argv[1:2] == ["--publisher"]:
        publisher(int(sys.argv[2]), [int(u) for u in sys.argv[3].split(",")])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.25)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--database-server", default=os.environ.get("DATABASE_URL", DEFAULT_SERVER))
    args = parser.parse_args()

    limit = raise_open_files(args.clients * 2 + 512)
    print(f"open files (soft limit): {limit}")
    database_url = throwaway_url(args.database_server)
    os.environ["DATABASE_URL"] = database_url
    os.environ["SOUSEI_LIVE_BROKER"] = args.redis
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sousei.settings")
    os.environ.setdefault("DEBUG", "true")  # this process only builds data and publishes

    from sousei.dbprobe import ensure_database

    ensure_database(database_url)
    try:
        import django

        django.setup()
        started = time.monotonic()
        world = build(args.clients)
        print(f"  data built in {time.monotonic() - started:.1f} s")
        from django.db import connections

        connections.close_all()
        from bench.demo_burst import answers, free_port

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with server(database_url, args.redis, port) as process:
            deadline = time.monotonic() + 60
            while not answers(base):
                if process.poll() is not None or time.monotonic() > deadline:
                    print("the server did not start")
                    return 1
                time.sleep(0.25)
            ok = asyncio.run(run(args, world, base, process.pid))
        connections.close_all()
    finally:
        drop_database(database_url)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
