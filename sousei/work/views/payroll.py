"""Pay pages: the operator's pay runs (run a month, read the warnings and statements,
download CSV and Excel, complete the run) and the participant's statements (a page with
every line, and the PDF)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import region_view, signed_in_user
from sousei.core.errors import Conflict, in_reader_language
from sousei.core.models import Region
from sousei.core.pagination import page_number, paginate
from sousei.core.roles import Role
from sousei.core.text import format_month
from sousei.projects.access import staffing_reader
from sousei.work import access
from sousei.work.forms import PayRunForm
from sousei.work.models.payroll import PayStatement
from sousei.work.pay_documents import statement_pdf_response
from sousei.work.selectors import payroll as selectors
from sousei.work.services import payroll as services

OPERATORS = frozenset({Role.OPERATOR})
PARTICIPANTS = frozenset({Role.PARTICIPANT})
STATEMENT_READERS = frozenset({Role.OPERATOR, Role.PARTICIPANT})
STATEMENTS_PER_PAGE = 50


def _runs_page(request: HttpRequest, region: Region, form: PayRunForm, status: int) -> HttpResponse:
    return render(
        request,
        "work/pay_runs.html",
        {"region": region, "runs": list(selectors.pay_runs()[:36]), "form": form},
        status=status,
    )


@region_view(roles=OPERATORS)
def pay_run_list(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's pay runs and the form to run a month (computed in the request)."""
    if request.method != "POST":
        last_month = (clock.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return _runs_page(
            request, region, PayRunForm(initial={"month": f"{last_month:%Y-%m}"}), 200
        )
    form = PayRunForm(request.POST)
    if form.is_valid():
        try:
            run = services.pay_run_create(
                region=region, month=form.cleaned_data["month"], actor=signed_in_user(request)
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("month", message)
        else:
            messages.success(
                request,
                gettext("Pay for %(month)s: %(count)s statements.")
                % {"month": format_month(run.month), "count": run.statement_count},
            )
            return redirect(
                reverse("pay-run-detail", kwargs={"slug": region.slug, "run_id": run.pk})
            )
    return _runs_page(request, region, form, 422)


@region_view(roles=OPERATORS)
def pay_run_detail(request: HttpRequest, region: Region, run_id: int) -> HttpResponse:
    run = selectors.pay_run_get(run_id=run_id)
    number = page_number(request)
    page = paginate(
        selectors.statements_of_run(run=run),
        page=number,
        size=STATEMENTS_PER_PAGE,
        count=run.statement_count,
    )
    return render(
        request,
        "work/pay_run.html",
        {
            "region": region,
            "run": run,
            "page": page,
            "warnings": [in_reader_language(w) for w in run.warnings or []],
        },
    )


@region_view(roles=OPERATORS)
@require_POST
def pay_run_complete(request: HttpRequest, region: Region, run_id: int) -> HttpResponse:
    run = selectors.pay_run_get(run_id=run_id)
    target = reverse("pay-run-detail", kwargs={"slug": region.slug, "run_id": run.pk})
    if request.POST.get("confirm") != "yes":
        # Completing cannot be undone: it shows the statements and locks the records.
        messages.error(
            request,
            gettext(
                "The pay run was not completed. Tick the box to confirm that you checked "
                "the statements, then complete it."
            ),
        )
        return redirect(target)
    try:
        services.pay_run_complete(run=run, actor=signed_in_user(request))
    except Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Pay for %(month)s is final; its time records are locked.")
            % {"month": format_month(run.month)},
        )
    return redirect(reverse("pay-run-detail", kwargs={"slug": region.slug, "run_id": run.pk}))


@region_view(roles=PARTICIPANTS)
def my_pay(request: HttpRequest, region: Region) -> HttpResponse:
    statements = list(selectors.statements_of(user=signed_in_user(request))[:36])
    return render(
        request, "work/pay_my_statements.html", {"region": region, "statements": statements}
    )


def _statement(request: HttpRequest, region: Region, statement_id: int) -> PayStatement:
    return access.statement_visible(staffing_reader(request, region), statement_id)


@region_view(roles=STATEMENT_READERS)
def pay_statement(request: HttpRequest, region: Region, statement_id: int) -> HttpResponse:
    """One statement with every line and its arithmetic, so a person can check it by hand."""
    statement = _statement(request, region, statement_id)
    return render(request, "work/pay_statement.html", {"region": region, "statement": statement})


@region_view(roles=STATEMENT_READERS)
def pay_statement_pdf(request: HttpRequest, region: Region, statement_id: int) -> HttpResponse:
    return statement_pdf_response(_statement(request, region, statement_id))
