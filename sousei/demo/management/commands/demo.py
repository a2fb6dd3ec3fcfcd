"""`sousei demo [--port 8000]`: migrate, load the demo scenario and serve it on 127.0.0.1.

Runs on SQLite in the var directory with nothing else installed; with DATABASE_URL pointing
at PostgreSQL it creates that database first when it is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.core.demo import REGIONS
from sousei.core.roles import Role
from sousei.dbprobe import ensure_database


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
        # The reloader would re-run migrate and the seed in a child process; the demo needs
        # neither. Static files come from whitenoise (finders), not runserver, so the
        # collectstatic directory it warns about is not needed.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        # Background tasks (notification e-mails, printed by the console e-mail backend) run
        # in a worker beside the server, as in production.
        worker = subprocess.Popen(
            [sys.executable, "-m", "sousei.manage", "db_worker", "--no-reload", "--interval", "2"]
        )
        try:
            call_command(
                "runserver", f"127.0.0.1:{port}", use_reloader=False, use_static_handler=False
            )
        finally:
            worker.terminate()
            worker.wait(timeout=10)

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
