"""The report's downloads, shared by the page links and the API: build the report for the
reader (the same selectors and suppression as the screen), record the export in the audit
log, answer the file. The figures of a city leaving the system are a read worth auditing."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from sousei.core.access import Reader
from sousei.core.audit import audit_read
from sousei.core.models import Region
from sousei.impact import selectors
from sousei.impact.report_pdf import PDF_TYPE, report_pdf
from sousei.impact.report_xlsx import XLSX_TYPE, report_workbook

FORMATS = {
    "xlsx": (XLSX_TYPE, report_workbook),
    "pdf": (PDF_TYPE, report_pdf),
}


def report_download(
    *,
    actor: Any,
    region: Region,
    reader: Reader,
    period: selectors.SummaryPeriod,
    form: str,
) -> HttpResponse:
    """The report as `form` ("xlsx" or "pdf"), audited (call inside the region scope)."""
    content_type, render = FORMATS[form]
    report = selectors.impact_report(region=region, period=period, reader=reader)
    body = render(report)
    audit_read(
        region=region,
        actor=actor,
        action="impact.report_export",
        obj=region,
        details={
            "format": form,
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "cohort": period.cohort,
            "exact": report.exact,
        },
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename(form)}"'
    response["Cache-Control"] = "private, no-store"
    return response
