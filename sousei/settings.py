"""Settings for Sousei: one file, typed environment helpers, SQLite by default.

Every value a deployment may change comes from the environment; the README lists them.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting. A typo is an error, not a silent "no" (DEBUG=ture must not quietly
    mean DEBUG off, nor SECURE_COOKIES=flase quietly mean secure cookies off)."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value. Use one of: "
        f"{', '.join(sorted(TRUE_WORDS | FALSE_WORDS))}."
    )


def env_int(name: str, default: int) -> int:
    """A whole-number setting; anything else is an error that names the variable."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def process_name(argv: list[str]) -> str:
    """What this process is, for the database's list of connections: `sousei gunicorn` for
    `python -m gunicorn`, `sousei db_worker` for `sousei db_worker` or `python -m sousei.manage
    db_worker`."""
    program = Path(argv[0]) if argv else Path("python")
    name = program.parent.name if program.name == "__main__.py" else program.stem
    if name in {"sousei", "manage"} and len(argv) > 1:
        name = argv[1]
    return f"sousei {name}"[:63]  # PostgreSQL keeps 63 bytes of it


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """The header a TLS-terminating proxy sets to say the request came over https, e.g.
    X-Forwarded-Proto (Django then trusts `X-Forwarded-Proto: https`). Only set it behind a
    proxy that overwrites the header: a client could send it otherwise."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a header name. Give the header your proxy sets to "
            "'https', e.g. X-Forwarded-Proto."
        )
    return "HTTP_" + value.upper().replace("-", "_"), "https"


DEBUG = env_bool("DEBUG", False)
# Signs sessions, CSRF tokens and the links in e-mails. The development key is public (it is
# in this file): a server with DEBUG off refuses to start with it (sousei/core/checks.py), so
# production must set its own. Tools that serve nothing (tests, mypy) may load it.
DEVELOPMENT_SECRET_KEY = "dev-only-not-secret-sousei-change-me-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", "").strip() or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "http://127.0.0.1,http://localhost")

# Secure cookies outside debug; the demo serves plain http on 127.0.0.1, so it opts out.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS in production. Strict-Transport-Security is sent only on https responses, so the
# one-year default outside debug does not affect the demo on plain http; subdomains and the
# browsers' preload list are the deployment's choice (they bind every host of the domain).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured(
        f"SECURE_HSTS_SECONDS={SECURE_HSTS_SECONDS} is negative. Use 0 to send no "
        "Strict-Transport-Security header, or a number of seconds such as 31536000 (a year)."
    )
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Off by default: the demo serves plain http. In production either this or the proxy in
# front redirects http to https.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "sousei.core",
    "sousei.people",
    "sousei.training",
    "sousei.projects",
    "sousei.careers",
    "sousei.work",
    "sousei.spaces",
    "sousei.events",
    "sousei.hiring",
    "sousei.impact",
    "sousei.inquiries",
    "sousei.workplace",
    "sousei.webhooks",
    "sousei.privacy",
    "sousei.portal",
    "sousei.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sousei.urls"
WSGI_APPLICATION = "sousei.wsgi.application"
ASGI_APPLICATION = "sousei.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sousei.core.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR = Path(env_str("SOUSEI_VAR_DIR", str(PROJECT_DIR / "var")))
# Connections: the server is ASGI (uvicorn workers under gunicorn, sousei/gunicorn_conf.py), and
# Django runs each request's sync code on a thread of its own that ends with the request, so a
# connection kept past its request would be left behind with its thread: DB_CONN_MAX_AGE is 0
# (one connection per request, closed at its end). On PostgreSQL psycopg's pool is on instead
# (per worker process; a request borrows a connection and gives it back at its end), at most
# DB_POOL_MAX_SIZE connections (WEB_THREADS, 8, by default; 0 turns the pool off): the server
# then holds at most WEB_WORKERS × DB_POOL_MAX_SIZE, plus one for each `sousei db_worker` and
# cron command — keep that under PostgreSQL's max_connections.
# The live stream holds no connection while it is open (docs/adr/0003-live-updates.md).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'sousei.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database under concurrent requests: readers never wait for the writer (WAL),
    # a transaction takes the write lock when it begins rather than failing with "database is
    # locked" when a read turns into a write (IMMEDIATE), and a writer waits up to 20 s for
    # another instead of failing at once (timeout). synchronous=NORMAL is safe with WAL: a power
    # cut may lose the last commits, never corrupt the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_sousei")}
    # Short OLTP queries on data that fits in memory: random reads cost about as much as
    # sequential ones (the 4.0 default assumes spinning disks), and parallel workers only
    # take cores from other requests.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env_str(
        "PG_OPTIONS", "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0"
    )
    # pg_stat_activity names the process holding each connection (`sousei gunicorn`,
    # `sousei db_worker`, …), so a connection count over budget says whose it is. A name
    # given in DATABASE_URL (?application_name=) or PGAPPNAME wins.
    DATABASES["default"]["OPTIONS"].setdefault(
        "application_name", os.environ.get("PGAPPNAME") or process_name(sys.argv)
    )
    DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", env_int("WEB_THREADS", 8))
    if DB_POOL_MAX_SIZE > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"]["pool"] = {
            # No connection opened ahead: with min_size 1 the pool's own first connection
            # races the first request's, which then opens a second, so a single-threaded
            # process (the task worker, a cron command) held two where the budget counts one.
            "min_size": 0,
            "max_size": DB_POOL_MAX_SIZE,
            # A request waits this long for a free connection before failing.
            "timeout": 10,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend refuses locked-out username/IP pairs before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"

# Failed sign-ins are throttled three ways, each with its own limit within the cool-off
# (sousei/core/lockout.py): per username and address, per username from any address (higher),
# and per address across usernames (against spraying). Attempts during a lockout are not
# counted, so they do not extend it.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
SIGNIN_FAILURE_LIMITS = {
    ("username", "ip_address"): AXES_FAILURE_LIMIT,
    ("username",): env_int("SIGNIN_FAILURE_LIMIT_PER_USERNAME", 20),
    ("ip_address",): env_int("SIGNIN_FAILURE_LIMIT_PER_ADDRESS", 30),
}
if min(SIGNIN_FAILURE_LIMITS.values()) < 1:
    raise ImproperlyConfigured(
        "AXES_FAILURE_LIMIT, SIGNIN_FAILURE_LIMIT_PER_USERNAME and "
        "SIGNIN_FAILURE_LIMIT_PER_ADDRESS must each be at least 1."
    )
AXES_LOCKOUT_PARAMETERS = [list(parameters) for parameters in SIGNIN_FAILURE_LIMITS]
AXES_HANDLER = "sousei.core.lockout.SignInThrottle"
# Behind proxies, the client's address is in X-Forwarded-For; say how many proxies append to
# it (0: the connection's address, which behind a proxy is the proxy's, for everyone).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "sousei.core.lockout.client_address"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (candidates' CVs) live here under random names; they are served only by
# views that check the caller's role, never from a public URL (so no MEDIA_URL).
MEDIA_ROOT = Path(env_str("SOUSEI_MEDIA_DIR", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# A strict Content-Security-Policy: no inline scripts or styles, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Background work (notifications, e-mail) is queued in the database and run by
# `sousei db_worker`; TASKS_BACKEND=immediate runs it inline (the demo server, tests).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env_str("TASKS_BACKEND", "database")],
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sousei <noreply@sousei.example.jp>")

SOUSEI_DEMO_PASSWORD = env_str("SOUSEI_DEMO_PASSWORD", "sousei-demo-2026")
# The site's public address, for links in e-mails sent by background tasks (no request there).
SOUSEI_SITE_URL = env_str("SOUSEI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SOUSEI_API_PAGE_SIZE = env_int("SOUSEI_API_PAGE_SIZE", 50)
# Live updates (sousei/workplace/live): empty for the in-process broker (one server process,
# the demo), redis://host:6379/0 for Redis pub/sub (production, any number of processes).
SOUSEI_LIVE_BROKER = env_str("SOUSEI_LIVE_BROKER", "")
# A stream is closed after this long and the browser reconnects with its cursor.
SOUSEI_LIVE_MAX_SECONDS = env_int("SOUSEI_LIVE_MAX_SECONDS", 1800)
SOUSEI_API_TOKEN_TTL = timedelta(days=env_int("SOUSEI_API_TOKEN_DAYS", 30))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_in_one_line": {"()": "sousei.core.logs.ClientErrorsInOneLine"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_in_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
AXES_LOCKOUT_CALLABLE = "sousei.core.lockout.lockout_response"
