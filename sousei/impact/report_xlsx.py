"""The impact report as an Excel workbook: one sheet per table (概要, KPI, KPI推移,
ファネル(コホート), 月次推移, 定義), each headed by the region, the period and when it was
made. Plain data in (`ImpactReport`), bytes out; no ORM.

Counts are integers, yen integers with a ¥ number format, rates numbers with one decimal, so
the city can compute with them; a hidden figure is the text "x" (never a number) and a note
row under the table says what x means.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sousei.core.text import spreadsheet_cell
from sousei.impact.definitions import DAYS, PEOPLE, PERCENT, YEN
from sousei.impact.report import (
    GRADE,
    HIDDEN_MARK,
    ImpactReport,
    Item,
    Table,
    figures_text,
    generated_text,
    hidden_note,
    period_text,
    tables,
    title_text,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NUMBER_FORMATS = {
    PEOPLE: "#,##0",
    DAYS: "#,##0",
    YEN: '"¥"#,##0',
    PERCENT: "0.0",
}
_HEADING_FILL = PatternFill("solid", fgColor="DDE5F0")
_BOLD = Font(bold=True)


def sheet_names() -> dict[str, str]:
    """Each table's sheet (at most 31 characters, none of []:*?/\\)."""
    return {
        "summary": pgettext("workbook sheet", "Summary"),
        "kpis": pgettext("workbook sheet", "KPI"),
        "kpi_history": pgettext("workbook sheet", "KPI by year"),
        "cohorts": pgettext("workbook sheet", "Funnel (cohorts)"),
        "trend": pgettext("workbook sheet", "Monthly trend"),
        "definitions": pgettext("workbook sheet", "Definitions"),
    }


def _put(sheet: Worksheet, row: int, column: int, item: Item) -> None:
    cell = sheet.cell(row=row, column=column)
    if item.hidden:
        cell.value = HIDDEN_MARK
        cell.alignment = Alignment(horizontal="right")
        return
    value: Any = item.value
    cell.value = spreadsheet_cell(value)
    if item.unit in NUMBER_FORMATS and isinstance(value, int | float):
        cell.number_format = NUMBER_FORMATS[item.unit]
    elif item.unit == GRADE:
        cell.alignment = Alignment(horizontal="center")
    else:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(book: Workbook, name: str, report: ImpactReport, table: Table) -> None:
    sheet = book.create_sheet(name)
    heading_lines = [
        title_text(report),
        table.title,
        _("Period: %(period)s") % {"period": period_text(report)},
        _("Made: %(moment)s") % {"moment": generated_text(report)},
        figures_text(report),
    ]
    for row, line in enumerate(heading_lines, start=1):
        sheet.cell(row=row, column=1, value=spreadsheet_cell(line))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1).font = Font(bold=True, size=12)
    first = len(heading_lines) + 2
    for column, heading in enumerate(table.headings, start=1):
        cell = sheet.cell(row=first, column=column, value=spreadsheet_cell(heading))
        cell.font = _BOLD
        cell.fill = _HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    row = first
    for row, items in enumerate(table.rows, start=first + 1):
        for column, item in enumerate(items, start=1):
            _put(sheet, row, column, item)
    if table.total is not None:
        row += 1
        for column, item in enumerate(table.total, start=1):
            _put(sheet, row, column, item)
            sheet.cell(row=row, column=column).font = _BOLD
    if table.anything_hidden:
        sheet.cell(row=row + 2, column=1, value=hidden_note())
    sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
    widths = _widths(table)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _widths(table: Table) -> list[float]:
    """Column widths from the longest heading or value (Japanese characters count double)."""

    def size(text: str) -> int:
        return sum(2 if ord(char) > 0x2E7F else 1 for char in text)

    widths = []
    for column, heading in enumerate(table.headings):
        longest = max([size(heading), *(size(str(row[column].value or "")) for row in table.rows)])
        widths.append(float(min(max(longest + 2, 10), 60)))
    return widths


def report_workbook(report: ImpactReport) -> bytes:
    """The workbook's bytes: a sheet per table, in the report's language."""
    with translation.override(report.language):
        book = Workbook()
        book.remove(book.active)
        names = sheet_names()
        for table in tables(report):
            _sheet(book, names[table.key], report, table)
        moment = report.generated_at.replace(tzinfo=None)
        book.properties.created = moment
        book.properties.modified = moment
        book.properties.title = title_text(report)
        book.properties.creator = "Sousei"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
