"""The stream's URL for the ASGI entry point (sousei/asgi.py): /api/v1/regions/{slug}/stream."""

import re

STREAM_PATHS = re.compile(r"^/api/v1/regions/[-a-zA-Z0-9_]+/stream/?$")
