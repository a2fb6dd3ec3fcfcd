"""The impact API: the region's figures in a period, for operators (exact) and the
municipality (small groups hidden). Anyone else in the region gets 403; another region 404.
Pages and the API read the same selector (`selectors.impact_summary`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from sousei.core import clock
from sousei.core.access import region_context, region_reader
from sousei.core.bounds import Slug
from sousei.core.http import signed_in
from sousei.impact import selectors
from sousei.impact.access import IMPACT_READERS, impact_readable
from sousei.impact.indicators import fiscal_year_of, fiscal_year_period
from sousei.impact.schemas import ImpactSummaryOut, PeriodQuery

router = Router(tags=["impact"])


def summary_period(query: PeriodQuery) -> selectors.SummaryPeriod:
    """The period asked for; by default the current fiscal year up to today."""
    today = clock.today()
    start = query.from_ or fiscal_year_period(fiscal_year_of(query.to or today)).start
    end = query.to or max(start, min(today, fiscal_year_period(fiscal_year_of(start)).end))
    if end < start:
        raise ValidationError(
            {"to": [_("The end of the period is before its start. Give a later “to” date.")]}
        )
    return selectors.SummaryPeriod(start, end, cohort=query.cohort)


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
