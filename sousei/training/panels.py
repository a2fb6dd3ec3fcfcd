"""Training's panels on the region dashboard (registered in TrainingConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.access import region_reader, signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
from sousei.core.roles import Role
from sousei.training import selectors
from sousei.training.access import trainer_scope


def learner_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    participant = selectors.participant_of(user=signed_in_user(request))
    if participant is None:
        return {"progress": []}
    return {
        "progress": selectors.enrolments_progress(
            enrolments=list(selectors.enrolments_of(participant=participant)[:5])
        )
    }


def staff_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    today = clock.today()
    return {
        "at_risk": selectors.at_risk_page(
            trainer_id=trainer_scope(region_reader(request, region)), page=1, size=5
        ),
        "pools": selectors.pool_utilisation(day=today, current_only=True),
        "today": today,
    }


def plans_at_risk(request: HttpRequest, region: Region) -> int:
    return selectors.at_risk_count(trainer_id=trainer_scope(region_reader(request, region)))


def sessions_to_close(request: HttpRequest, region: Region) -> int:
    """The trainer's sessions (the office: all), as the live sessions page lists them."""
    return selectors.live_sessions_to_close(
        before=clock.now(), trainer_id=trainer_scope(region_reader(request, region))
    )


def register() -> None:
    queue_register(
        QueueItem(
            name="training.live_to_close",
            roles=frozenset({Role.OPERATOR, Role.TRAINER}),
            label=_("Live sessions whose attendance is still open"),
            url="live-session-list",
            count=sessions_to_close,
        )
    )
    queue_register(
        QueueItem(
            name="training.at_risk",
            roles=frozenset({Role.OPERATOR, Role.TRAINER}),
            label=_("Study plans at risk"),
            url="at-risk",
            count=plans_at_risk,
        )
    )
    panel_register(
        Panel(
            name="training.learner",
            roles=frozenset({Role.PARTICIPANT}),
            template="training/_panel_learner.html",
            context=learner_context,
        )
    )
    panel_register(
        Panel(
            name="training.staff",
            roles=frozenset({Role.OPERATOR, Role.TRAINER}),
            template="training/_panel_staff.html",
            context=staff_context,
        )
    )
