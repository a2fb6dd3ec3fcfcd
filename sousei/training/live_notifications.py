"""Notifications about live sessions to the invited learners: invited (with the time and how
to join) and cancelled. In their inbox and by e-mail, in their language, through the outbox,
each with the link to the session's page (which has the calendar file)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import notification_send
from sousei.core.text import format_date
from sousei.training.models import Enrolment, LiveSession


class Kind(models.TextChoices):
    LIVE_SESSION_INVITED = "live_session_invited", gettext_lazy("Live session scheduled")
    LIVE_SESSION_CANCELLED = "live_session_cancelled", gettext_lazy("Live session cancelled")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def session_path(session: LiveSession) -> str:
    return reverse(
        "live-session-detail", kwargs={"slug": session.region.slug, "session_id": session.pk}
    )


def when_text(session: LiveSession) -> str:
    """「2026年12月8日(火) 10:00–12:00」 in Japanese, the English date otherwise."""
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    return f"{format_date(starts.date())} {starts:%H:%M}–{ends:%H:%M}"


def notify_invited(*, session: LiveSession, enrolment: Enrolment) -> OutboxMessage | None:
    def text() -> tuple[str, str]:
        values = {
            "title": session.title,
            "course": session.course.title,
            "when": when_text(session),
        }
        return (
            _("Live session: %(title)s, %(when)s") % values,
            _(
                "You are invited to the live session %(title)s of %(course)s on %(when)s. "
                "Join from the session's page in Sousei, so your attendance counts as study; "
                "the page also has the calendar file."
            )
            % values,
        )

    return notification_send(
        region=session.region,
        user=enrolment.participant.person.user,
        kind=Kind.LIVE_SESSION_INVITED,
        text=text,
        link=session_path(session),
        about=session,
    )


def notify_cancelled(*, session: LiveSession, enrolment: Enrolment) -> OutboxMessage | None:
    def text() -> tuple[str, str]:
        values = {"title": session.title, "when": when_text(session)}
        return (
            _("Cancelled: live session %(title)s, %(when)s") % values,
            _("The live session %(title)s on %(when)s is cancelled. Your trainer will say more.")
            % values,
        )

    return notification_send(
        region=session.region,
        user=enrolment.participant.person.user,
        kind=Kind.LIVE_SESSION_CANCELLED,
        text=text,
        link=session_path(session),
        about=session,
    )
