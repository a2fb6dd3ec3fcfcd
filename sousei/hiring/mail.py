"""E-mails to candidates, in the language they applied in, sent by a background task after
the transaction commits (a rolled-back change sends nothing). Each is a CandidateMail row,
so the candidacy page lists what went out and a retried task sends it once.

The texts are templates per language: hiring/hiring_mail/<kind>.<ja|en>.txt, whose
first line is the subject."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from sousei.core import clock
from sousei.hiring import links
from sousei.hiring.ics import interview_calendar
from sousei.hiring.models import (
    Candidacy,
    CandidateMail,
    Interview,
    Offer,
    stage_label,
)


def queue(
    *,
    candidacy: Candidacy,
    kind: str,
    stage: str = "",
    interview: Interview | None = None,
    offer: Offer | None = None,
) -> CandidateMail:
    """Record the mail and send it from the task queue once the transaction commits."""
    from sousei.hiring.tasks import candidate_mail_send

    record = CandidateMail.objects.create(
        region=candidacy.region,
        candidacy=candidacy,
        kind=kind,
        stage=stage,
        interview=interview,
        offer=offer,
        created_at=clock.now(),
    )
    transaction.on_commit(
        lambda: candidate_mail_send.enqueue(mail_id=record.pk, region_id=record.region_id)
    )
    return record


def message_for(record: CandidateMail) -> EmailMessage:
    """The e-mail of a CandidateMail, rendered in the candidacy's language."""
    candidacy = record.candidacy
    opening = candidacy.opening
    region = candidacy.region
    language = candidacy.language if candidacy.language in ("ja", "en") else "ja"
    with translation.override(language):
        context = {
            "candidacy": candidacy,
            "opening": opening,
            "region_name": region.name_en if language == "en" else region.name_ja,
            "stage": stage_label(record.stage) if record.stage else "",
            "interview": record.interview,
            "offer": record.offer,
            "job_url": links.opening_url(slug=region.slug, opening_id=opening.pk),
            "offer_url": (
                links.offer_url(slug=region.slug, region_id=region.pk, offer_id=record.offer.pk)
                if record.offer is not None
                else ""
            ),
        }
        if record.interview is not None:
            interview = record.interview
            context["interview_start"] = timezone.localtime(interview.starts_at)
            context["interview_end"] = timezone.localtime(interview.ends_at)
        text = render_to_string(f"hiring/hiring_mail/{record.kind}.{language}.txt", context)
    subject, _, body = text.strip().partition("\n")
    message = EmailMessage(
        subject=f"[創生 Sousei] {subject.strip()}",
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[candidacy.email],
    )
    if record.interview is not None and record.kind in (
        "interview_invitation",
        "interview_reminder",
    ):
        message.attach(
            "interview.ics",
            interview_calendar(record.interview, for_candidate=True),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message
