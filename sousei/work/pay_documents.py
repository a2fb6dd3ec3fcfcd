"""What leaves the system for payroll and for the person: the statement PDF, and the run's
CSV and Excel exports (one row per statement, minutes by kind; the Excel file has a second
sheet with every line). Column headings are Japanese, as a payroll clerk expects them."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import translation

from sousei.core.exports import csv_download
from sousei.core.selectors import program_operator_name
from sousei.core.text import spreadsheet_row
from sousei.work.models.payroll import LineKind, PayRun, PayStatement
from sousei.work.statement_pdf import (
    StatementData,
    StatementLineData,
    render_statement_pdf,
    statement_filename,
)

KINDS = [kind.value for kind in LineKind]


def kind_label_ja(kind: str) -> str:
    with translation.override("ja"):
        return str(LineKind(kind).label)


def statement_data(statement: PayStatement) -> StatementData:
    """Plain values for the PDF (statement with assignment__project__client, person, lines)."""
    person = statement.participant.person
    project = statement.assignment.project
    run = statement.pay_run
    return StatementData(
        month=statement.month,
        person_name=person.full_name,
        person_kana=person.full_name_kana,
        participant_number=f"P{statement.participant_id:06d}",
        project_title=project.title,
        client_name=project.client.name,
        region_name=statement.region.name_ja,
        issuer=program_operator_name(),
        days_worked=statement.days_worked,
        worked_minutes=statement.worked_minutes,
        overtime_minutes=statement.overtime_minutes,
        late_night_minutes=statement.late_night_minutes,
        holiday_minutes=statement.holiday_minutes,
        gross_jpy=statement.gross_jpy,
        lines=tuple(
            StatementLineData(
                kind_label=kind_label_ja(line.kind),
                minutes=line.minutes,
                rate_jpy=line.rate_jpy,
                multiplier=line.multiplier,
                amount_jpy=line.amount_jpy,
                adjusts_month=line.adjusts_month,
            )
            for line in statement.lines.all()
        ),
        completed_on=run.completed_at.date() if run.completed_at else None,
    )


def statement_pdf_response(statement: PayStatement) -> HttpResponse:
    data = statement_data(statement)
    response = HttpResponse(render_statement_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{statement_filename(data)}"'
    return response


STATEMENT_HEADINGS = [
    "参加者番号",
    "氏名",
    "フリガナ",
    "参画ID",
    "案件",
    "対象月",
    "出勤日数",
    "総労働時間(分)",
    *[f"{kind_label_ja(kind)}(分)" for kind in KINDS],
    "時間外計(分)",
    "前月以前の訂正額(円)",
    "総支給額(円)",
]
LINE_HEADINGS = [
    "参加者番号",
    "氏名",
    "参画ID",
    "対象月",
    "行",
    "区分",
    "訂正対象月",
    "分",
    "時給(円)",
    "割増率",
    "金額(円)",
]


def statement_rows(statements: Iterable[PayStatement]) -> Iterable[list[object]]:
    for s in statements:
        person = s.participant.person
        minutes = dict.fromkeys(KINDS, 0)
        for line in s.lines.all():
            if line.adjusts_month is None:
                minutes[line.kind] += line.minutes
        yield [
            f"P{s.participant_id:06d}",
            person.full_name,
            person.full_name_kana,
            s.assignment_id,
            s.assignment.project.title,
            f"{s.month:%Y-%m}",
            s.days_worked,
            s.worked_minutes,
            *[minutes[kind] for kind in KINDS],
            s.overtime_minutes,
            s.adjustment_jpy,
            s.gross_jpy,
        ]


def line_rows(statements: Iterable[PayStatement]) -> Iterable[list[object]]:
    for s in statements:
        for line in s.lines.all():
            yield [
                f"P{s.participant_id:06d}",
                s.participant.person.full_name,
                s.assignment_id,
                f"{s.month:%Y-%m}",
                line.order + 1,
                kind_label_ja(line.kind),
                f"{line.adjusts_month:%Y-%m}" if line.adjusts_month else "",
                line.minutes,
                line.rate_jpy,
                f"{line.multiplier:.2f}",
                line.amount_jpy,
            ]


def _filename(run: PayRun, extension: str) -> str:
    return f"pay-run-{run.region.slug}-{run.month:%Y-%m}.{extension}"


def csv_response(run: PayRun, statements: list[PayStatement]) -> HttpResponse:
    """UTF-8 with a byte-order mark, so Excel opens the Japanese headings correctly."""
    return csv_download(_filename(run, "csv"), STATEMENT_HEADINGS, statement_rows(statements))


def xlsx_response(run: PayRun, statements: list[PayStatement]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "給与明細"
    sheet.append(STATEMENT_HEADINGS)
    for row in statement_rows(statements):
        sheet.append(spreadsheet_row(row))
    lines = book.create_sheet("明細行")
    lines.append(LINE_HEADINGS)
    for row in line_rows(statements):
        lines.append(spreadsheet_row(row))
    for ws in (sheet, lines):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(run, "xlsx")}"'
    return response
