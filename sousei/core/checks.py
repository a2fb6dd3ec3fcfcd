"""Startup checks: a server with DEBUG off refuses the development SECRET_KEY.

Management commands (runserver, migrate, db_worker, `sousei demo`, check) run the system
check below; the WSGI and ASGI entry points, which run none, call
:func:`refuse_development_secret_key` themselves. Tests and type checking load the settings
without starting anything, so they may keep the development key.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY_REFUSED = (
    "SECRET_KEY is not set, and the development key may only be used with DEBUG on. "
    "Set SECRET_KEY to a long random value kept secret, e.g. the output of "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` "
    "(or set DEBUG=true on a developer's machine)."
)


def development_secret_key_in_use() -> bool:
    return bool(settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY and not settings.DEBUG)


@register(Tags.security)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if development_secret_key_in_use():
        return [Error(DEVELOPMENT_KEY_REFUSED, id="sousei.E001")]
    return []


def refuse_development_secret_key() -> None:
    """Stop a server's start when it would sign with the public development key."""
    if development_secret_key_in_use():
        raise ImproperlyConfigured(DEVELOPMENT_KEY_REFUSED)
