"""A refused request is logged in one line; a server error keeps its traceback."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest
from django.test import Client

from conftest import Cast
from sousei.core.logs import ClientErrorsInOneLine


def record(status: int) -> logging.LogRecord:
    try:
        raise PermissionError("refused")
    except PermissionError:
        made = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "x", (), None)
        made.exc_info = sys.exc_info()
        made.status_code = status
        return made


def test_a_4xx_loses_its_traceback_and_a_5xx_keeps_it() -> None:
    refused, failed = record(403), record(500)
    ClientErrorsInOneLine().filter(refused)
    ClientErrorsInOneLine().filter(failed)
    assert refused.exc_info is None
    assert failed.exc_info is not None


def test_the_console_handler_uses_the_filter() -> None:
    """settings.LOGGING puts the filter on the handler every record goes through."""
    from django.conf import settings

    logging_config: dict[str, Any] = settings.LOGGING
    console = logging_config["handlers"]["console"]
    assert "client_errors_in_one_line" in console["filters"]
    configured = logging_config["filters"]["client_errors_in_one_line"]["()"]
    assert configured == "sousei.core.logs.ClientErrorsInOneLine"


@pytest.mark.django_db
def test_a_refused_page_is_logged_with_its_status_so_the_filter_applies(
    cast: Cast, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    client.force_login(cast.user("participant"))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/r/koga/audit/").status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [getattr(r, "status_code", None) for r in records] == [403]
    ClientErrorsInOneLine().filter(records[0])
    assert len(logging.Formatter().format(records[0]).splitlines()) == 1
