"""Log records, kept readable: a refused request is one line.

Django logs every 4xx that a view raised (PermissionDenied, Http404) with the exception's
traceback; a test run or a scan by an attacker then fills the log with thousands of
tracebacks that say nothing (a 403 is the access rule working). Server errors keep theirs.
"""

from __future__ import annotations

import logging


class ClientErrorsInOneLine(logging.Filter):
    """Drops the traceback from records of responses below 500."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
