"""The impact API: the region's figures in a period, for operators (exact) and the
municipality (small groups hidden). Anyone else in the region gets 403; another region 404.
Pages and the API read the same selectors (`selectors.impact_summary`, `impact_people`,
`impact_comparison`) and write through the same services (`services.kpi_targets_set`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from sousei.core import clock
from sousei.core.access import region_context, region_reader, signed_in_user
from sousei.core.bounds import Slug, Year
from sousei.core.http import signed_in
from sousei.core.provision import ProvisionChannel
from sousei.core.schemas import ErrorOut
from sousei.impact import selectors, services
from sousei.impact.access import IMPACT_READERS, impact_readable, provided_to_city
from sousei.impact.downloads import report_download
from sousei.impact.forms import PERIOD_BACKWARDS
from sousei.impact.indicators import fiscal_year_of
from sousei.impact.models import KpiCode
from sousei.impact.report_pdf import PDF_TYPE
from sousei.impact.report_xlsx import XLSX_TYPE
from sousei.impact.schemas import (
    ComparisonQuery,
    ImpactComparisonOut,
    ImpactPersonOut,
    ImpactSummaryOut,
    KpiTargetsIn,
    KpiTargetsOut,
    PeriodQuery,
)

router = Router(tags=["impact"])


def summary_period(query: PeriodQuery) -> selectors.SummaryPeriod:
    """The period asked for; by default the current fiscal year up to today."""
    period = selectors.SummaryPeriod.asked(query.from_, query.to, cohort=query.cohort)
    if period.end < period.start:
        raise ValidationError({"to": [PERIOD_BACKWARDS]})
    return period


@router.get(
    "/regions/{slug}/impact",
    auth=signed_in,
    response=ImpactSummaryOut,
    summary="The region's impact in a period: funnel, 就職率, WIOA-style figures, income, "
    "staying, hires and graded KPIs (small groups hidden from non-operators)",
)
def impact_summary_endpoint(
    request: HttpRequest, slug: Slug, query: Query[PeriodQuery]
) -> dict[str, Any]:
    with region_context(request, slug, roles=IMPACT_READERS) as region:
        reader = impact_readable(region_reader(request, region))
        return selectors.impact_summary(region=region, period=summary_period(query), reader=reader)


@router.get(
    "/regions/{slug}/impact/people",
    auth=signed_in,
    response=list[ImpactPersonOut],
    summary="One row per participant: operators see everyone, the municipality only the "
    "people who consent to sharing their data with the city",
)
def impact_people_endpoint(request: HttpRequest, slug: Slug) -> list[dict[str, Any]]:
    with region_context(request, slug, roles=IMPACT_READERS) as region:
        reader = impact_readable(region_reader(request, region))
        rows, person_ids = selectors.impact_people_shown(reader=reader)
        provided_to_city(request, region, reader, person_ids, ProvisionChannel.API)
        return rows


def _report(request: HttpRequest, slug: str, query: PeriodQuery, form: str) -> HttpResponse:
    with region_context(request, slug, roles=IMPACT_READERS) as region:
        return report_download(
            actor=signed_in_user(request),
            region=region,
            reader=impact_readable(region_reader(request, region)),
            period=summary_period(query),
            form=form,
        )


def _file_response(media_type: str, what: str) -> dict[str, Any]:
    """The OpenAPI description of a 200 that is a file, not JSON."""
    return {
        "responses": {
            200: {
                "description": what,
                "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


@router.get(
    "/regions/{slug}/impact/report.xlsx",
    auth=signed_in,
    response={200: None, 422: ErrorOut},
    summary="The impact report as an Excel workbook: a sheet per table (summary, KPIs, "
    "cohorts, months, definitions), Japanese headings, small groups hidden as on the page "
    "(audited)",
    openapi_extra=_file_response(XLSX_TYPE, "The workbook (impact-<region>-<from>_<to>.xlsx)"),
)
def impact_report_xlsx(request: HttpRequest, slug: Slug, query: Query[PeriodQuery]) -> Any:
    return _report(request, slug, query, "xlsx")


@router.get(
    "/regions/{slug}/impact/report.pdf",
    auth=signed_in,
    response={200: None, 422: ErrorOut},
    summary="The impact report for the council as a PDF: A4, Japanese, dated, the "
    "definitions on its last page, small groups hidden as on the page (audited)",
    openapi_extra=_file_response(PDF_TYPE, "The report (impact-<region>-<from>_<to>.pdf)"),
)
def impact_report_pdf(request: HttpRequest, slug: Slug, query: Query[PeriodQuery]) -> Any:
    return _report(request, slug, query, "pdf")


@router.put(
    "/regions/{slug}/kpi-targets/{fiscal_year}",
    auth=signed_in,
    response={200: KpiTargetsOut, 422: ErrorOut},
    summary="Set the region's KPI targets of a fiscal year (operator or municipality; the "
    "codes given are set, the others kept; audited)",
)
def kpi_targets_put(
    request: HttpRequest, slug: Slug, fiscal_year: Year, payload: KpiTargetsIn
) -> dict[str, Any]:
    with region_context(request, slug, roles=IMPACT_READERS) as region:
        impact_readable(region_reader(request, region))
        targets = services.kpi_targets_set(
            region=region,
            fiscal_year=fiscal_year,
            targets={str(t.code): t.target for t in payload.targets},
            actor=signed_in_user(request),
        )
        return {
            "region": region.slug,
            "fiscal_year": fiscal_year,
            "targets": [
                {"code": t.code, "label": str(KpiCode(t.code).label), "target": t.target}
                for t in targets
            ],
        }


def comparison_year(query: ComparisonQuery) -> int:
    """The fiscal year compared: the one `from` (or `to`, or today) falls in. The kept figures
    are by fiscal year, so a period across two years cannot be compared."""
    year = fiscal_year_of(query.from_ or query.to or clock.today())
    if query.from_ and query.to and query.to < query.from_:
        raise ValidationError({"to": [PERIOD_BACKWARDS]})
    if query.to and fiscal_year_of(query.to) != year:
        raise ValidationError(
            {
                "to": [
                    _(
                        "A comparison covers one fiscal year (April to March). Give “from” and "
                        "“to” in the same fiscal year."
                    )
                ]
            }
        )
    return year


@router.get(
    "/impact/comparison",
    auth=signed_in,
    response={200: ImpactComparisonOut, 422: ErrorOut},
    summary="The indicators of every region the caller may compare, for the fiscal year of "
    "the period (small groups hidden; audited in each region compared)",
)
def impact_comparison_endpoint(request: HttpRequest, query: Query[ComparisonQuery]) -> Any:
    user = signed_in_user(request)
    year = comparison_year(query)
    regions = selectors.comparable_regions(user=user)
    if not regions and not user.is_superuser:
        raise PermissionDenied("Only operators and municipalities compare regions.")
    rows = selectors.impact_comparison(regions=regions, fiscal_year=year)
    services.comparison_audit(user=user, regions=regions, fiscal_year=year)
    return {"fiscal_year": year, "regions": rows}
