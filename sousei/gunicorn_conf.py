"""The web server's configuration: gunicorn with threaded workers, for the demo and production.

    gunicorn -c python:sousei.gunicorn_conf                 # production (binds WEB_BIND)
    sousei demo --port 8000                                 # the same server, on 127.0.0.1:8000

Each of WEB_WORKERS processes runs WEB_THREADS threads (gunicorn's gthread worker), so the server
answers at most workers × threads requests at a time; further connections wait in the
listen backlog and the workers' queues instead of being reset. Each thread keeps at most one
database connection (Django's connections are per thread; DB_CONN_MAX_AGE in settings.py), so
the server holds at most WEB_WORKERS × WEB_THREADS connections — 2 × 8 = 16 by default — plus
one for each `sousei db_worker` and cron command. Keep that total under PostgreSQL's
`max_connections` (100 by default) when raising either number.

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


wsgi_app = "sousei.wsgi:application"
bind = [env_str("WEB_BIND", "127.0.0.1:8000")]
worker_class = "gthread"
workers = env_count("WEB_WORKERS", 2)
threads = env_count("WEB_THREADS", 8)
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
