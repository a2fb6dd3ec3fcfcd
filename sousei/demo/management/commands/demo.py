"""`sousei demo [--port 8000]`: migrate, load the demo scenario and serve it on 127.0.0.1.

Runs on SQLite in the var directory with nothing else installed; with DATABASE_URL pointing
at PostgreSQL it creates that database first when it is missing. It serves with the production
server and configuration (gunicorn with uvicorn workers, sousei/gunicorn_conf.py), never
Django's development server, and runs the background task worker beside it. Without
SOUSEI_LIVE_BROKER=redis://… it serves with one worker, since the in-process live broker
reaches only its own process.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from sousei.core.demo import AREA_OPERATOR, REGIONS
from sousei.core.roles import Role
from sousei.dbprobe import ensure_database

# Background tasks (notification e-mails, printed by the console e-mail backend) run in a
# worker beside the server, as in production.
TASK_WORKER = ["-m", "sousei.manage", "db_worker", "--no-reload", "--interval", "2"]


def server_command() -> list[str]:
    """gunicorn with the production configuration; `sousei demo` adds only the address."""
    return [sys.executable, "-m", "gunicorn", "--config", "python:sousei.gunicorn_conf"]


def stop(process: subprocess.Popen[bytes], timeout: float = 40) -> int:
    """Ask a child to stop (SIGTERM: gunicorn lets requests under way finish), then kill it."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


class Command(BaseCommand):
    help = "Migrate, seed the demo scenario and serve it on http://127.0.0.1:PORT/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT") or 8000),
            help="port on 127.0.0.1 (default: $PORT or 8000)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        if not os.environ.get("SOUSEI_LIVE_BROKER", "").startswith(("redis://", "rediss://")):
            # The in-process live broker reaches one process only: the demo serves with one
            # worker unless it is given Redis (sousei/gunicorn_conf.py refuses more).
            os.environ.setdefault("WEB_WORKERS", "1")
        try:  # the server's configuration first: a wrong WEB_* value stops before the migration
            importlib.import_module("sousei.gunicorn_conf")
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            try:
                ensure_database(url)
            except Exception as error:  # psycopg's errors say what is wrong with the server
                raise CommandError(f"PostgreSQL at DATABASE_URL is not usable: {error}") from None
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"database: {settings.DATABASES['default']['NAME']} (migrated)")
        call_command("seed_demo", stdout=self.stdout)
        self.print_logins(port)
        # The server's workers open their own connections; this process keeps none open
        # while it waits (on PostgreSQL it would count against the connection budget). With
        # the pool on, closing a connection only hands it back to the pool, which keeps it.
        for connection in connections.all(initialized_only=True):
            connection.close()
            if hasattr(connection, "close_pool"):  # PostgreSQL's backend
                connection.close_pool()
        self.serve(port)

    def serve(self, port: int) -> None:
        """gunicorn as in production (sousei/gunicorn_conf.py), bound to 127.0.0.1:PORT, and the
        background task worker beside it (notification e-mails, printed by the console e-mail
        backend). Ctrl-C, SIGTERM or either of them ending stops both."""
        # SIGTERM (a service manager, `kill`) as Ctrl-C; and Ctrl-C even when a shell started
        # the demo as a background job, which ignores SIGINT.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        children: dict[str, subprocess.Popen[bytes]] = {}
        ended = None
        try:
            children["server"] = subprocess.Popen(
                [*server_command(), "--bind", f"127.0.0.1:{port}"],
                # whitenoise serves the demo's static files from the apps (finders); the
                # collectstatic directory it warns about is for production.
                env={**os.environ, "PYTHONWARNINGS": "ignore:No directory at:UserWarning"},
            )
            children["task worker"] = subprocess.Popen([sys.executable, *TASK_WORKER])
            while ended is None:
                time.sleep(0.5)
                ended = next((n for n, p in children.items() if p.poll() is not None), None)
        except KeyboardInterrupt:
            self.stdout.write("Stopping the server and the task worker …")
        finally:
            for process in children.values():
                stop(process)
        if ended is not None:
            code = children[ended].returncode
            raise CommandError(f"The {ended} stopped (exit status {code}); see the messages above.")

    def print_logins(self, port: int) -> None:
        slugs = [spec.slug for spec in REGIONS]
        width = max(len(f"{role}-{slug}") for role in Role.values for slug in slugs) + 2
        lines = [
            "",
            "Demo logins / デモ用ログイン",
            "  " + "role".ljust(16) + "".join(slug.ljust(width) for slug in slugs),
        ]
        for role in Role.values:
            lines.append(
                "  " + role.ljust(16) + "".join(f"{role}-{slug}".ljust(width) for slug in slugs)
            )
        base = f"http://127.0.0.1:{port}"
        lines += [
            "  " + "operator (all)".ljust(16) + f"{AREA_OPERATOR} ({', '.join(slugs)})",
            "  " + "superuser".ljust(16) + "admin",
            f"  password (all): {settings.SOUSEI_DEMO_PASSWORD}",
            "",
            f"  site   {base}/",
            f"  API    {base}/api/v1/docs",
            f"  admin  {base}/admin/",
            "",
        ]
        if settings.SESSION_COOKIE_SECURE:
            lines.append(
                "  note: SECURE_COOKIES is on, so sign-in over plain http will not stick; "
                "start with `sousei demo` or set SECURE_COOKIES=false."
            )
        self.stdout.write("\n".join(lines))
