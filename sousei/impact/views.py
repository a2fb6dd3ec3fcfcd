"""Impact's pages: the impact page for operators and the municipality (the same selectors as
the API, small groups hidden from the city), and the one-click residence-check answer, which
the person reaches from the link in their message without signing in (the signed link is
their key)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sousei.core import clock
from sousei.core.access import region_reader, region_view, signed_in_user
from sousei.core.audit import audit_read
from sousei.core.errors import Conflict, run_service
from sousei.core.exports import csv_download, dated
from sousei.core.forms import query_int
from sousei.core.models import Region
from sousei.core.provision import ProvisionChannel
from sousei.core.roles import Role
from sousei.impact import page, selectors, services
from sousei.impact.access import (
    IMPACT_READERS,
    check_by_token_visible,
    impact_readable,
    provided_to_city,
)
from sousei.impact.downloads import report_download
from sousei.impact.forms import (
    BenchmarkingForm,
    CheckAnswerForm,
    GradeRuleForm,
    ImpactPeriodForm,
    KpiTargetsForm,
)
from sousei.impact.indicators import fiscal_year_of
from sousei.impact.models import KpiCode


@login_required
@require_http_methods(["GET"])
def impact_comparison(request: HttpRequest) -> HttpResponse:
    """The regions the signed-in user may compare, side by side for one fiscal year: an
    operator's regions, the owner's every region, a city's region with those that opted in
    to benchmarking as it did. Small groups are hidden for everyone; the read is audited in
    each region compared."""
    user = signed_in_user(request)
    regions = selectors.comparable_regions(user=user)
    if not regions and not user.is_superuser:
        raise PermissionDenied("Only operators and municipalities compare regions.")
    this_year = fiscal_year_of(clock.today())
    year = query_int(request, "year")
    year = year if year is not None and 2000 <= year <= 2100 else this_year
    rows = selectors.impact_comparison(regions=regions, fiscal_year=year)
    services.comparison_audit(user=user, regions=regions, fiscal_year=year)
    return render(
        request,
        "impact/comparison.html",
        {"rows": rows, "year": year, "years": [this_year, this_year - 1]},
    )


@region_view(roles=IMPACT_READERS)
@require_http_methods(["GET"])
def impact_people(request: HttpRequest, region: Region) -> HttpResponse:
    """One row per participant, without names: operators see everyone, the city only the
    people who consent to sharing their data with it (read afresh on every request)."""
    reader = impact_readable(region_reader(request, region))
    rows, person_ids = selectors.impact_people_shown(reader=reader)
    provided_to_city(request, region, reader, person_ids, ProvisionChannel.PAGE)
    return render(
        request,
        "impact/people.html",
        {
            "region": region,
            "columns": [label for _key, label in page.PEOPLE_COLUMNS],
            "rows": [page.people_cells(row) for row in rows],
            "exact": selectors.sees_exact_figures(reader),
        },
    )


@region_view(roles=IMPACT_READERS)
@require_http_methods(["GET"])
def impact_people_csv(request: HttpRequest, region: Region) -> HttpResponse:
    reader = impact_readable(region_reader(request, region))
    rows, person_ids = selectors.impact_people_shown(reader=reader)
    provided_to_city(request, region, reader, person_ids, ProvisionChannel.CSV)
    audit_read(
        region=region,
        actor=signed_in_user(request),
        action="impact.people_export",
        obj=region,
        details={"format": "csv", "rows": len(rows)},
    )
    return csv_download(
        dated(f"impact-people-{region.slug}", "csv"),
        [label for _key, label in page.PEOPLE_COLUMNS],
        (page.people_cells(row) for row in rows),
    )


def refreshed_at(summary: dict[str, Any]) -> dt.datetime | None:
    """When the outcome records last caught up with the program, from the summary."""
    stamp = summary["period"].get("refreshed_at")
    return dt.datetime.fromisoformat(stamp) if stamp else None


@region_view(roles=IMPACT_READERS)
@require_http_methods(["GET"])
def impact_page(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's impact in a period: KPIs graded, the funnel, employment, income before
    and after, staying, hires, the monthly trend and the cohorts."""
    reader = impact_readable(region_reader(request, region))
    form = ImpactPeriodForm(request.GET or None)
    period = form.period()
    records = selectors.outcome_values()
    summary = selectors.impact_summary(region=region, period=period, reader=reader, records=records)
    trend = selectors.impact_trend(reader=reader, period=period, records=records)
    cohorts = selectors.impact_cohorts(reader=reader, records=records)
    this_year = fiscal_year_of(clock.today())
    return render(
        request,
        "impact/impact_page.html",
        {
            "region": region,
            "form": form,
            "period": period,
            "query": form.query(),
            "refreshed_at": refreshed_at(summary),
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


@region_view(roles=IMPACT_READERS)
@require_http_methods(["GET", "POST"])
def impact_targets(request: HttpRequest, region: Region, year: int) -> HttpResponse:
    """A fiscal year's KPI targets and the region's grading lines, set by an operator or the
    city; the years before this one are kept as they were set, and listed below."""
    impact_readable(region_reader(request, region))
    this_year = fiscal_year_of(clock.today())
    if not 2000 <= year <= 2100:
        raise Http404("No such fiscal year.")
    editable = year >= this_year
    current = {t.code: t.target for t in selectors.kpi_targets(fiscal_year=year)}
    achieved, good = selectors.grade_thresholds()
    posted = request.POST if request.method == "POST" and editable else None
    targets_form = KpiTargetsForm(
        posted if posted and "targets" in posted else None, current=current, prefix="kpi"
    )
    rule_form = GradeRuleForm(
        posted if posted and "rule" in posted else None,
        initial={"achieved_percent": achieved, "good_percent": good},
        prefix="rule",
    )
    benchmarking_form = BenchmarkingForm(
        posted if posted and "benchmarking" in posted else None,
        initial={"opted_in": selectors.benchmarking_opted_in()},
        prefix="bench",
    )
    user = signed_in_user(request)
    if benchmarking_form.is_bound and benchmarking_form.is_valid():
        services.benchmarking_set(
            region=region, opted_in=benchmarking_form.cleaned_data["opted_in"], actor=user
        )
        messages.success(request, _("Your choice on benchmarking is saved."))
        return redirect("impact-targets", slug=region.slug, year=year)
    if targets_form.is_bound and targets_form.is_valid():
        done = run_service(
            targets_form,
            lambda: services.kpi_targets_set(
                region=region, fiscal_year=year, targets=targets_form.targets(), actor=user
            ),
        )
        if done is not None:
            messages.success(request, _("The targets are saved."))
            return redirect("impact-targets", slug=region.slug, year=year)
    if rule_form.is_bound and rule_form.is_valid():
        data = rule_form.cleaned_data
        done_rule = run_service(
            rule_form,
            lambda: services.grade_rule_set(
                region=region,
                achieved_percent=data["achieved_percent"],
                good_percent=data["good_percent"],
                actor=user,
            ),
        )
        if done_rule is not None:
            messages.success(request, _("The grading lines are saved."))
            return redirect("impact-targets", slug=region.slug, year=year)
    history = selectors.kpi_history()
    labels = dict(KpiCode.choices)
    return render(
        request,
        "impact/impact_targets.html",
        {
            "region": region,
            "year": year,
            "this_year": this_year,
            "editable": editable,
            "targets_form": targets_form,
            "rule_form": rule_form,
            "benchmarking_form": benchmarking_form,
            "history": [
                (past, [(labels[t.code], t) for t in rows])
                for past, rows in sorted(history.items(), reverse=True)
            ],
        },
        status=422 if targets_form.errors or rule_form.errors else 200,
    )


@region_view(roles=[Role.OPERATOR])
@require_http_methods(["GET"])
def residence_checks(request: HttpRequest, region: Region) -> HttpResponse:
    """The residence checks due and not answered yet, for the office to follow up."""
    return render(
        request,
        "impact/residence_checks.html",
        {"region": region, "checks": selectors.residence_checks_open()},
    )


@region_view(roles=[Role.OPERATOR])
@require_http_methods(["GET", "POST"])
def residence_check_record(request: HttpRequest, region: Region, check_id: int) -> HttpResponse:
    """An operator records the answer given by phone or at the office, or corrects one."""
    check = selectors.residence_check_of(check_id=check_id)
    form = CheckAnswerForm(
        request.POST if request.method == "POST" else None, asks_income=check.asks_income
    )
    if form.is_bound and form.is_valid():
        recorded = run_service(
            form,
            lambda: services.residence_check_record(
                check_id=check.pk, answer=form.to_answer(), actor=signed_in_user(request)
            ),
        )
        if recorded is not None:
            messages.success(request, _("The answer is recorded."))
            return redirect("impact-residence-checks", slug=region.slug)
    return render(
        request,
        "impact/residence_check_record.html",
        {"region": region, "check": check, "form": form},
        status=422 if form.is_bound else 200,
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
