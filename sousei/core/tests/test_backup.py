"""`sousei backup` and `sousei restore`: a round trip gives identical rows and files, a
one-region backup holds nothing of another region, a tampered file or a non-empty database
is refused before anything is written. PostgreSQL here (the test database), SQLite in a
subprocess against fresh files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Cast
from sousei.core.backup.dump import backup_write
from sousei.core.backup.plan import NOT_DATA, backed_up_models, is_region_owned, label
from sousei.core.models import Membership, Region
from sousei.core.scoping import cross_region, region_scope
from sousei.events.tests.factories import event, register
from sousei.hiring.tests.factories import PDF, apply, opening, pdf
from sousei.people.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def region_data(region: Region, n: int) -> None:
    """A little of everything: applications, an event with a registration, an opening with
    an application and its CV (a file under MEDIA_ROOT)."""
    with region_scope(region):
        ApplicationFactory.create_batch(2, region=region)
        register(event(region), n)
        apply(opening(region), n, cv=pdf(content=PDF + f"% {region.slug}\n".encode()))


def every_row() -> dict[str, list[tuple[Any, ...]]]:
    with cross_region("test: compare every table"):
        return {
            label(m): list(m._base_manager.order_by("pk").values_list()) for m in backed_up_models()
        }


def every_file(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def empty_every_table() -> None:
    tables = [m._meta.db_table for m in backed_up_models()]
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):
            cursor.execute(statement)


def test_round_trip_gives_identical_rows_and_files(cast: Cast, media: Path, tmp_path: Path) -> None:
    koga, fukutsu = Region.objects.get(slug="koga"), Region.objects.get(slug="fukutsu")
    region_data(koga, 1)
    region_data(fukutsu, 2)
    rows, files = every_row(), every_file(media)
    assert len(files) == 2
    assert sum(map(len, rows.values())) > 100
    target = tmp_path / "backup.zip"

    with CaptureQueriesContext(connection) as queries:
        call_command("backup", str(target), stdout=StringIO())
    # The snapshot: the transaction's first statement sets its isolation.
    statements = [q["sql"] for q in queries.captured_queries]
    begin = statements.index("BEGIN")
    assert statements[begin + 1] == "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"

    empty_every_table()
    shutil.rmtree(media)
    assert sum(map(len, every_row().values())) == 0
    call_command("restore", str(target), stdout=StringIO())

    assert every_row() == rows
    assert every_file(media) == files
    # Sequences continue after the restored ids.
    with cross_region("test"):
        assert Region.objects.create(code="40220", slug="munakata").pk > max(
            r[0] for r in rows["core.Region"]
        )


def test_a_region_backup_holds_nothing_of_another_region(
    cast: Cast, media: Path, tmp_path: Path
) -> None:
    koga, fukutsu = Region.objects.get(slug="koga"), Region.objects.get(slug="fukutsu")
    region_data(koga, 1)
    region_data(fukutsu, 2)
    target = tmp_path / "koga.zip"
    backup_write(target, region_slug="koga")

    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        tables = {
            t["model"]: [json.loads(line) for line in archive.read(t["member"]).splitlines()]
            for t in manifest["tables"]
        }
        media_names = [m["name"] for m in manifest["media"]]
    assert manifest["scope"] == {"region": "koga"}
    models = {label(m): m for m in backed_up_models()}
    for name, rows in tables.items():
        if is_region_owned(models[name]):
            assert {r["region_id"] for r in rows} <= {koga.pk}, name
    assert [r["slug"] for r in tables["core.Region"]] == ["koga"]
    assert tables["core.Membership"]
    assert tables["hiring.Candidacy"]
    usernames = {r["username"] for r in tables["auth.User"]}
    assert {f"{role}-koga" for role, _slug in cast.users if _slug == "koga"} <= usernames
    assert not {u for u in usernames if u.endswith("-fukutsu")}
    assert "outsider" not in usernames
    assert len(media_names) == 1
    assert media_names[0].startswith(f"cv/{koga.pk}/")
    # The shared reference tables are whole.
    assert len(tables["contenttypes.ContentType"]) == len(every_row()["contenttypes.ContentType"])

    # It restores on its own: every row it holds points at a row it holds.
    empty_every_table()
    call_command("restore", str(target), stdout=StringIO())
    restored = every_row()
    for name, rows in tables.items():
        assert len(restored[name]) == len(rows), name
    assert {r[0] for r in restored["core.Region"]} == {koga.pk}


def test_a_tampered_member_fails_its_checksum_and_nothing_is_written(
    cast: Cast, media: Path, tmp_path: Path
) -> None:
    region_data(Region.objects.get(slug="koga"), 1)
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    backup_write(good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("-auth.User.jsonl"):
                data = data.replace(b'"is_superuser":false', b'"is_superuser":true', 1)
            copy.writestr(item, data)
    empty_every_table()
    with pytest.raises(CommandError, match=r"auth\.User\.jsonl does not match its checksum"):
        call_command("restore", str(bad))
    assert sum(map(len, every_row().values())) == 0


def test_restore_into_a_database_with_regions_is_refused(
    cast: Cast, media: Path, tmp_path: Path
) -> None:
    target = tmp_path / "backup.zip"
    backup_write(target)
    with cross_region("test"):
        Membership.objects.filter(user=cast.user("operator")).delete()
    before = every_row()
    with pytest.raises(CommandError, match=r"already holds regions \(.*koga.*\).*--replace"):
        call_command("restore", str(target))
    assert every_row() == before
    call_command("restore", str(target), "--replace", stdout=StringIO())
    with cross_region("test"):
        assert Membership.objects.filter(user=cast.user("operator")).exists()


def test_a_backup_from_a_newer_schema_is_refused(cast: Cast, tmp_path: Path) -> None:
    good, newer = tmp_path / "good.zip", tmp_path / "newer.zip"
    with pytest.raises(CommandError, match=r"No region 'nowhere'; the regions are: fukutsu, koga"):
        call_command("backup", str(good), "--region", "nowhere")
    assert not list(tmp_path.iterdir())  # no partial file left behind
    backup_write(good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(newer, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"]["core"] = "9999_from_the_future"
                data = json.dumps(manifest).encode()
            copy.writestr(item, data)
    empty_every_table()
    with pytest.raises(CommandError, match=r"newer schema.*core 9999_from_the_future"):
        call_command("restore", str(newer))


SEED = """
from django.core.management import call_command
from sousei.core.scoping import region_scope
from sousei.core.models import Region
call_command("create_region", "40223", "--slug", "koga")
from sousei.hiring.tests.factories import apply, opening, pdf
from sousei.people.tests.factories import ApplicationFactory
region = Region.objects.get()
with region_scope(region):
    ApplicationFactory.create_batch(3, region=region)
    apply(opening(region), 1, cv=pdf())
"""


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows but the ones a backup leaves out (plan.NOT_DATA)."""
    left_out = {apps.get_model(name)._meta.db_table for name in NOT_DATA} | {"sqlite_sequence"}
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name not in left_out
        ]
        return {t: sorted(db.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


@pytest.mark.django_db(transaction=False)
def test_round_trip_on_sqlite(tmp_path: Path) -> None:
    base = {
        **os.environ,
        "SECRET_KEY": "backup-test-" + "x" * 40,
        "DEBUG": "true",
        "SOUSEI_VAR_DIR": str(tmp_path),
    }
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"

    def sousei(database: Path, media: str, *args: str, script: str | None = None) -> str:
        env = {**base, "DATABASE_URL": f"sqlite:///{database}", "SOUSEI_MEDIA_DIR": media}
        command = [sys.executable, "-m", "sousei.cli"]
        if script:
            command = [
                sys.executable,
                "-c",
                "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'sousei.settings'; "
                "django.setup()\n" + script,
            ]
        done = subprocess.run(
            [*command, *args], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    media_first, media_second = str(tmp_path / "media1"), str(tmp_path / "media2")
    sousei(first, media_first, "migrate", "--verbosity", "0")
    shutil.copy(first, second)  # a second freshly migrated database
    sousei(first, media_first, script=SEED)
    out = sousei(first, media_first, "backup", str(tmp_path / "sqlite.zip"))
    assert "1 files written" in out
    out = sousei(second, media_second, "restore", str(tmp_path / "sqlite.zip"))
    assert "1 files restored" in out

    rows = sqlite_rows(first)
    assert len(rows["hiring_candidacy"]) == 1
    assert sqlite_rows(second) == rows
    assert every_file(Path(media_second)) == every_file(Path(media_first))
    digest = hashlib.sha256(next(Path(media_second).rglob("*.pdf")).read_bytes()).hexdigest()
    assert digest == hashlib.sha256(PDF).hexdigest()
