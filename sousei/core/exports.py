"""CSV downloads as Japanese spreadsheets open them: UTF-8 with a byte-order mark (so Excel
reads the Japanese), every cell through `text.spreadsheet_row` (so a value starting with =, +,
- or @ is never run as a formula), and a dated file name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from sousei.core import clock, text


def csv_download(
    name: str, header: Sequence[object], rows: Iterable[Iterable[object]]
) -> HttpResponse:
    """`name-YYYYMMDD.csv` with the header row and the rows (None is an empty cell)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(text.spreadsheet_row(header))
    for row in rows:
        writer.writerow(text.spreadsheet_row("" if value is None else value for value in row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = clock.today().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response
