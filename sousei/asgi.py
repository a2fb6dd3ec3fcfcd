"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sousei.settings")
application = get_asgi_application()

# A server runs no system checks: refuse the public development key here.
from sousei.core.checks import refuse_development_secret_key  # noqa: E402

refuse_development_secret_key()
