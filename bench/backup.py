"""Backup and restore of the demo, as an operator runs them.

    .venv/bin/python bench/backup.py
    .venv/bin/python bench/backup.py --database-url 'postgres://postgres@/sousei_bench_backup?host=/var/run/postgresql'

Creates two fresh PostgreSQL databases (<name> and <name>_restore; dropped first if they
exist, and at the end), migrates both, loads the demo into the first (`sousei seed-demo`),
then times `sousei backup FILE` on the first and `sousei restore FILE` into the second, each
as its own process (Django's start-up included, as the operator waits for it). The restored
database must hold the same number of rows per table as the backup's manifest.

Figures: the wall time of each command, target under 30 s (issue 13); the backup's size and
rows are printed without a target.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import figure, say  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@/sousei_bench_backup?host=/var/run/postgresql"
TARGET_SECONDS = 30.0


def with_name(database_url: str, name: str) -> str:
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


def recreate(database_url: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def sousei(database_url: str, media: Path, *args: str) -> tuple[float, str]:
    """Run `sousei ARGS` against the database; (seconds, its output)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SOUSEI_MEDIA_DIR": str(media),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-backup-" + "k" * 40,
        "DEBUG": "false",
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sousei.cli", *args],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"sousei {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return seconds, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    args = parser.parse_args(argv)
    source = args.database_url
    target = with_name(source, urlsplit(source).path.lstrip("/") + "_restore")
    with tempfile.TemporaryDirectory(prefix="sousei-bench-backup-") as work:
        folder = Path(work)
        try:
            for url in (source, target):
                recreate(url)
                say(f"migrating {urlsplit(url).path.lstrip('/')} …")
                sousei(url, folder / "media-a", "migrate", "--verbosity", "0")
            say("loading the demo …")
            sousei(source, folder / "media-a", "seed-demo")
            archive = folder / "demo.zip"
            backup_seconds, out = sousei(source, folder / "media-a", "backup", str(archive))
            say("backup: " + out.strip().splitlines()[-1])
            restore_seconds, out = sousei(target, folder / "media-b", "restore", str(archive))
            say("restore: " + [line for line in out.splitlines() if "restored in" in line][-1])
            with zipfile.ZipFile(archive) as opened:
                manifest = json.loads(opened.read("manifest.json"))
            rows = sum(t["rows"] for t in manifest["tables"])
            size = archive.stat().st_size / 1e6
            say(
                f"{rows:,} rows in {len(manifest['tables'])} tables, {len(manifest['media'])} files"
            )
            check = (
                "import django; django.setup()\n"
                "import json, sys\n"
                "from django.apps import apps\n"
                "from sousei.core.scoping import cross_region\n"
                "with cross_region('bench: count restored rows'):\n"
                "    print(json.dumps({t['model']: apps.get_model(t['model'])._base_manager"
                ".count() for t in json.load(sys.stdin)}))\n"
            )
            counted = subprocess.run(
                [sys.executable, "-c", check],
                input=json.dumps(manifest["tables"]),
                env={
                    **os.environ,
                    "DATABASE_URL": target,
                    "DJANGO_SETTINGS_MODULE": "sousei.settings",
                    "SECRET_KEY": "bench-backup-" + "k" * 40,
                },
                cwd=PROJECT_DIR,
                capture_output=True,
                text=True,
                check=True,
            )
            restored = json.loads(counted.stdout)
            wrong = [t["model"] for t in manifest["tables"] if restored[t["model"]] != t["rows"]]
            if wrong:
                raise SystemExit(f"restored row counts differ: {', '.join(wrong)}")
        finally:
            for url in (source, target):
                recreate(url, drop_only=True)
    lines = [
        figure("demo backup", backup_seconds, "s", "<", TARGET_SECONDS),
        figure("demo restore", restore_seconds, "s", "<", TARGET_SECONDS),
    ]
    for line, _held in lines:
        print(line)
    print(f"demo backup size: {size:.1f} MB, {rows:,} rows (no target)")
    return 0 if all(held for _line, held in lines) else 1


if __name__ == "__main__":
    raise SystemExit(main())
