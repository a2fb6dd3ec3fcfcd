"""One server for the demo and production, configured from the environment strictly, and the
databases set up for concurrent requests."""

from __future__ import annotations

import importlib
import os
import runpy
import secrets
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from bench.demo_burst import free_port
from sousei import gunicorn_conf
from sousei.demo.management.commands.demo import server_command
from sousei.settings import process_name

SETTINGS = Path(__file__).resolve().parents[2] / "settings.py"


@pytest.fixture
def server_conf(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """gunicorn's configuration as the server reads it; read again after the test's changes."""
    for name in ("WEB_WORKERS", "WEB_THREADS", "WEB_TIMEOUT", "WEB_BIND", "SOUSEI_LIVE_BROKER"):
        monkeypatch.delenv(name, raising=False)
    yield gunicorn_conf
    monkeypatch.undo()
    importlib.reload(gunicorn_conf)


def database_settings(monkeypatch: pytest.MonkeyPatch, url: str) -> dict[str, Any]:
    """The settings file read again with another DATABASE_URL (and a production key)."""
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", "settings-test-" + "k" * 50)
    return runpy.run_path(str(SETTINGS))["DATABASES"]["default"]


def test_the_demo_serves_with_the_production_server_and_configuration() -> None:
    assert server_command()[1:] == ["-m", "gunicorn", "--config", "python:sousei.gunicorn_conf"]
    # ASGI, so one process holds the live streams (docs/adr/0003-live-updates.md).
    assert gunicorn_conf.wsgi_app == "sousei.asgi:application"
    assert gunicorn_conf.worker_class == "uvicorn_worker.UvicornWorker"
    # Two servers of one user would share gunicorn's default control socket.
    assert gunicorn_conf.control_socket_disable is True


def test_workers_threads_and_address_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, server_conf: ModuleType
) -> None:
    assert (importlib.reload(server_conf).workers, server_conf.threads) == (2, 8)
    monkeypatch.setenv("WEB_WORKERS", "3")
    monkeypatch.setenv("WEB_THREADS", " 4 ")
    monkeypatch.setenv("WEB_TIMEOUT", "60")
    monkeypatch.setenv("WEB_BIND", "0.0.0.0:9000")
    conf = importlib.reload(server_conf)
    assert (conf.workers, conf.threads, conf.timeout, conf.bind) == (3, 4, 60, ["0.0.0.0:9000"])


@pytest.mark.parametrize(
    ("name", "value"),
    [("WEB_WORKERS", "two"), ("WEB_THREADS", "0"), ("WEB_WORKERS", "-1"), ("WEB_TIMEOUT", "3.5")],
)
def test_a_server_number_that_is_not_a_count_stops_the_start_naming_it(
    monkeypatch: pytest.MonkeyPatch, server_conf: ModuleType, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        importlib.reload(server_conf)


def test_the_demo_stops_at_a_wrong_server_setting_before_it_migrates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delitem(sys.modules, "sousei.gunicorn_conf")  # read afresh, as a new process does
    monkeypatch.setenv("WEB_THREADS", "eight")
    monkeypatch.setattr(settings, "VAR_DIR", tmp_path / "var")
    with pytest.raises(CommandError, match="WEB_THREADS='eight' is not a whole number"):
        call_command("demo", port=free_port())
    assert not (tmp_path / "var").exists()


def test_sqlite_is_set_up_for_concurrent_requests(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    database = database_settings(monkeypatch, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    options = database["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    pragmas = {p.strip() for p in options["init_command"].split(";")}
    assert pragmas == {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"}


def test_postgresql_connections_come_from_a_pool_bounded_by_the_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under ASGI each request runs on a thread of its own, so connections are pooled per
    process instead of kept per thread (see settings.py)."""
    monkeypatch.delenv("DB_POOL_MAX_SIZE", raising=False)
    monkeypatch.delenv("WEB_THREADS", raising=False)
    database = database_settings(monkeypatch, "postgres://u@db.example/sousei")
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"]["max_size"] == 8
    monkeypatch.setenv("DB_POOL_MAX_SIZE", "0")
    assert "pool" not in database_settings(monkeypatch, "postgres://u@db.example/s")["OPTIONS"]
    assert "transaction_mode" not in database["OPTIONS"]


def test_a_single_threaded_process_holds_one_pooled_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The budget counts one connection for the task worker and each cron command. A pool that
    opened a connection ahead (min_size 1) raced the first request's and held two."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("no PostgreSQL server: DATABASE_URL points elsewhere")
    from psycopg_pool import ConnectionPool

    database = database_settings(monkeypatch, url)
    name = f"sousei pool test {secrets.token_hex(4)}"
    conninfo = psycopg.conninfo.make_conninfo(
        dbname="postgres", host=database["HOST"], port=database["PORT"], user=database["USER"]
    )
    pool = ConnectionPool(
        conninfo, kwargs={"application_name": name}, open=True, **database["OPTIONS"]["pool"]
    )
    try:
        for _ in range(20):  # a worker's tasks, one after another
            with pool.connection() as connection:
                connection.execute("select 1")
        time.sleep(0.3)  # room for a connection opened ahead in the background to show
        with psycopg.connect(conninfo, autocommit=True) as watch:
            row = watch.execute(
                "select count(*) from pg_stat_activity where application_name = %s", (name,)
            ).fetchone()
        assert row == (1,)
    finally:
        pool.close()


def test_each_process_names_itself_to_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGAPPNAME", raising=False)
    named = database_settings(monkeypatch, "postgres://u@db.example/sousei")
    assert named["OPTIONS"]["application_name"].startswith("sousei ")
    given = database_settings(monkeypatch, "postgres://u@db.example/s?application_name=ops")
    assert given["OPTIONS"]["application_name"] == "ops"
    assert process_name(["/v/lib/python3.11/site-packages/gunicorn/__main__.py"]) == (
        "sousei gunicorn"
    )
    assert process_name(["/srv/sousei/manage.py", "db_worker", "--interval", "2"]) == (
        "sousei db_worker"
    )
    assert process_name(["/v/bin/sousei", "send_reminders"]) == "sousei send_reminders"
    assert process_name([]) == "sousei python"


def test_the_in_process_live_broker_is_refused_with_more_than_one_worker(
    monkeypatch: pytest.MonkeyPatch, server_conf: ModuleType
) -> None:
    conf = importlib.reload(server_conf)
    with pytest.raises(ImproperlyConfigured, match="SOUSEI_LIVE_BROKER=redis"):
        conf.on_starting(None)
    monkeypatch.setenv("SOUSEI_LIVE_BROKER", "redis://127.0.0.1:6379/0")
    importlib.reload(server_conf).on_starting(None)
    monkeypatch.delenv("SOUSEI_LIVE_BROKER")
    monkeypatch.setenv("WEB_WORKERS", "1")
    importlib.reload(server_conf).on_starting(None)
