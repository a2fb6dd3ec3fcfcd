"""What hiring's audit action codes mean to a reader, and the recruiting panel on the region
dashboard (both registered from RecruitingConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register
from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.hiring.funnel import funnel

HIRING_LABELS = {
    "opening.create": _("Job opening created"),
    "opening.update": _("Job opening updated"),
    "opening.status": _("Job opening status changed"),
    "candidacy.apply": _("Applied for a job"),
    "candidacy.move": _("Candidate moved to another stage"),
    "interview.schedule": _("Interview scheduled"),
    "scorecard.submit": _("Scorecard submitted"),
    "offer.draft": _("Offer drafted"),
    "offer.approve": _("Offer approved"),
    "offer.accept": _("Offer accepted"),
    "offer.decline": _("Offer declined"),
    "employee.create": _("Hired: employee record created"),
}


def funnel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    return {"funnel": funnel()}


def register() -> None:
    action_labels_register(HIRING_LABELS)
    panel_register(
        Panel(
            name="hiring.funnel",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="hiring/_panel_funnel.html",
            context=funnel_context,
        )
    )
