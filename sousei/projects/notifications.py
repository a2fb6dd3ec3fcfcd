"""Notifications of projects: an assignment made (to the participant), in their inbox and by
e-mail (as they chose), in their language, through the outbox, linking to their work page."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import notification_send
from sousei.core.text import format_date, yen
from sousei.projects.models import Assignment


class Kind(models.TextChoices):
    ASSIGNMENT_MADE = "assignment_made", gettext_lazy("Assignment made")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def notify_assignment_made(*, assignment: Assignment, hourly_rate_jpy: int) -> OutboxMessage | None:
    """Tell the participant they are on the project, from when and at what rate."""
    project = assignment.project

    def text() -> tuple[str, str]:
        values = {
            "project": project.title,
            "start": format_date(assignment.starts_on),
            "end": format_date(assignment.ends_on),
            "rate": yen(hourly_rate_jpy),
        }
        return (
            _("You are assigned to %(project)s") % values,
            _(
                "You work on %(project)s from %(start)s to %(end)s at %(rate)s an hour. "
                "Record your hours each day on your work page and submit each week."
            )
            % values,
        )

    return notification_send(
        region=assignment.region,
        user=assignment.participant.person.user,
        kind=Kind.ASSIGNMENT_MADE,
        text=text,
        link=reverse(
            "work-week", kwargs={"slug": assignment.region.slug, "assignment_id": assignment.pk}
        ),
        about=assignment,
    )
