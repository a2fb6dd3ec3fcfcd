"""CSV downloads as Japanese spreadsheets open them: UTF-8 with a byte-order mark (so Excel
reads the Japanese), every cell through `text.spreadsheet_row` (so a value starting with =, +,
- or @ is never run as a formula), rows ending in CRLF as RFC 4180 and Excel expect."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from sousei.core import clock, text


def csv_download(
    filename: str, header: Sequence[object], rows: Iterable[Iterable[object]]
) -> HttpResponse:
    """The file `filename` with the header row and the rows (None is an empty cell)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(text.spreadsheet_row(header))
    for row in rows:
        writer.writerow(text.spreadsheet_row("" if value is None else value for value in row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dated(name: str, extension: str) -> str:
    """`name-YYYYMMDD.extension`, dated today in Japan."""
    return f"{name}-{clock.today():%Y%m%d}.{extension}"
