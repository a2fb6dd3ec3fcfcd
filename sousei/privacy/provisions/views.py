"""The operators' list of the records of provision to third parties (APPI 第29条), filtered
by person, recipient and date, and its CSV."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sousei.core.access import region_view, signed_in_user
from sousei.core.audit import audit_read
from sousei.core.exports import csv_download, dated
from sousei.core.models import Region
from sousei.core.pagination import page_number, paginate
from sousei.core.provision import RETENTION_YEARS, RecipientKind
from sousei.privacy.access import PRIVACY_OFFICERS
from sousei.privacy.provisions import selectors


@region_view(roles=PRIVACY_OFFICERS)
@require_http_methods(["GET"])
def provision_list(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's records, newest first, a page at a time."""
    filters = selectors.ProvisionFilters.from_request(request)
    page = paginate(
        selectors.records_filtered(filters),
        page=page_number(request),
        size=settings.SOUSEI_API_PAGE_SIZE,
    )
    return render(
        request,
        "privacy/provision_list.html",
        {
            "region": region,
            "page": page,
            "rows": selectors.record_rows(page.items),
            "filters": filters,
            "query": filters.query(),
            "recipients": RecipientKind.choices,
            "retention_years": RETENTION_YEARS,
        },
    )


@region_view(roles=PRIVACY_OFFICERS)
@require_http_methods(["GET"])
def provision_csv(request: HttpRequest, region: Region) -> HttpResponse:
    """The filtered records as CSV (at most `CSV_MAX`), the export audited."""
    filters = selectors.ProvisionFilters.from_request(request)
    records = list(selectors.records_filtered(filters)[: selectors.CSV_MAX])
    rows = selectors.record_rows(records)
    audit_read(
        region=region,
        actor=signed_in_user(request),
        action="provision_records.export",
        obj=region,
        details={"format": "csv", "rows": len(rows), "filters": filters.query()},
    )
    header = [
        _("Date"),
        _("Time"),
        _("Recipient"),
        _("Recipient name"),
        _("Received by"),
        _("How"),
        _("Page or export"),
        _("Basis"),
        _("Purpose"),
        _("Kinds of data"),
        _("People"),
        _("Person (id)"),
    ]
    return csv_download(
        dated(f"provision-records-{region.slug}", "csv"),
        header,
        (selectors.csv_cells(row) for row in rows),
    )
