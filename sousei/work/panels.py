"""Work's panels on the region dashboard: weeks to approve and the participant's pay
(registered from WorkConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.core import clock
from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
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


def register() -> None:
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
