"""E-mails to candidates, in the language they applied in, through the outbox: rendered
when queued, sent by the outbox's task after the transaction commits (a rolled-back change
sends nothing). Each message is about its candidacy, so the candidacy page lists what went
out, and a retried task sends it once.

The texts are templates per language: hiring/hiring_mail/<kind>.<ja|en>.txt, whose
first line is the subject."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import Attachment, message_queue, recipient_language
from sousei.hiring import links
from sousei.hiring.ics import interview_calendar
from sousei.hiring.models import Candidacy, Interview, Offer, stage_label

# Interviews are reminded this many hours ahead (by the task; one scheduled closer than that
# counts as reminded by its invitation).
REMINDER_HOURS = 24


class Kind(models.TextChoices):
    APPLICATION_RECEIVED = "application_received", _("Application received")
    INTERVIEW_INVITATION = "interview_invitation", _("Interview invitation")
    INTERVIEW_REMINDER = "interview_reminder", _("Interview reminder")
    STAGE_CHANGED = "stage_changed", _("Selection result")
    OFFER = "offer", pgettext_lazy("mail", "Offer")
    HIRED = "hired", _("Welcome")


# The kinds that carry the interview's calendar entry.
WITH_CALENDAR = (Kind.INTERVIEW_INVITATION, Kind.INTERVIEW_REMINDER)


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def queue(
    *,
    candidacy: Candidacy,
    kind: str,
    stage: str = "",
    interview: Interview | None = None,
    offer: Offer | None = None,
) -> OutboxMessage | None:
    """Write the mail of `kind` in the candidate's language and queue it in the outbox."""
    # Read as committed so far in this transaction (the stage just recorded, say), as the
    # mail would have read it had it been rendered by the task.
    candidacy = Candidacy.objects.select_related("opening", "region", "person").get(pk=candidacy.pk)
    opening = candidacy.opening
    region = candidacy.region
    language = recipient_language(candidacy.language)
    with translation.override(language):
        context: dict[str, Any] = {
            "candidacy": candidacy,
            "opening": opening,
            "region_name": region.name_en if language == "en" else region.name_ja,
            "stage": stage_label(stage) if stage else "",
            "interview": interview,
            "offer": offer,
            "job_url": links.opening_url(slug=region.slug, opening_id=opening.pk),
            "offer_url": (
                links.offer_url(slug=region.slug, offer=offer) if offer is not None else ""
            ),
        }
        if interview is not None:
            context["interview_start"] = timezone.localtime(interview.starts_at)
            context["interview_end"] = timezone.localtime(interview.ends_at)
        text = render_to_string(f"hiring/hiring_mail/{kind}.{language}.txt", context)
    subject, _newline, body = text.strip().partition("\n")
    attachment = None
    if interview is not None and kind in WITH_CALENDAR:
        attachment = Attachment.calendar(
            "interview.ics", interview_calendar(interview, for_candidate=True)
        )
    return message_queue(
        region=region,
        kind=kind,
        language=language,
        subject=subject,
        body=body.strip() + "\n",
        email=candidacy.person.email,
        # A candidate with an account finds the mail in their inbox too, with the page of
        # their applications, and may choose to get it there only.
        user=candidacy.person.user,
        in_app=candidacy.person.user is not None,
        about=candidacy,
        attachment=attachment,
        link=reverse("my-applications", kwargs={"slug": region.slug}),
    )
