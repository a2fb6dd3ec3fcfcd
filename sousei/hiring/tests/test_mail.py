"""Candidates' e-mails: sent once by the task, in the language they applied in, the
interview invitation with its .ics, the offer with its personal link; reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.outbox.tasks import outbox_send
from sousei.core.tests.factories import UserFactory
from sousei.hiring.selectors import candidacy_mails
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import (
    InterviewInput,
    OfferInput,
    interview_schedule,
    offer_approve,
    offer_draft,
)
from sousei.hiring.tasks import interview_reminders_send
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
)

pytestmark = pytest.mark.usefixtures("media")


def send(record: OutboxMessage, region: Region) -> None:
    assert outbox_send.call(message_id=record.pk, region_id=region.pk)


def test_the_receipt_goes_out_once_in_the_candidates_language(in_koga: Region) -> None:
    candidacy = apply(opening(in_koga), language="en")
    (record,) = candidacy_mails(candidacy=candidacy)
    assert record.kind == "application_received"
    assert record.language == "en"
    send(record, in_koga)
    assert not outbox_send.call(message_id=record.pk, region_id=in_koga.pk)
    (message,) = mail.outbox
    assert message.to == [candidacy.person.email]
    assert message.subject.startswith("[創生 Sousei] We have received your application")
    assert f"/r/koga/jobs/{candidacy.opening_id}/" in message.body


def test_the_invitation_carries_the_ics_and_the_offer_its_link(in_koga: Region, cast: Cast) -> None:
    operator = cast.user("operator")
    candidacy = apply(opening(in_koga))
    start = timezone.now() + dt.timedelta(days=3)
    interview_schedule(
        candidacy_id=candidacy.pk,
        data=InterviewInput(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            interviewer_ids=[operator.pk],
            online_url="https://meet.example.jp/x",
        ),
        actor=operator,
    )
    send(OutboxMessage.objects.get(kind="interview_invitation"), in_koga)
    invitation = mail.outbox[-1]
    assert invitation.subject.endswith(f"面接のご案内：{candidacy.opening.title}")
    (name, ics, kind) = invitation.attachments[0]
    assert name == "interview.ics"
    assert "BEGIN:VEVENT" in ics
    assert kind.startswith("text/calendar")

    candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=operator)
    today = timezone.localdate()
    offer = offer_draft(
        candidacy_id=candidacy.pk,
        data=OfferInput(
            salary_jpy=4_200_000,
            start_date=today + dt.timedelta(days=40),
            respond_by=today + dt.timedelta(days=7),
        ),
        actor=operator,
    )
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    send(OutboxMessage.objects.get(kind="offer"), in_koga)
    body = mail.outbox[-1].body
    assert "¥4,200,000" in body
    assert "採用企業：株式会社ミライワークス" in body
    assert "/r/koga/jobs/offer/" in body


def test_a_reminder_goes_once_the_day_before(in_koga: Region, cast: Cast) -> None:
    operator = cast.user("operator")
    candidacy = apply(opening(in_koga))
    start = timezone.now() + dt.timedelta(days=3)
    interview_schedule(
        candidacy_id=candidacy.pk,
        data=InterviewInput(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            interviewer_ids=[operator.pk],
            place="快生館",
        ),
        actor=operator,
    )
    assert interview_reminders_send.call() == 0
    day_before = (start - dt.timedelta(hours=20)).isoformat()
    assert interview_reminders_send.call(now=day_before) == 1
    assert interview_reminders_send.call(now=day_before) == 0
    assert OutboxMessage.objects.filter(kind="interview_reminder").count() == 1
