"""The `sousei` console command: Django's manage.py plus the operations commands.

sousei demo [--port 8000]   migrate, seed the demo, serve on 127.0.0.1
sousei seed-demo            load the demo scenario (idempotent)
sousei find-municipality 古賀  find a municipality's JIS X 0402 code by name
sousei create-region 40220  create a region for any municipality code
sousei onboard-region 40220 --operator NAME --admin-email ADDRESS  a region ready to run
sousei backup FILE [--region SLUG]  the database and media files in one ZIP
sousei restore FILE [--replace]     a backup into an empty, migrated database (erasures replayed)
sousei privacy-retention    erase the names kept with statutory records past retention
sousei <django command>     anything manage.py does (migrate, createsuperuser, …)
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

# Our commands are spelt with hyphens on the command line, underscores as Django modules.
HYPHENATED = {
    "seed-demo": "seed_demo",
    "create-region": "create_region",
    "find-municipality": "find_municipality",
    "onboard-region": "onboard_region",
    "load-minimum-wages": "load_minimum_wages",
    "training-daily": "training_daily",
    "events-daily": "events_daily",
    "hiring-reminders": "hiring_reminders",
    "work-reminders": "work_reminders",
    "spaces-reminders": "spaces_reminders",
    "hiring-daily": "hiring_daily",
    "impact-daily": "impact_daily",
    "workplace-reminders": "workplace_reminders",
    "workplace-tidy": "workplace_tidy",
    "privacy-reminders": "privacy_reminders",
    "privacy-retention": "privacy_retention",
    "breach-reminders": "breach_reminders",
    "provision-records-purge": "provision_records_purge",
    "webhooks-due": "webhooks_due",
}


def django_argv(argv: list[str]) -> list[str]:
    """manage.py's arguments for a `sousei …` command line."""
    args = list(argv)
    if len(args) > 1:
        args[1] = HYPHENATED.get(args[1], args[1])
    return args


def demo_secret_key() -> str:
    """The demo's own SECRET_KEY: made once per install in the var directory and kept
    there, so nobody else's copy of the code can sign the demo's links and sessions."""
    var = Path(os.environ.get("SOUSEI_VAR_DIR") or Path(__file__).resolve().parent.parent / "var")
    path = var / "demo-secret-key"
    if not path.exists():
        var.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def main(argv: list[str] | None = None) -> None:
    args = django_argv(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "demo":
        # The demo serves plain http on 127.0.0.1: cookies cannot be Secure there.
        os.environ.setdefault("SECURE_COOKIES", "false")
        if not os.environ.get("SECRET_KEY", "").strip():
            os.environ["SECRET_KEY"] = demo_secret_key()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sousei.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
