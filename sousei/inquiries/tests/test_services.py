"""Receiving, answering and closing inquiries, and the spam checks in front of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import Cast
from sousei.core import clock
from sousei.core.domain_events import DomainEvent, domain_event_subscribe
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, OutboxMessage, Region
from sousei.inquiries import services
from sousei.inquiries.models import Inquiry, InquiryStatus
from sousei.inquiries.tests.factories import inquiry, inquiry_input, with_office

RECEIVED: list[DomainEvent] = []


def _collect(event: DomainEvent) -> None:
    RECEIVED.append(event)


def submit(region: Region, address: str = "192.0.2.1", **changes: Any) -> Inquiry | None:
    return services.inquiry_submit(
        region=region, data=inquiry_input(**changes), address=address, actor=None
    )


def test_an_inquiry_is_stored_acknowledged_and_announced(cast: Cast, in_koga: Region) -> None:
    domain_event_subscribe("inquiry.received", _collect)
    RECEIVED.clear()
    region = with_office(in_koga)
    received = inquiry(region, language="en")
    assert received.status == InquiryStatus.NEW
    ack = OutboxMessage.objects.get(email="ichiro@example.jp")
    assert ack.language == "en"
    assert f"No. {received.pk}" in ack.subject
    # The acknowledgement says how to reach the office.
    assert "092-555-0123" in ack.body
    assert "Koga Ekimae" in ack.body
    operator = cast.user("operator")
    note = OutboxMessage.objects.get(user=operator)
    assert note.in_app
    assert note.link == f"/r/koga/inquiries/{received.pk}/"
    # The operators' notification names no one: the sender's data stays on the inquiry.
    assert "見本" not in note.body
    assert "ichiro" not in note.body
    assert [(e.kind, dict(e.payload)) for e in RECEIVED] == [
        ("inquiry.received", {"inquiry_id": received.pk, "kind": "company"})
    ]
    assert AuditEntry.objects.filter(action="inquiry.receive", object_id=str(received.pk)).exists()


def test_a_bot_that_fills_in_the_honeypot_leaves_nothing(in_koga: Region) -> None:
    assert submit(in_koga, website="https://spam.example") is None
    assert not Inquiry.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_address_may_send_five_inquiries_an_hour(in_koga: Region) -> None:
    for number in range(services.RATE_LIMIT):
        assert submit(in_koga, email=f"sender{number}@example.jp") is not None
    with pytest.raises(services.TooManyInquiries):
        submit(in_koga, email="another@example.jp")
    assert Inquiry.objects.count() == services.RATE_LIMIT
    # Another address is not held back, and the hour passes.
    assert submit(in_koga, address="198.51.100.7", email="x@example.jp") is not None
    with clock.travel_to(clock.now() + dt.timedelta(hours=1, minutes=1)):
        assert submit(in_koga, email="later@example.jp") is not None


def test_an_email_address_may_send_five_inquiries_an_hour_from_any_address(
    in_koga: Region,
) -> None:
    for number in range(services.RATE_LIMIT):
        assert submit(in_koga, address=f"203.0.113.{number}") is not None
    with pytest.raises(services.TooManyInquiries):
        submit(in_koga, address="203.0.113.99", email="ICHIRO@example.jp ")


def test_refused_input_stores_nothing(in_koga: Region) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"consent_privacy_policy": False}, "consent_privacy_policy"),
        ({"message": "x" * 1_000_000}, "message"),
        ({"name": "見本\x00一郎"}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"kind": "alien"}, "kind"),
        ({"phone": "call me"}, "phone"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as refused:
            submit(in_koga, **changes)
        assert field in refused.value.error_dict
    assert not Inquiry.objects.exists()


def test_a_reply_is_emailed_to_the_sender_and_marks_the_inquiry_answered(
    cast: Cast, in_koga: Region
) -> None:
    received = inquiry(in_koga)
    operator = cast.user("operator")
    reply = services.inquiry_reply(
        inquiry=received, body="ご連絡ありがとうございます。", actor=operator
    )
    received.refresh_from_db()
    assert received.status == InquiryStatus.ANSWERED
    mail = OutboxMessage.objects.get(kind="inquiry_reply")
    assert mail.email == "ichiro@example.jp"
    assert mail.user is None
    assert mail.by_email
    assert reply.body in mail.body
    assert mail.about_id == received.pk


def test_answered_needs_a_reply_and_closing_records_when(cast: Cast, in_koga: Region) -> None:
    received = inquiry(in_koga)
    operator = cast.user("operator")
    with pytest.raises(Conflict):
        services.inquiry_status_set(inquiry=received, status="answered", actor=operator)
    closed = services.inquiry_status_set(inquiry=received, status="closed", actor=operator)
    assert closed.status == InquiryStatus.CLOSED
    assert closed.closed_at is not None
    with pytest.raises(ValidationError):
        services.inquiry_status_set(inquiry=received, status="lost", actor=operator)


def test_notes_are_audited_without_their_text(cast: Cast, in_koga: Region) -> None:
    received = inquiry(in_koga)
    services.inquiry_notes_set(
        inquiry=received, notes="電話で折り返し済み", actor=cast.user("operator")
    )
    entry = AuditEntry.objects.get(action="inquiry.notes")
    assert entry.changes == {"length": 9}
