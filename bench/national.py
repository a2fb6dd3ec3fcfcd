"""Benchmark: one region's hot pages at national size (issue 15, part 5) on PostgreSQL.

    .venv/bin/python bench/national.py                   # 50 regions of 1,000 participants
    .venv/bin/python bench/national.py --regions 1741 --jobs 2   # every municipality
    .venv/bin/python bench/national.py --regions 5 --rounds 2 --runs 5

Builds, in its own databases (`sousei_national`, and `sousei_national_one` for the region
alone; both dropped at the start and, unless `--keep`, at the end), one full region: Koga
with `--participants` participants (person, consents, accepted application, participant),
one enrolment each with its progress (bench/at_risk.py: completed, studying on track,
behind or idle, withdrawn, waiting for a seat; three years of study days, then summed into
one progress entry a study week), `--on-projects` of them (those who completed a course) on
ten projects for twelve months with about a session a week (bench/pay_run.py's records),
the twelve monthly pay runs made by the service (eleven completed, the last a draft), a
small recruiting funnel (bench/recruiting_funnel.py: five openings, two events) and an audit
entry a participant (their application's decision) next to those the services wrote. That
database is copied as the region alone; then the region's rows are copied into `--regions`
− 1 real municipalities (core/data/municipalities.csv) with INSERT … SELECT, table by
table, every id shifted and every reference to a region-owned row shifted with it, so each
region is the same size.

It prints, as `<figure>: <value> <unit> (target …) ok|SHORT` (DESIGN.md §9):

- for one region's hot pages and endpoints (applications list, at-risk list, a project's
  ranking, the month's pay run, the recruiting funnel), the median at national size over
  the median with the region alone, timed in alternating rounds against the two databases
  in this one process so that other load on the machine falls on both: target ≤ 1.2×;
- the time to migrate an empty database, the build times, the disk per region and the ten
  largest tables (no targets).

Progress goes to stderr. The exit status is 1 when a ratio misses its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench import at_risk, pay_run, recruiting_funnel  # noqa: E402
from bench.applications_list import (  # noqa: E402 (needs the project on sys.path)
    database_url,
    koga_with_operator,
    say,
    setup_django,
    timed,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sousei_national"
NATIONAL_DB = "sousei_national"
ONE_DB = "sousei_national_one"
BENCH_EMAIL_DOMAIN = at_risk.BENCH_EMAIL_DOMAIN  # the participants are at_risk.build's
RATIO_TARGET = 1.2
PROJECTS = 10
SESSIONS_PER_MONTH = 5  # about one session a week
FIRST_MONTH = dt.date(2025, 12, 1)
MONTHS = 12
CANDIDACIES = 300
CLONE_CHUNK = 100  # regions per INSERT … SELECT
SEED = 2026


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--regions", type=int, default=50, help="regions in all, Koga included (2 to 1,741)"
    )
    parser.add_argument("--participants", type=int, default=1000, help="participants a region")
    parser.add_argument(
        "--on-projects",
        type=float,
        default=0.10,
        help="share of the participants on projects, with twelve months of time records",
    )
    parser.add_argument("--rounds", type=int, default=6, help="rounds, each timing both databases")
    parser.add_argument("--runs", type=int, default=10, help="timed calls per figure and round")
    parser.add_argument(
        "--jobs", type=int, default=1, help="tables copied at once (database connections)"
    )
    parser.add_argument("--keep", action="store_true", help="keep both databases at the end")
    return parser.parse_args(argv)


# --- databases ---------------------------------------------------------------------------


def with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@contextmanager
def maintenance(url: str) -> Iterator[Any]:
    """An autocommit connection to the server's `postgres` database (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(with_name(url, "postgres"), autocommit=True) as conn:
        yield conn


def drop_databases(url: str) -> None:
    with maintenance(url) as conn:
        for name in (ONE_DB, NATIONAL_DB):
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def copy_database(url: str, source: str, target: str) -> None:
    from django.db import connections

    connections.close_all()
    with maintenance(url) as conn:
        conn.execute(f"CREATE DATABASE {target} TEMPLATE {source}")


def use_database(name: str) -> None:
    """Point Django's default connection at `name` (reconnects on the next query)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


# --- the region --------------------------------------------------------------------------


def projects_with_work(region: Any, operator: Any, share: float) -> tuple[list[Any], int]:
    """`share` of the participants (those who completed a course first) on PROJECTS projects
    asking for their course's skills, each with twelve months of approved time records;
    (projects, records)."""
    from sousei.core.models import Organization
    from sousei.core.scoping import region_scope
    from sousei.people.models import Participant
    from sousei.projects.models import Assignment, AssignmentRate, ClientProject, ProjectSkill
    from sousei.training.models import CourseSkill, EnrolmentStatus

    rng = random.Random(SEED)
    last_day = dt.date(FIRST_MONTH.year + 1, FIRST_MONTH.month, 1) - dt.timedelta(days=1)
    with region_scope(region):
        completed = list(
            Participant.objects.filter(enrolments__status=EnrolmentStatus.COMPLETED)
            .order_by("id")
            .values_list("id", flat=True)
            .distinct()
        )
        wanted = round(share * Participant.objects.count())
        if len(completed) < wanted:
            raise SystemExit(f"only {len(completed)} participants completed a course")
        chosen = completed[:wanted]
        skills = list(CourseSkill.objects.values_list("skill_id", "level").distinct())
        client, _ = Organization.objects.get_or_create(
            kind=Organization.Kind.CLIENT, name="株式会社ベンチ全国"
        )
        projects = ClientProject.objects.bulk_create(
            [
                ClientProject(
                    region=region,
                    client=client,
                    title=f"業務自動化案件 {n + 1}",
                    headcount=max(1, wanted // PROJECTS + 5),
                    hours_per_week=10,
                    starts_on=FIRST_MONTH,
                    ends_on=last_day,
                    hourly_rate_jpy=1300,
                    created_by=operator,
                )
                for n in range(PROJECTS)
            ]
        )
        ProjectSkill.objects.bulk_create(
            [
                ProjectSkill(
                    region=region,
                    project=project,
                    skill_id=skill_id,
                    min_level=min(level, 2),
                    required=k == 0,
                )
                for n, project in enumerate(projects)
                for k, (skill_id, level) in enumerate(
                    {s: lv for s, lv in (skills[(n + j) % len(skills)] for j in range(2))}.items()
                )
            ]
        )
        made = Assignment.objects.bulk_create(
            [
                Assignment(
                    region=region,
                    project=projects[n % PROJECTS],
                    participant_id=pid,
                    starts_on=FIRST_MONTH,
                    ends_on=last_day,
                    created_by=operator,
                )
                for n, pid in enumerate(chosen)
            ]
        )
        AssignmentRate.objects.bulk_create(
            [
                AssignmentRate(
                    region=region,
                    assignment=a,
                    effective_from=FIRST_MONTH,
                    hourly_rate_jpy=rng.randrange(1100, 1800, 10),
                )
                for a in made
            ]
        )
    pairs = [(a.pk, a.participant_id) for a in made]
    records = 0
    for month in months():
        records += pay_run.copy_records(
            region.pk, pairs, SESSIONS_PER_MONTH * len(pairs), month=month, rng=rng
        )
    return projects, records


def months() -> list[dt.date]:
    found = []
    month = FIRST_MONTH
    for _ in range(MONTHS):
        found.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return found


def pay_runs(region: Any, operator: Any) -> Any:
    """The twelve monthly runs through the service: eleven completed, the last a draft."""
    from sousei.core.scoping import region_scope
    from sousei.work.services.payroll import pay_run_complete, pay_run_create

    with region_scope(region):
        run = None
        for month in months():
            run = pay_run_create(region=region, month=month, actor=operator)
            if month != months()[-1]:
                pay_run_complete(run=run, actor=operator)
    return run


def recruiting(count: int) -> None:
    """A small funnel through bench/recruiting_funnel.py's loader (its sizes are the module's
    constants, set here for one municipality)."""
    recruiting_funnel.OPENINGS = 5
    recruiting_funnel.EVENTS = 2
    recruiting_funnel.REGISTRATIONS_PER_EVENT = 100
    recruiting_funnel.load(count)


def progress_by_week(region_id: int) -> int:
    """The region's progress entries summed by enrolment and week (one entry a study week,
    dated on the week's last study day, finishing the week's last module finished): the
    minutes studied and the last study day stay what at_risk.build made, at a quarter of the
    rows, so that the country can be built on a small machine. Returns the entries left."""
    from django.db import connection, transaction

    from sousei.training.models import ProgressEntry

    table = ProgressEntry._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_weekly ON COMMIT DROP AS "
            "SELECT enrolment_id, max(date) AS date, sum(minutes) AS minutes, "
            "(array_agg(module_finished_id ORDER BY date DESC, id DESC) "
            "  FILTER (WHERE module_finished_id IS NOT NULL))[1] AS module_finished_id, "
            "max(recorded_at) AS recorded_at "
            f"FROM {table} WHERE region_id = %s "
            "GROUP BY enrolment_id, date_trunc('week', date)",
            [region_id],
        )
        cursor.execute(f"DELETE FROM {table} WHERE region_id = %s", [region_id])
        cursor.execute(
            f"INSERT INTO {table} (region_id, enrolment_id, date, minutes, module_finished_id, "
            "note, recorded_at) SELECT %s, enrolment_id, date, minutes, module_finished_id, '', "
            "recorded_at FROM bench_weekly",
            [region_id],
        )
        return cursor.rowcount


def audit_entries(region: Any, operator: Any) -> int:
    """An entry a participant (the decision on their application), as the service writes
    it, by COPY, next to the services' own entries (pay runs, courses, …)."""
    from django.db import connection, transaction

    from sousei.core.models import AuditEntry
    from sousei.core.scoping import region_scope
    from sousei.training.models import Enrolment

    with region_scope(region):
        rows = list(
            Enrolment.objects.values_list(
                "participant__application_id", "participant__application__submitted_at"
            )
        )
    table = AuditEntry._meta.db_table
    written = 0
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {table} (region_id, actor_id, action, object_type, object_id, changes, at) "
            "FROM STDIN"
        ) as copy,
    ):
        for application_id, submitted in rows:
            at = submitted + dt.timedelta(days=3)
            copy.write_row(
                (
                    region.pk,
                    operator.pk,
                    "application.decide",
                    "application",
                    str(application_id),
                    "{}",
                    at,
                )
            )
            written += 1
    return written


def build_region(participants: int, share: float) -> dict[str, Any]:
    from django.db import connection

    from sousei.core.scoping import scopes_disabled

    with scopes_disabled():
        region, operator, _token = koga_with_operator(BENCH_EMAIL_DOMAIN)
    steps: dict[str, float] = {}
    started = time.perf_counter()
    with scopes_disabled():  # as at_risk.load calls it
        at_risk.build(region, operator, participants, None)
    weekly = progress_by_week(region.pk)
    steps["participants, enrolments, progress"] = time.perf_counter() - started
    mark = time.perf_counter()
    projects, records = projects_with_work(region, operator, share)
    steps["projects and time records"] = time.perf_counter() - mark
    mark = time.perf_counter()
    run = pay_runs(region, operator)
    steps["pay runs"] = time.perf_counter() - mark
    mark = time.perf_counter()
    recruiting(CANDIDACIES)
    audits = audit_entries(region, operator)
    steps["recruiting and audit"] = time.perf_counter() - mark
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    for step, seconds in steps.items():
        say(f"  {step}: {seconds:.1f} s")
    say(
        f"region built: {weekly:,} weekly progress entries, {records:,} time records, "
        f"{audits:,} audit entries added"
    )
    return {
        "region": region,
        "operator": operator,
        "project": projects[0],
        "run": run,
        "seconds": time.perf_counter() - started,
    }


# --- the country -------------------------------------------------------------------------


def region_tables() -> list[Any]:
    """Every concrete region-owned model (bench/impact.py's kind of table included)."""
    from django.apps import apps

    from sousei.core.models import Membership
    from sousei.core.scoping import RegionOwned

    return [
        m
        for m in apps.get_models()
        if issubclass(m, RegionOwned) and not m._meta.proxy and m is not Membership
    ]


def clone_expressions(model: Any, owned: set[Any], strides: dict[Any, int]) -> tuple[str, str]:
    """(column list, SELECT list) copying a row of `model` into region number k.n."""
    from django.db import models

    from sousei.core.models import Region

    columns, values = [], []
    for field in model._meta.concrete_fields:
        column = f'"{field.column}"'
        columns.append(column)
        if field.primary_key and not field.is_relation:
            values.append(f"t.{column} + k.n * {strides[model]}")
        elif field.name == "region":
            values.append("k.region_id")
        elif field.is_relation and field.related_model is Region:
            values.append(
                f"CASE WHEN t.{column} = %(template)s THEN k.region_id ELSE t.{column} END"
            )
        elif field.is_relation and field.related_model in owned:
            values.append(f"t.{column} + k.n * {strides[field.related_model]}")
        elif field.unique and isinstance(field, (models.CharField, models.TextField)):
            values.append(f"t.{column} || '-' || k.n")
        else:
            values.append(f"t.{column}")
    return ", ".join(columns), ", ".join(values)


def clone_regions(template: Any, count: int, jobs: int) -> float:
    """`count` − 1 more regions (real municipalities), each holding a copy of every
    region-owned row of `template`; the seconds it took."""
    from django.db import connection

    from sousei.core.models import Region
    from sousei.core.municipalities import all_municipalities

    started = time.perf_counter()
    others = [m for m in all_municipalities() if m.code != template.code][: count - 1]
    regions = Region.objects.bulk_create(
        [
            Region(
                code=m.code,
                slug=f"r{m.code}",
                name_ja=m.name_ja,
                name_kana=m.name_kana,
                name_en=m.name_en,
                prefecture=m.prefecture,
            )
            for m in others
        ],
        batch_size=500,
    )
    models = region_tables()
    owned = set(models)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_clone")
        cursor.execute("CREATE TABLE bench_clone (n int PRIMARY KEY, region_id bigint)")
        with cursor.copy("COPY bench_clone (n, region_id) FROM STDIN") as copy:
            for n, region in enumerate(regions, start=1):
                copy.write_row((n, region.pk))
        strides = {}
        for model in models:
            pk = model._meta.pk
            if not pk.is_relation:
                cursor.execute(
                    f'SELECT COALESCE(MAX("{pk.column}"), 0) + 1 FROM {model._meta.db_table}'
                )
                strides[model] = cursor.fetchone()[0]
        for model in models:  # a primary key that is a row of another table moves with it
            if model._meta.pk.is_relation:
                strides[model] = strides[model._meta.pk.related_model]
    with connection.cursor() as cursor:
        sizes = {}
        for model in models:
            cursor.execute(
                f"SELECT count(*) FROM {model._meta.db_table} WHERE region_id = %s", [template.pk]
            )
            sizes[model] = cursor.fetchone()[0]
    # Largest first, so that with two jobs the two largest tables are copied side by side.
    work = sorted((m for m in models if sizes[m]), key=lambda m: -sizes[m])
    say(f"copying the region into {len(regions):,} more ({len(work)} tables, {jobs} at once) …")

    def copy_table(model: Any) -> None:
        try:
            clone_table(model, template.pk, len(regions), sizes[model], owned, strides)
        finally:
            connection.close()  # this thread's own

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(copy_table, work))  # re-raises a job's error
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_clone")
        # The region's own rows were vacuumed before the copy and are the same pages in both
        # databases; the copies only need their statistics (autovacuum sees to the rest).
        mark = time.perf_counter()
        cursor.execute("ANALYZE")
        say(f"  ANALYZE in {time.perf_counter() - mark:.1f} s")
    return time.perf_counter() - started


def clone_table(
    model: Any, template: int, regions: int, rows: int, owned: set[Any], strides: dict[Any, int]
) -> None:
    """Copy the template region's rows of `model` into regions 1 … `regions` of bench_clone,
    chunk by chunk, then rebuild the indexes dropped for the copy and move the id sequence."""
    from django.db import connection, transaction

    table = model._meta.db_table
    columns, values = clone_expressions(model, owned, strides)
    mark = time.perf_counter()
    indexes = secondary_indexes(table)
    for first in range(1, regions + 1, CLONE_CHUNK):
        with transaction.atomic(), connection.cursor() as cursor:
            # The copies are consistent by construction: skip the foreign-key triggers.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {values} "
                f"FROM {table} t CROSS JOIN bench_clone k "
                "WHERE t.region_id = %(template)s AND k.n BETWEEN %(first)s AND %(last)s",
                {"template": template, "first": first, "last": first + CLONE_CHUNK - 1},
            )
    copied = time.perf_counter() - mark
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if through._meta.auto_created:
            clone_through(through, model, owned, strides, template)
    with connection.cursor() as cursor:
        if not model._meta.pk.is_relation:
            column = model._meta.pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f'(SELECT MAX("{column}") FROM {table}))'
            )
    say(
        f"  {table}: {rows * regions:,} rows in {copied:.1f} s, "
        f"{len(indexes)} indexes rebuilt in {time.perf_counter() - mark - copied:.1f} s"
    )


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """Drop the table's indexes that back no constraint (rebuilt after the copy: one sort is
    far cheaper than a million insertions); (name, definition) of each."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
            [table],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return found


def clone_through(
    through: Any, owner: Any, owned: set[Any], strides: dict[Any, int], template: int
) -> None:
    """The rows of an automatic many-to-many table whose owner is a region-owned row."""
    from django.db import connection, transaction

    table = through._meta.db_table
    columns, values, owner_column = [], [], ""
    for field in through._meta.concrete_fields:
        if field.primary_key:
            continue
        column = f'"{field.column}"'
        columns.append(column)
        if field.related_model is owner:
            owner_column = column
        if field.related_model in owned:
            values.append(f"t.{column} + k.n * {strides[field.related_model]}")
        else:
            values.append(f"t.{column}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
            f"FROM {table} t JOIN {owner._meta.db_table} o ON o.id = t.{owner_column} "
            "CROSS JOIN bench_clone k WHERE o.region_id = %s",
            [template],
        )


# --- measuring ---------------------------------------------------------------------------


def hot_calls(built: dict[str, Any]) -> tuple[Callable[[], None], dict[str, Callable[[], Any]]]:
    """(signing in, the region's hot pages and endpoints) as the operator calls them, in
    process through Django's test client (the pay run through its service)."""
    from django.test import Client

    from sousei.core.scoping import region_scope
    from sousei.work.services.payroll import pay_run_create

    region, operator = built["region"], built["operator"]
    client = Client()
    api = f"/api/v1/regions/{region.slug}"

    def get(path: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(api + path)
            assert response.status_code == 200, (path, response.status_code, response.content[:200])

        return call

    def pay() -> None:
        with region_scope(region):
            pay_run_create(region=region, month=built["run"].month, actor=operator)

    def sign_in() -> None:
        client.force_login(operator)

    return sign_in, {
        "applications list, page 1": get("/applications"),
        "applications list, a name search": get("/applications?q=%E5%B1%B1%E7%94%B0"),
        "at-risk list, page 1": get("/enrolments/at-risk"),
        "a project's ranking": get(f"/projects/{built['project'].pk}/candidates"),
        "the month's pay run (recomputing the draft)": pay,
        "recruiting funnel": get("/recruiting/funnel"),
    }


def measure(
    sign_in: Callable[[], None], calls: dict[str, Callable[[], Any]], rounds: int, runs: int
) -> dict[str, list[tuple[float, float]]]:
    """Each call's median against the region alone and at national size, round by round:
    the two databases alternate call by call (which goes first alternates too), so that a
    change in the machine's load falls on both halves of a round."""
    found: dict[str, list[tuple[float, float]]] = {}
    for name, call in calls.items():
        found[name] = []
        for n in range(rounds):
            medians = {}
            for db in (ONE_DB, NATIONAL_DB) if n % 2 == 0 else (NATIONAL_DB, ONE_DB):
                use_database(db)
                sign_in()  # the session lives in the database
                medians[db] = statistics.median(timed(call, runs))
            found[name].append((medians[ONE_DB], medians[NATIONAL_DB]))
        say(f"  {name}: done")
    return found


def ratio_line(name: str, rounds: list[tuple[float, float]], regions: int) -> tuple[str, bool]:
    """The median over the rounds of each round's ratio (national / alone)."""
    ratio = statistics.median(national / one for one, national in rounds)
    one = statistics.median(one for one, _national in rounds)
    national = statistics.median(national for _one, national in rounds)
    held = ratio <= RATIO_TARGET
    return (
        f"{name}, {regions:,} regions / 1 region: {ratio:.2f}× ({national:.1f} ms / {one:.1f} ms)"
        f" (target ≤ {RATIO_TARGET}×) {'ok' if held else 'SHORT'}",
        held,
    )


def sizes(url: str, regions: int) -> list[str]:
    from django.db import connection

    lines = []
    with maintenance(url) as conn:
        one, national = (
            conn.execute("SELECT pg_database_size(%s)", [name]).fetchone()[0]
            for name in (ONE_DB, NATIONAL_DB)
        )
    per_region = (national - one) / max(1, regions - 1)
    lines.append(f"database size: {national / 2**30:.2f} GiB at {regions:,} regions")
    lines.append(f"disk per region: {per_region / 2**20:.1f} MiB")
    use_database(NATIONAL_DB)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid), "
            "c.reltuples::bigint FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND s.nspname = 'public' ORDER BY 2 DESC LIMIT 10"
        )
        for table, total, heap, rows in cursor.fetchall():
            lines.append(
                f"largest table {table}: {total / 2**20:,.0f} MiB ({heap / 2**20:,.0f} MiB "
                f"rows, the rest indexes), {rows:,} rows"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not 2 <= args.regions <= 1741:
        raise SystemExit("--regions is from 2 to 1,741 (the municipalities of Japan).")
    url = with_name(database_url(DEFAULT_DATABASE_URL), NATIONAL_DB)
    drop_databases(url)
    started = time.perf_counter()
    setup_django(url)
    migrate_seconds = time.perf_counter() - started
    say(f"empty database migrated in {migrate_seconds:.1f} s")
    built = build_region(args.participants, args.on_projects)
    copy_database(url, NATIONAL_DB, ONE_DB)
    use_database(NATIONAL_DB)
    cloned = clone_regions(built["region"], args.regions, args.jobs)
    say(f"country built in {cloned:.0f} s")

    sign_in, calls = hot_calls(built)
    say(f"measuring ({args.rounds} rounds × {args.runs} runs, alternating databases) …")
    times = measure(sign_in, calls, args.rounds, args.runs)
    results = [ratio_line(name, rounds, args.regions) for name, rounds in times.items()]
    for line, _ok in results:
        print(line)
    print(f"migrating an empty database: {migrate_seconds:.1f} s (with Django's start-up)")
    print(f"building the region: {built['seconds']:.0f} s")
    print(f"copying it into {args.regions - 1:,} more regions: {cloned:.0f} s")
    for line in sizes(url, args.regions):
        print(line)
    if not args.keep:
        from django.db import connections

        connections.close_all()
        drop_databases(url)
    return 0 if all(ok for _line, ok in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
