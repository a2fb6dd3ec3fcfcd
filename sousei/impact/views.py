"""Impact's pages: the impact page for operators and the municipality (the same selectors as
the API, small groups hidden from the city), and the one-click residence-check answer, which
the person reaches from the link in their message without signing in (the signed link is
their key)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sousei.core import clock
from sousei.core.access import region_reader, region_view
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.impact import page, selectors, services
from sousei.impact.access import IMPACT_READERS, check_by_token_visible, impact_readable
from sousei.impact.downloads import report_download
from sousei.impact.forms import CheckAnswerForm, ImpactPeriodForm
from sousei.impact.indicators import fiscal_year_of


@region_view(roles=IMPACT_READERS)
@require_http_methods(["GET"])
def impact_page(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's impact in a period: KPIs graded, the funnel, employment, income before
    and after, staying, hires, the monthly trend and the cohorts."""
    reader = impact_readable(region_reader(request, region))
    form = ImpactPeriodForm(request.GET or None)
    period = form.period()
    summary = selectors.impact_summary(region=region, period=period, reader=reader)
    trend = selectors.impact_trend(reader=reader, period=period)
    cohorts = selectors.impact_cohorts(reader=reader)
    this_year = fiscal_year_of(clock.today())
    return render(
        request,
        "impact/impact_page.html",
        {
            "region": region,
            "form": form,
            "period": period,
            "query": form.query(),
            "summary": summary,
            "exact": selectors.sees_exact_figures(reader),
            "kpis": page.kpi_rows(summary["kpis"]),
            "funnel": page.funnel_bars(summary["funnel"]),
            "income": page.income_bars(summary["income"]),
            "wages_chart": page.wages_chart(trend["months"]),
            "trend_rows": page.stage_rows(trend["months"]),
            "trend_total": page.stage_row("total", trend["total"]),
            "stages": page.STAGE_LABELS,
            "cohort_rows": page.stage_rows(cohorts["cohorts"]),
            "cohort_total": page.stage_row("total", cohorts["total"]),
            "years": [this_year, this_year - 1],
        },
        status=422 if form.is_bound and not form.is_valid() else 200,
    )


@region_view(roles=None)
@require_http_methods(["GET", "POST"])
def residence_answer(request: HttpRequest, region: Region, token: str) -> HttpResponse:
    """Still living in the region? One choice and a button; answered checks say thank you."""
    check = check_by_token_visible(region, token)
    form = CheckAnswerForm(
        request.POST if request.method == "POST" and check.answered_at is None else None,
        asks_income=check.asks_income,
    )
    if form.is_bound and form.is_valid():
        try:
            services.residence_check_answer(
                check_id=check.pk, answer=form.to_answer(), actor=request.user
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        except Conflict as conflict:
            messages.error(request, str(conflict))
            return redirect("impact-residence-answer", slug=region.slug, token=token)
        else:
            messages.success(request, _("Thank you. Your answer is recorded."))
            return redirect("impact-residence-answer", slug=region.slug, token=token)
    return render(
        request,
        "impact/residence_answer.html",
        {"region": region, "check": check, "form": form, "token": token},
        status=422 if form.is_bound else 200,
    )


# --- The report's downloads (the workbook and the council's PDF) ---------------------------


def _report_download(request: HttpRequest, region: Region, form_name: str) -> HttpResponse:
    """The period of the page's query string; a bad one is explained (422), never guessed,
    since a file silently covering another period would mislead its reader."""
    form = ImpactPeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        problems = [str(problem) for errors in form.errors.values() for problem in errors]
        return HttpResponse(
            "\n".join([_("The period cannot be read. Go back and correct it."), *problems]),
            content_type="text/plain; charset=utf-8",
            status=422,
        )
    return report_download(
        actor=request.user,
        region=region,
        reader=impact_readable(region_reader(request, region)),
        period=form.period(),
        form=form_name,
    )


@region_view(roles=IMPACT_READERS)
@require_http_methods(["GET"])
def impact_report_xlsx(request: HttpRequest, region: Region) -> HttpResponse:
    """The impact report as an Excel workbook, for the page's period."""
    return _report_download(request, region, "xlsx")


@region_view(roles=IMPACT_READERS)
@require_http_methods(["GET"])
def impact_report_pdf(request: HttpRequest, region: Region) -> HttpResponse:
    """The impact report for the council as a PDF, for the page's period."""
    return _report_download(request, region, "pdf")
