"""Notifications of hiring to the program's staff: an interview scheduled (to its
interviewers) and its reminder, an offer awaiting a second operator's approval, an offer sent
(to the operator who drafted it) and an offer answered (to the operators who drafted and
approved it). In each recipient's inbox and by e-mail (as they chose), in their language,
through the outbox, linking to the candidacy. The candidates' own mails are in mail.py."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.models import Membership
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import notification_send
from sousei.core.roles import Role
from sousei.core.text import format_date, yen
from sousei.hiring.models import Candidacy, Interview, Interviewer, Offer, OfferStatus


class Kind(models.TextChoices):
    INTERVIEW_SCHEDULED = "interview_scheduled", gettext_lazy("Interview scheduled")
    INTERVIEW_PANEL_REMINDER = (
        "interview_panel_reminder",
        gettext_lazy("Interview reminder (panel)"),
    )
    OFFER_TO_APPROVE = "offer_to_approve", gettext_lazy("Offer to approve")
    OFFER_SENT = "offer_sent", gettext_lazy("Offer sent")
    OFFER_ANSWERED = "offer_answered", gettext_lazy("Offer answered")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def candidacy_path(candidacy: Candidacy) -> str:
    return reverse(
        "candidacy-detail", kwargs={"slug": candidacy.region.slug, "candidacy_id": candidacy.pk}
    )


def _send_each(
    users: list[User],
    *,
    candidacy: Candidacy,
    kind: str,
    text: Callable[[], tuple[str, str]],
    about: models.Model,
) -> list[OutboxMessage]:
    sent = []
    for user in users:
        message = notification_send(
            region=candidacy.region,
            user=user,
            kind=kind,
            text=text,
            link=candidacy_path(candidacy),
            about=about,
        )
        if message is not None:
            sent.append(message)
    return sent


def _interview_values(interview: Interview) -> dict[str, str]:
    candidacy = interview.candidacy
    starts = timezone.localtime(interview.starts_at)
    return {
        "name": candidacy.person.full_name,
        "opening": candidacy.opening.title,
        "day": format_date(starts.date()),
        "time": starts.strftime("%H:%M"),
        "place": interview.place or interview.online_url,
    }


def _interviewers(interview: Interview) -> list[User]:
    return [
        panel.user
        for panel in Interviewer.objects.filter(interview=interview)
        .select_related("user")
        .order_by("user_id")
        if panel.user.is_active
    ]


def notify_interview_scheduled(*, interview: Interview) -> list[OutboxMessage]:
    """Tell each interviewer of the panel when and where they interview whom."""

    def text() -> tuple[str, str]:
        values = _interview_values(interview)
        return (
            _("Interview with %(name)s on %(day)s at %(time)s") % values,
            _(
                "You are on the panel interviewing %(name)s for %(opening)s on %(day)s at "
                "%(time)s (%(place)s). Read the candidacy beforehand; after the interview, "
                "fill in your scorecard."
            )
            % values,
        )

    return _send_each(
        _interviewers(interview),
        candidacy=interview.candidacy,
        kind=Kind.INTERVIEW_SCHEDULED,
        text=text,
        about=interview,
    )


def notify_interview_panel_reminder(*, interview: Interview) -> list[OutboxMessage]:
    """Remind the panel of an interview the day before (with the candidate's reminder)."""

    def text() -> tuple[str, str]:
        values = _interview_values(interview)
        return (
            _("Reminder: interview with %(name)s on %(day)s at %(time)s") % values,
            _("You interview %(name)s for %(opening)s on %(day)s at %(time)s (%(place)s).")
            % values,
        )

    return _send_each(
        _interviewers(interview),
        candidacy=interview.candidacy,
        kind=Kind.INTERVIEW_PANEL_REMINDER,
        text=text,
        about=interview,
    )


def _offer_values(offer: Offer) -> dict[str, str]:
    candidacy = offer.candidacy
    return {
        "name": candidacy.person.full_name,
        "opening": candidacy.opening.title,
        "salary": yen(offer.salary_jpy),
        "start": format_date(offer.start_date),
    }


def notify_offer_to_approve(*, offer: Offer) -> list[OutboxMessage]:
    """Ask the region's other operators to approve a drafted offer (four eyes)."""
    operators = [
        membership.user
        for membership in Membership.objects.filter(role=Role.OPERATOR, user__is_active=True)
        .exclude(user_id=offer.created_by_id)
        .select_related("user")
        .order_by("user_id")
    ]

    def text() -> tuple[str, str]:
        values = _offer_values(offer)
        return (
            _("An offer to %(name)s awaits your approval") % values,
            _(
                "An offer to %(name)s for %(opening)s (%(salary)s a year, starting %(start)s) "
                "was drafted. Another operator than its author approves it before the "
                "candidate receives it."
            )
            % values,
        )

    return _send_each(
        operators, candidacy=offer.candidacy, kind=Kind.OFFER_TO_APPROVE, text=text, about=offer
    )


def notify_offer_sent(*, offer: Offer) -> list[OutboxMessage]:
    """Tell the offer's author that it was approved and sent to the candidate."""

    def text() -> tuple[str, str]:
        values = _offer_values(offer)
        values["respond_by"] = format_date(offer.respond_by)
        return (
            _("Your offer to %(name)s was approved and sent") % values,
            _(
                "The offer to %(name)s for %(opening)s was approved and sent. The candidate "
                "can answer until %(respond_by)s."
            )
            % values,
        )

    authors = [offer.created_by] if offer.created_by is not None else []
    return _send_each(
        authors, candidacy=offer.candidacy, kind=Kind.OFFER_SENT, text=text, about=offer
    )


def notify_offer_answered(*, offer: Offer) -> list[OutboxMessage]:
    """Tell the operators who drafted and approved the offer what the candidate answered."""
    accepted = offer.status == OfferStatus.ACCEPTED

    def text() -> tuple[str, str]:
        values = _offer_values(offer)
        if accepted:
            return (
                _("%(name)s accepted the offer") % values,
                _(
                    "%(name)s accepted the offer for %(opening)s and starts on %(start)s. "
                    "Prepare their first day."
                )
                % values,
            )
        return (
            _("%(name)s declined the offer") % values,
            _("%(name)s declined the offer for %(opening)s; the candidacy is withdrawn.") % values,
        )

    users: list[User] = []
    for user in (offer.created_by, offer.approved_by):
        if user is not None and user not in users:
            users.append(user)
    return _send_each(
        users, candidacy=offer.candidacy, kind=Kind.OFFER_ANSWERED, text=text, about=offer
    )
