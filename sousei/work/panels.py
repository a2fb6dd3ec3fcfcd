"""Work's panels on the region dashboard: weeks to approve and the participant's pay
(registered from WorkConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
from sousei.core.roles import Role


def approvals_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    from sousei.projects.access import staffing_reader
    from sousei.work.selectors.payroll import pay_runs
    from sousei.work.selectors.timesheets import weeks_waiting

    waiting = weeks_waiting(reader=staffing_reader(request, region))
    weeks = list(waiting[:5])
    return {
        "weeks": weeks,
        "count": waiting.count() if len(weeks) == 5 else len(weeks),
        "last_run": pay_runs().first() if Role.OPERATOR in _roles(request, region) else None,
    }


def _roles(request: HttpRequest, region: Region) -> frozenset[str]:
    from sousei.core.access import region_roles

    return region_roles(request, region)


def participant_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    from sousei.work.selectors.payroll import statements_of
    from sousei.work.selectors.timesheets import minutes_recorded

    user = signed_in_user(request)
    today = clock.today()
    last = statements_of(user=user).first()
    gross = 0
    if last is not None:
        gross = sum(s.gross_jpy for s in statements_of(user=user).filter(month=last.month))
    return {
        "month_minutes": minutes_recorded(user=user, first=today.replace(day=1), last=today),
        "last_statement": last,
        "last_gross": gross,
    }


def weeks_to_approve(request: HttpRequest, region: Region) -> int:
    from sousei.projects.access import staffing_reader
    from sousei.work.selectors.timesheets import weeks_waiting

    return weeks_waiting(reader=staffing_reader(request, region)).count()


def timesheets_missing(request: HttpRequest, region: Region) -> int:
    from sousei.work.selectors.timesheets import timesheets_missing

    return timesheets_missing(region=region, today=clock.today()).count()


def weeks_returned(request: HttpRequest, region: Region) -> int:
    from sousei.work.selectors.timesheets import weeks_returned_count

    return weeks_returned_count(user=signed_in_user(request))


def register() -> None:
    queue_register(
        QueueItem(
            name="work.weeks_to_approve",
            roles=frozenset({Role.OPERATOR, Role.CLIENT}),
            label=_("Weeks to approve"),
            url="week-approvals",
            count=weeks_to_approve,
        )
    )
    queue_register(
        QueueItem(
            name="work.timesheets_missing",
            roles=frozenset({Role.OPERATOR}),
            label=_("Last week's timesheets not handed in"),
            url="week-approvals",
            count=timesheets_missing,
        )
    )
    queue_register(
        QueueItem(
            name="work.weeks_returned",
            roles=frozenset({Role.PARTICIPANT}),
            label=_("Weeks returned to you to mend"),
            url="my-work",
            count=weeks_returned,
        )
    )
    panel_register(
        Panel(
            name="work.approvals",
            roles=frozenset({Role.OPERATOR, Role.CLIENT}),
            template="work/_pay_panel_approvals.html",
            context=approvals_context,
        )
    )
    panel_register(
        Panel(
            name="work.my_pay",
            roles=frozenset({Role.PARTICIPANT}),
            template="work/_pay_panel_participant.html",
            context=participant_context,
        )
    )
