"""For the write services' tests: record the domain events a service publishes, in order.

    published = events_recorded(monkeypatch)

replaces the apps' own subscribers (webhooks, onboarding) by one that records, for the rest
of the test, so the test sees exactly what its service told and nothing else runs."""

from __future__ import annotations

import pytest

from sousei.core import domain_events
from sousei.core.domain_events import DomainEvent


def events_recorded(monkeypatch: pytest.MonkeyPatch) -> list[DomainEvent]:
    seen: list[DomainEvent] = []
    monkeypatch.setattr(domain_events, "_handlers", {domain_events.WILDCARD: [seen.append]})
    return seen


def of_kind(events: list[DomainEvent], kind: str) -> list[DomainEvent]:
    return [event for event in events if event.kind == kind]
