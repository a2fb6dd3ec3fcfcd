"""Reminders of breach reports coming due, to every operator of the region, in each one's
language (their inbox and e-mail, as they chose), linking to the incident."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.models import Membership
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import notification_send
from sousei.core.roles import Role
from sousei.core.text import format_date
from sousei.privacy.breach.selectors import BreachView


class Kind(models.TextChoices):
    BREACH_REPORT_DUE = "breach_report_due", gettext_lazy("Breach report due")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def incident_path(view: BreachView) -> str:
    incident = view.incident
    return reverse(
        "privacy-breach-detail",
        kwargs={"slug": incident.region.slug, "incident_id": incident.pk},
    )


def _operators() -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.filter(role=Role.OPERATOR, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    ]


def notify_breach_report_due(*, view: BreachView, report: str) -> list[OutboxMessage]:
    """Remind the region's operators that the preliminary or final report of an incident to
    the PPC is due (or overdue)."""
    incident = view.incident
    due = incident.preliminary_due_on if report == "preliminary" else incident.final_due_on

    def text() -> tuple[str, str]:
        values = {"title": incident.title, "date": format_date(due)}
        if report == "preliminary":
            subject = _("Breach: the preliminary report to the PPC is due on %(date)s") % values
            body = _(
                "The incident “%(title)s” looks reportable to the Personal Information "
                "Protection Commission. Its preliminary report (速報) is due on %(date)s. File "
                "it, then record the day it was filed on the incident's page."
            )
        else:
            subject = _("Breach: the final report to the PPC is due on %(date)s") % values
            body = _(
                "The final report (確報) of the incident “%(title)s” to the Personal "
                "Information Protection Commission is due on %(date)s. File it, then record "
                "the day it was filed on the incident's page."
            )
        return subject, body % values

    sent = []
    for user in _operators():
        message = notification_send(
            region=incident.region,
            user=user,
            kind=Kind.BREACH_REPORT_DUE,
            text=text,
            link=incident_path(view),
            about=incident,
        )
        if message is not None:
            sent.append(message)
    return sent
