"""Events and registrations for tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sousei.core.models import Region
from sousei.events.models import Event, EventKind, EventStatus, Registration
from sousei.events.services import (
    EventInput,
    ItineraryInput,
    RegistrationInput,
    registration_create,
)


def event(region: Region, **fields: Any) -> Event:
    """A published recruiting event in a week with 5 places, stored directly (no checks)."""
    starts = fields.pop("starts_at", None) or timezone.now() + dt.timedelta(days=7)
    values: dict[str, Any] = {
        "kind": EventKind.RECRUITING_EVENT,
        "title": "古賀で働く説明会",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=3),
        "capacity": 5,
        "status": EventStatus.PUBLISHED,
        "venue": "快生館",
    }
    values.update(fields)
    return Event.objects.create(region=region, **values)


def event_input(**fields: Any) -> EventInput:
    starts = fields.pop("starts_at", None) or timezone.now() + dt.timedelta(days=14)
    values: dict[str, Any] = {
        "kind": EventKind.WORKATION_INTERNSHIP,
        "title": "古賀ワーケーション・インターン",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(days=2, hours=8),
        "capacity": 15,
        "status": EventStatus.PUBLISHED,
        "itinerary": (
            ItineraryInput(starts_at=starts, activity="work_session", title="快生館で業務体験"),
            ItineraryInput(
                starts_at=starts + dt.timedelta(days=1), activity="nature", title="薬王寺温泉"
            ),
        ),
    }
    values.update(fields)
    return EventInput(**values)


def person(n: int = 1, **fields: Any) -> RegistrationInput:
    values: dict[str, Any] = {
        "family_name": "古賀",
        "given_name": f"学{n}",
        "family_name_kana": "コガ",
        "given_name_kana": "マナブ",
        "email": f"student{n}@example.jp",
        "university": "九州大学",
        "graduation_year": 2027,
        "consent_privacy_policy": True,
    }
    values.update(fields)
    return RegistrationInput(**values)


def register(event_: Event, n: int = 1, **fields: Any) -> Registration:
    return registration_create(event_id=event_.pk, data=person(n, **fields), actor=None)
