"""Time-record pages: the participant's "my work" (assignments and a phone-first week view
to record days with breaks and submit the week), and the approvals queue where the project's
client or the operator approves a week or returns it with a comment. Operators can open any
assignment's week and record on the participant's behalf (audited)."""

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
from sousei.core.errors import Conflict
from sousei.core.forms import day_in_range
from sousei.core.models import Region
from sousei.core.provision import ProvisionChannel
from sousei.core.roles import Role
from sousei.core.templatetags.sousei import jdate
from sousei.projects.access import staffing_reader
from sousei.projects.models import Assignment
from sousei.projects.provision import client_provision
from sousei.work import access
from sousei.work.forms import DayForm, ReturnForm, day_form_initial
from sousei.work.selectors import timesheets as selectors
from sousei.work.services import timesheets as services

RECORDERS = frozenset({Role.OPERATOR, Role.PARTICIPANT})
APPROVERS = frozenset({Role.OPERATOR, Role.CLIENT})
PAGE = ProvisionChannel.PAGE
PARTICIPANTS = frozenset({Role.PARTICIPANT})


def _week_param(request: HttpRequest) -> dt.date:
    """The week asked for (?week=, or the form's week_start), this week when it is missing
    or outside the program's years."""
    raw = request.GET.get("week") or request.POST.get("week_start") or ""
    return day_in_range(raw) or clock.today()


def _recordable(request: HttpRequest, region: Region, assignment_id: int) -> Assignment:
    return access.assignment_to_record(staffing_reader(request, region), assignment_id)


def _week_url(region: Region, assignment: Assignment, week: dt.date) -> str:
    url = reverse("work-week", kwargs={"slug": region.slug, "assignment_id": assignment.pk})
    return f"{url}?week={week.isoformat()}"


@region_view(roles=PARTICIPANTS)
def my_work(request: HttpRequest, region: Region) -> HttpResponse:
    """The participant's assignments, each with a link to this week."""
    user = signed_in_user(request)
    assignments = list(selectors.assignments_of(user=user))
    today = clock.today()
    first = today.replace(day=1)
    return render(
        request,
        "work/timesheet_my_work.html",
        {
            "region": region,
            "assignments": assignments,
            "today": today,
            "month_minutes": selectors.minutes_recorded(user=user, first=first, last=today),
        },
    )


def _week_page(
    request: HttpRequest,
    region: Region,
    assignment: Assignment,
    week: dt.date,
    form: DayForm | None = None,
    status: int = 200,
) -> HttpResponse:
    view = selectors.week_view(assignment=assignment, day=week, region=region)
    if form is None:
        default_day = min(max(view.week_start, assignment.starts_on), clock.today())
        form = DayForm(
            initial={
                "date": default_day,
                "start": dt.time(9, 0),
                "end": dt.time(18, 0),
                "break1_start": dt.time(12, 0),
                "break1_end": dt.time(13, 0),
            }
        )
    return render(
        request,
        "work/timesheet_week.html",
        {
            "region": region,
            "assignment": assignment,
            "view": view,
            "form": form,
            "on_behalf": assignment.participant.person.user_id != signed_in_user(request).pk,
        },
        status=status,
    )


@region_view(roles=RECORDERS)
def work_week(request: HttpRequest, region: Region, assignment_id: int) -> HttpResponse:
    """A week of one assignment: its days and records, the form to record a day (POST),
    the submit button and the reviewer's comment when the week was returned."""
    assignment = _recordable(request, region, assignment_id)
    if request.method != "POST":
        week = _week_param(request)
        if not request.GET.get("week"):
            # "Record this week" before the assignment starts or after it ended opens its
            # first or last week, not a week where nothing can be recorded.
            week = min(max(week, assignment.starts_on), assignment.ends_on)
        return _week_page(request, region, assignment, week)
    form = DayForm(request.POST)
    if form.is_valid():
        data = form.to_input()
        try:
            services.time_record_create(
                assignment=assignment, data=data, actor=signed_in_user(request)
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, gettext("Recorded %(date)s.") % {"date": jdate(data.date)})
            return redirect(_week_url(region, assignment, data.date))
    week = form.cleaned_data.get("date") or _week_param(request)
    return _week_page(request, region, assignment, week, form=form, status=422)


@region_view(roles=RECORDERS)
def work_record_edit(
    request: HttpRequest, region: Region, assignment_id: int, record_id: int
) -> HttpResponse:
    """Change a day that is not yet submitted (GET: the form filled in with the record)."""
    record = access.time_record_visible(staffing_reader(request, region), assignment_id, record_id)
    assignment = record.assignment
    status = 200
    if request.method == "POST":
        form = DayForm(request.POST)
        if form.is_valid():
            data = form.to_input()
            try:
                services.time_record_update(record=record, data=data, actor=signed_in_user(request))
            except Conflict as conflict:
                form.add_error(None, str(conflict))
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, gettext("Changed the record of %(date)s.") % {"date": jdate(data.date)}
                )
                return redirect(_week_url(region, assignment, data.date))
        status = 422
    else:
        form = DayForm(initial=day_form_initial(record))
    return render(
        request,
        "work/timesheet_record_edit.html",
        {"region": region, "assignment": assignment, "record": record, "form": form},
        status=status,
    )


@region_view(roles=RECORDERS)
@require_POST
def work_record_delete(
    request: HttpRequest, region: Region, assignment_id: int, record_id: int
) -> HttpResponse:
    record = access.time_record_visible(staffing_reader(request, region), assignment_id, record_id)
    assignment = record.assignment
    try:
        services.time_record_delete(record=record, actor=signed_in_user(request))
    except (Conflict, ValidationError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, gettext("Deleted the record of %(date)s.") % {"date": jdate(record.date)}
        )
    return redirect(_week_url(region, assignment, record.date))


def _error_text(error: Conflict | ValidationError) -> str:
    if isinstance(error, Conflict):
        return str(error)
    return " ".join(str(m) for m in error.messages)


@region_view(roles=RECORDERS)
@require_POST
def work_week_submit(request: HttpRequest, region: Region, assignment_id: int) -> HttpResponse:
    assignment = _recordable(request, region, assignment_id)
    week = _week_param(request)
    try:
        services.week_submit(assignment=assignment, week_start=week, actor=signed_in_user(request))
    except (Conflict, ValidationError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            gettext("Submitted the week from %(date)s for approval.") % {"date": jdate(week)},
        )
    return redirect(_week_url(region, assignment, week))


@region_view(roles=APPROVERS)
def week_approvals(request: HttpRequest, region: Region) -> HttpResponse:
    """Submitted weeks of the projects the caller approves, oldest first."""
    reader = staffing_reader(request, region)
    weeks = list(selectors.weeks_waiting(reader=reader)[:200])
    client_provision(
        request, region, (w.assignment for w in weeks), channel=PAGE, source="work.approvals"
    )
    return render(request, "work/timesheet_approvals.html", {"region": region, "weeks": weeks})


def _decidable(request: HttpRequest, region: Region, assignment_id: int) -> Assignment:
    return access.assignment_to_decide(staffing_reader(request, region), assignment_id)


def _review_page(
    request: HttpRequest,
    region: Region,
    assignment: Assignment,
    week: dt.date,
    return_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    view = selectors.week_view(assignment=assignment, day=week, region=region)
    return render(
        request,
        "work/timesheet_review.html",
        {
            "region": region,
            "assignment": assignment,
            "view": view,
            "return_form": return_form or ReturnForm(initial={"week_start": view.week_start}),
        },
        status=status,
    )


@region_view(roles=APPROVERS)
def week_review(request: HttpRequest, region: Region, assignment_id: int) -> HttpResponse:
    """One submitted week for the approver: every day with its breaks, approve or return."""
    assignment = _decidable(request, region, assignment_id)
    client_provision(request, region, [assignment], channel=PAGE, source="work.week_review")
    return _review_page(request, region, assignment, _week_param(request))


@region_view(roles=APPROVERS)
@require_POST
def week_approve(request: HttpRequest, region: Region, assignment_id: int) -> HttpResponse:
    assignment = _decidable(request, region, assignment_id)
    week = _week_param(request)
    try:
        services.week_approve(assignment=assignment, week_start=week, actor=signed_in_user(request))
    except Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Approved the week from %(date)s of %(person)s.")
            % {"date": jdate(week), "person": assignment.participant.person.full_name},
        )
    return redirect(reverse("week-approvals", kwargs={"slug": region.slug}))


@region_view(roles=APPROVERS)
@require_POST
def week_return(request: HttpRequest, region: Region, assignment_id: int) -> HttpResponse:
    assignment = _decidable(request, region, assignment_id)
    form = ReturnForm(request.POST)
    if form.is_valid():
        week = form.cleaned_data["week_start"]
        try:
            services.week_return(
                assignment=assignment,
                week_start=week,
                comment=form.cleaned_data["comment"],
                actor=signed_in_user(request),
            )
        except Conflict as error:
            messages.error(request, str(error))
        except ValidationError as error:
            form.add_error("comment", error.messages)
            return _review_page(request, region, assignment, week, form, status=422)
        else:
            messages.success(
                request,
                gettext("Returned the week from %(date)s with your comment.")
                % {"date": jdate(week)},
            )
        return redirect(reverse("week-approvals", kwargs={"slug": region.slug}))
    return _review_page(request, region, assignment, _week_param(request), form, status=422)
