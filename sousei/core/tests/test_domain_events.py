"""Domain events reach their subscribers inside the publisher's transaction, and only theirs."""

from __future__ import annotations

import pytest
from django.db import transaction

from sousei.core import domain_events
from sousei.core.domain_events import (
    DomainEvent,
    domain_event_publish,
    domain_event_subscribe,
)
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope


@pytest.fixture
def clean_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    # The apps' own subscriptions stay out of these tests; each test sees only its handlers.
    monkeypatch.setattr(domain_events, "_handlers", {})


@pytest.mark.usefixtures("clean_handlers")
def test_it_tells_the_subscribers_of_the_kind_and_the_wildcard(koga: Region) -> None:
    seen: list[tuple[str, DomainEvent]] = []
    domain_event_subscribe("offer.accepted", lambda event: seen.append(("offer", event)))
    domain_event_subscribe("*", lambda event: seen.append(("all", event)))

    domain_event_publish(kind="booking.created", region=koga, payload={"booking_id": 7})
    domain_event_publish(kind="offer.accepted", region=koga, payload={"offer_id": 3})

    assert [(who, event.kind) for who, event in seen] == [
        ("all", "booking.created"),
        ("offer", "offer.accepted"),
        ("all", "offer.accepted"),
    ]
    assert seen[1][1].region_slug == "koga"
    assert seen[1][1].payload == {"offer_id": 3}


@pytest.mark.usefixtures("clean_handlers")
def test_it_subscribes_a_handler_once() -> None:
    seen: list[DomainEvent] = []

    def handler(event: DomainEvent) -> None:
        seen.append(event)

    domain_event_subscribe("booking.created", handler)
    domain_event_subscribe("booking.created", handler)
    assert domain_events._handlers["booking.created"] == [handler]


@pytest.mark.usefixtures("clean_handlers")
def test_it_refuses_a_kind_nobody_defined(koga: Region) -> None:
    with pytest.raises(ValueError, match=r"booking\.made"):
        domain_event_subscribe("booking.made", lambda event: None)
    with pytest.raises(ValueError, match=r"booking\.made"):
        domain_event_publish(kind="booking.made", region=koga, payload={})


@pytest.mark.usefixtures("clean_handlers")
def test_what_a_handler_writes_rolls_back_with_the_publisher(koga: Region) -> None:
    def handler(event: DomainEvent) -> None:
        AuditEntry.objects.create(
            region_id=event.region_id, action="test.handled", object_type="x", object_id="1"
        )

    domain_event_subscribe("booking.created", handler)
    with region_scope(koga):
        before = AuditEntry.objects.count()

    def book_then_fail() -> None:
        with transaction.atomic():
            domain_event_publish(kind="booking.created", region=koga, payload={"booking_id": 1})
            raise RuntimeError("the booking failed after the event")

    with pytest.raises(RuntimeError):
        book_then_fail()
    with region_scope(koga):
        assert AuditEntry.objects.count() == before
