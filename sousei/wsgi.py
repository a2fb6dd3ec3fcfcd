"""WSGI entry point (gunicorn sousei.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sousei.settings")
application = get_wsgi_application()

# A server runs no system checks: refuse the public development key here.
from sousei.core.checks import refuse_development_secret_key  # noqa: E402

refuse_development_secret_key()
