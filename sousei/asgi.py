"""ASGI entry point: the whole site under gunicorn's uvicorn workers (sousei/gunicorn_conf.py).
The workplace's live stream is served without a thread per open connection
(sousei/core/asgi.py)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sousei.settings")

from sousei.core.asgi import asgi_application
from sousei.workplace.live.paths import STREAM_PATHS

application = asgi_application(STREAM_PATHS)

# A server runs no system checks: refuse the public development key here.
from sousei.core.checks import refuse_development_secret_key  # noqa: E402

refuse_development_secret_key()
