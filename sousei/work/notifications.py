"""Notifications of work: a week to approve (to the project's client users), a week approved,
a week returned and a timesheet missing (to the participant), a pay statement ready (to the
participant). In each recipient's inbox and by e-mail (as they chose), in their language,
through the outbox, each with the link of the page where they act on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
from sousei.core.text import format_date, format_month, hours_text
from sousei.projects.models import Assignment
from sousei.work.models.payroll import PayStatement
from sousei.work.models.timesheets import WeekReview


class Kind(models.TextChoices):
    WEEK_TO_APPROVE = "week_to_approve", gettext_lazy("Week to approve")
    WEEK_APPROVED = "week_approved", gettext_lazy("Week approved")
    WEEK_RETURNED = "week_returned", gettext_lazy("Week returned")
    TIMESHEET_MISSING = "timesheet_missing", gettext_lazy("Timesheet missing")
    PAY_STATEMENT_READY = "pay_statement_ready", gettext_lazy("Pay statement ready")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def _participant_user(assignment: Assignment) -> User | None:
    return assignment.participant.person.user


def _tell_participant_of_week(
    *,
    assignment: Assignment,
    week_start: dt.date,
    kind: str,
    text: Callable[[], tuple[str, str]],
    about: models.Model,
) -> OutboxMessage | None:
    """A message about one week to the assignment's participant, linking to that week."""
    return notification_send(
        region=assignment.region,
        user=_participant_user(assignment),
        kind=kind,
        text=text,
        link=week_path(assignment=assignment, week_start=week_start),
        about=about,
    )


def week_path(*, assignment: Assignment, week_start: dt.date) -> str:
    """The participant's page of that week."""
    path = reverse(
        "work-week", kwargs={"slug": assignment.region.slug, "assignment_id": assignment.pk}
    )
    return f"{path}?week={week_start.isoformat()}"


def review_path(*, assignment: Assignment, week_start: dt.date) -> str:
    """The approver's page of that week."""
    path = reverse(
        "week-review", kwargs={"slug": assignment.region.slug, "assignment_id": assignment.pk}
    )
    return f"{path}?week={week_start.isoformat()}"


def client_users(assignment: Assignment) -> list[User]:
    """The users of the project's client company in the region (who approve its weeks)."""
    memberships = (
        Membership.objects.filter(
            role=Role.CLIENT, organization_id=assignment.project.client_id, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    )
    return [membership.user for membership in memberships]


def notify_week_to_approve(*, review: WeekReview) -> list[OutboxMessage]:
    """Tell the project's client users that a submitted week awaits their approval."""
    assignment = review.assignment
    person = assignment.participant.person
    link = review_path(assignment=assignment, week_start=review.week_start)

    def text() -> tuple[str, str]:
        values = {
            "person": person.full_name,
            "week": format_date(review.week_start),
            "project": assignment.project.title,
        }
        return (
            _("%(person)s's week from %(week)s awaits your approval") % values,
            _(
                "%(person)s submitted the week from %(week)s on %(project)s. Check the hours "
                "and approve the week, or return it with what needs to change."
            )
            % values,
        )

    sent = []
    for user in client_users(assignment):
        message = notification_send(
            region=review.region,
            user=user,
            kind=Kind.WEEK_TO_APPROVE,
            text=text,
            link=link,
            about=review,
        )
        if message is not None:
            sent.append(message)
    return sent


def notify_week_approved(*, review: WeekReview, worked_minutes: int) -> OutboxMessage | None:
    """Tell the participant their week's hours are approved and will be paid."""
    assignment = review.assignment

    def text() -> tuple[str, str]:
        values = {
            "week": format_date(review.week_start),
            "project": assignment.project.title,
            "hours": hours_text(worked_minutes),
        }
        return (
            _("Your week from %(week)s was approved") % values,
            _(
                "Your week from %(week)s on %(project)s was approved: %(hours)s hours worked. "
                "These hours are paid with the pay statement of their month."
            )
            % values,
        )

    return _tell_participant_of_week(
        assignment=assignment,
        week_start=review.week_start,
        kind=Kind.WEEK_APPROVED,
        text=text,
        about=review,
    )


def notify_week_returned(*, review: WeekReview) -> OutboxMessage | None:
    """Tell the participant that their week came back, with the reviewer's comment."""
    assignment = review.assignment

    def text() -> tuple[str, str]:
        values = {
            "week": format_date(review.week_start),
            "project": assignment.project.title,
            "comment": review.comment,
        }
        return (
            _("Your week from %(week)s was returned") % values,
            _(
                "Your week from %(week)s on %(project)s was returned with this comment:\n"
                "%(comment)s\n\nMend the days, then submit the week again."
            )
            % values,
        )

    return _tell_participant_of_week(
        assignment=assignment,
        week_start=review.week_start,
        kind=Kind.WEEK_RETURNED,
        text=text,
        about=review,
    )


def notify_timesheet_missing(
    *, assignment: Assignment, week_start: dt.date
) -> OutboxMessage | None:
    """Remind the participant that the week that just ended is not submitted."""

    def text() -> tuple[str, str]:
        values = {"week": format_date(week_start), "project": assignment.project.title}
        return (
            _("Your week from %(week)s is not submitted yet") % values,
            _(
                "The week from %(week)s on %(project)s has ended, but its hours are not "
                "submitted. Record the days you worked and submit the week, so that the client "
                "can approve it and you are paid on time."
            )
            % values,
        )

    return _tell_participant_of_week(
        assignment=assignment,
        week_start=week_start,
        kind=Kind.TIMESHEET_MISSING,
        text=text,
        about=assignment,
    )


def notify_pay_statement_ready(*, statement: PayStatement) -> OutboxMessage | None:
    """Tell the participant that their statement of the month can be read."""

    def text() -> tuple[str, str]:
        values = {
            "month": format_month(statement.month),
            "project": statement.assignment.project.title,
        }
        return (
            _("Your pay statement for %(month)s is ready") % values,
            _(
                "Your pay statement for %(month)s on %(project)s is ready. Open it to see the "
                "days, hours and rates it pays."
            )
            % values,
        )

    return notification_send(
        region=statement.region,
        user=statement.participant.person.user,
        kind=Kind.PAY_STATEMENT_READY,
        text=text,
        link=reverse(
            "pay-statement",
            kwargs={"slug": statement.region.slug, "statement_id": statement.pk},
        ),
        about=statement,
    )
