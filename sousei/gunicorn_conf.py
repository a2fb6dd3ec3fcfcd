"""The web server's configuration: gunicorn managing uvicorn workers (ASGI), for the demo and
production.

    gunicorn -c python:sousei.gunicorn_conf                 # production (binds WEB_BIND)
    sousei demo --port 8000                                 # the same server, on 127.0.0.1:8000

Each of WEB_WORKERS processes runs one event loop (uvicorn), which holds the live streams
(a thousand idle connections cost a small queue each) and runs the pages' and the API's sync
views on threads (Django gives each request one). What bounds the work at a time is the
database pool: on PostgreSQL each process borrows at most DB_POOL_MAX_SIZE connections
(WEB_THREADS, 8, by default; settings.py), and a request waits for a free one rather than
failing, so the server holds at most WEB_WORKERS × DB_POOL_MAX_SIZE connections — 2 × 8 = 16
by default — plus one for each `sousei db_worker` and cron command. The live stream holds
none while it is open (docs/adr/0003-live-updates.md).

The in-process live broker reaches only its own process: with more than one worker it is
refused at start (set SOUSEI_LIVE_BROKER=redis://…, or WEB_WORKERS=1).

The numbers are read strictly, like every setting: a value that is not a whole number of at
least 1 stops the start with an error naming the variable.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from sousei.settings import env_int, env_str


def env_count(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name}={value} must be at least 1.")
    return value


wsgi_app = "sousei.asgi:application"
bind = [env_str("WEB_BIND", "127.0.0.1:8000")]
worker_class = "uvicorn_worker.UvicornWorker"
workers = env_count("WEB_WORKERS", 2)
threads = env_count("WEB_THREADS", 8)


def live_broker_check(workers: int, broker_url: str) -> None:
    """The in-process broker cannot reach a second process: refuse the combination."""
    if workers > 1 and not broker_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"WEB_WORKERS={workers} with the in-process live broker: a message posted in one "
            "worker would never reach streams held by another. Set "
            "SOUSEI_LIVE_BROKER=redis://127.0.0.1:6379/0, or WEB_WORKERS=1."
        )


def on_starting(server: object) -> None:
    """gunicorn's first hook, in the master before any worker starts."""
    live_broker_check(workers, env_str("SOUSEI_LIVE_BROKER", ""))


# A worker whose main loop is silent this long is restarted (requests run in its threads).
timeout = env_count("WEB_TIMEOUT", 30)
# On SIGTERM (a deploy), requests under way get this long to finish.
graceful_timeout = timeout
# Behind a reverse proxy that reuses its connections to the app.
keepalive = 5
# Errors to stderr; no access log here, since page URLs carry registration tokens: the
# reverse proxy logs requests where the operator decides how long to keep them.
errorlog = "-"
loglevel = env_str("WEB_LOG_LEVEL", "warning")
proc_name = "sousei"
# gunicorn ≥ 25 opens a control socket at one fixed path per user ($HOME/.gunicorn/gunicorn.ctl)
# unless told not to; nothing here uses it, and two servers of one user would share the path.
control_socket_disable = True
