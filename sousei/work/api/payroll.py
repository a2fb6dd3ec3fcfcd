"""Pay runs (operator), their exports for payroll, and the participant's own statements."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from sousei.core.access import region_context, signed_in_user
from sousei.core.audit import audit_read
from sousei.core.bounds import Id, Slug
from sousei.core.errors import in_reader_language
from sousei.core.http import signed_in
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.projects.access import staffing_reader
from sousei.work import access
from sousei.work.models.payroll import PayRun, PayStatement
from sousei.work.pay_documents import csv_response, statement_pdf_response, xlsx_response
from sousei.work.schemas import (
    PayRunIn,
    PayRunOut,
    PayRunSummaryOut,
    StatementOut,
)
from sousei.work.selectors import payroll as selectors
from sousei.work.services import payroll as services

router = Router(tags=["pay"])
OPERATORS = {Role.OPERATOR}
PARTICIPANTS = {Role.PARTICIPANT}
STATEMENT_READERS = {Role.OPERATOR, Role.PARTICIPANT}


def statement_body(statement: PayStatement) -> dict[str, Any]:
    return {
        "id": statement.pk,
        "assignment_id": statement.assignment_id,
        "participant_id": statement.participant_id,
        "participant": statement.participant.person.full_name,
        "project": statement.assignment.project.title,
        "month": f"{statement.month:%Y-%m}",
        "gross_jpy": statement.gross_jpy,
        "adjustment_jpy": statement.adjustment_jpy,
        "worked_minutes": statement.worked_minutes,
        "overtime_minutes": statement.overtime_minutes,
        "days_worked": statement.days_worked,
        "lines": [
            {
                "kind": line.kind,
                "minutes": line.minutes,
                "rate_jpy": line.rate_jpy,
                "multiplier": line.multiplier,
                "amount_jpy": line.amount_jpy,
                "adjusts_month": f"{line.adjusts_month:%Y-%m}" if line.adjusts_month else None,
            }
            for line in statement.lines.all()
        ],
    }


def run_summary(run: PayRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "month": f"{run.month:%Y-%m}",
        "status": run.status,
        "statement_count": run.statement_count,
        "gross_total_jpy": run.gross_total_jpy,
        "records_paid": run.records_paid,
        "records_left_out": run.records_left_out,
        "computed_at": run.computed_at,
        "completed_at": run.completed_at,
        "warnings": [{**w, "message": in_reader_language(w)} for w in run.warnings or []],
    }


def run_body(run: PayRun) -> dict[str, Any]:
    return {
        **run_summary(run),
        "statements": [statement_body(s) for s in selectors.statements_of_run(run=run)],
    }


@router.post(
    "/regions/{slug}/pay-runs",
    auth=signed_in,
    response={200: PayRunOut, 201: PayRunOut, 422: ErrorOut},
    summary="Run pay for a month: 201 with the draft run; a completed month answers 200 as it is",
)
def pay_run_create(request: HttpRequest, slug: Slug, payload: PayRunIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        run = services.pay_run_create(
            region=region, month=payload.month, actor=signed_in_user(request)
        )
        if run.completed:
            return Status(200, run_body(run))
        return Status(201, run_body(run))


@router.get(
    "/regions/{slug}/pay-runs",
    auth=signed_in,
    response=list[PayRunSummaryOut],
    summary="The region's pay runs, newest month first (operator)",
)
def pay_run_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=OPERATORS):
        return [run_summary(run) for run in selectors.pay_runs()[:120]]


@router.get(
    "/regions/{slug}/pay-runs/{run_id}",
    auth=signed_in,
    response=PayRunOut,
    summary="A pay run with every statement and line (operator)",
)
def pay_run_detail(request: HttpRequest, slug: Slug, run_id: Id):
    with region_context(request, slug, roles=OPERATORS):
        return run_body(selectors.pay_run_get(run_id=run_id))


@router.post(
    "/regions/{slug}/pay-runs/{run_id}/complete",
    auth=signed_in,
    response={200: PayRunSummaryOut, 409: ErrorOut},
    summary="Make a draft run final and lock the time records it pays (operator)",
)
def pay_run_complete(request: HttpRequest, slug: Slug, run_id: Id):
    with region_context(request, slug, roles=OPERATORS):
        run = services.pay_run_complete(
            run=selectors.pay_run_get(run_id=run_id), actor=signed_in_user(request)
        )
        return run_summary(run)


def _audit_export(request: HttpRequest, region: Any, run: PayRun, form: str, rows: int) -> None:
    """Pay data leaving for payroll is recorded: who took which run, in which format."""
    audit_read(
        region=region,
        actor=signed_in_user(request),
        action="pay_run.export",
        obj=run,
        details={"format": form, "month": run.month.isoformat()[:7], "rows": rows},
    )


@router.get(
    "/regions/{slug}/pay-runs/{run_id}/export.csv",
    auth=signed_in,
    response={200: None},
    summary="The run as CSV for payroll: one row per statement, minutes by kind (operator)",
)
def pay_run_csv(request: HttpRequest, slug: Slug, run_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        run = selectors.pay_run_get(run_id=run_id)
        statements = list(selectors.statements_of_run(run=run))
        _audit_export(request, region, run, "csv", len(statements))
        return csv_response(run, statements)


@router.get(
    "/regions/{slug}/pay-runs/{run_id}/export.xlsx",
    auth=signed_in,
    response={200: None},
    summary="The run as an Excel workbook: statements, and every line on a second sheet",
)
def pay_run_xlsx(request: HttpRequest, slug: Slug, run_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        run = selectors.pay_run_get(run_id=run_id)
        statements = list(selectors.statements_of_run(run=run))
        _audit_export(request, region, run, "xlsx", len(statements))
        return xlsx_response(run, statements)


@router.get(
    "/regions/{slug}/me/pay-statements",
    auth=signed_in,
    response=list[StatementOut],
    summary="The caller's own pay statements of completed runs (participant)",
)
def my_statements(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=PARTICIPANTS):
        return [
            statement_body(s) for s in selectors.statements_of(user=signed_in_user(request))[:60]
        ]


def _statement_for(request: HttpRequest, region: Any, statement_id: Id) -> PayStatement:
    return access.statement_visible(staffing_reader(request, region), statement_id)


@router.get(
    "/regions/{slug}/pay-statements/{statement_id}",
    auth=signed_in,
    response=StatementOut,
    summary="One pay statement with its lines (its participant, or an operator)",
)
def statement_detail(request: HttpRequest, slug: Slug, statement_id: Id):
    with region_context(request, slug, roles=STATEMENT_READERS) as region:
        return statement_body(_statement_for(request, region, statement_id))


@router.get(
    "/regions/{slug}/pay-statements/{statement_id}/statement.pdf",
    auth=signed_in,
    response={200: None, 404: ErrorOut},
    summary="The pay statement as a Japanese PDF (its participant, or an operator)",
)
def statement_pdf(request: HttpRequest, slug: Slug, statement_id: Id):
    with region_context(request, slug, roles=STATEMENT_READERS) as region:
        return statement_pdf_response(_statement_for(request, region, statement_id))
