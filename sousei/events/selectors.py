"""Reads for events: public and staff lists with their place counts, one event with its
itinerary, registrations and the waitlist, a registration by its secret token, attendance
and survey results, calendar entries. Called inside a region scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from sousei.core import clock
from sousei.events.ics import CalendarEntry
from sousei.events.models import (
    PLACE_HOLDING_STATUSES,
    Event,
    EventStatus,
    ItineraryItem,
    Registration,
    RegistrationStatus,
    SurveyResponse,
)

MAX_TOKEN_LENGTH = 64


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        places_held=Count(
            "registrations", filter=Q(registrations__status__in=PLACE_HOLDING_STATUSES)
        ),
        waitlisted=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
        attended=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    )


def _base() -> QuerySet[Event]:
    return Event.objects.select_related("booking__resource__space")


def event_list_public(*, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Published events that have not ended, soonest first, with their place counts."""
    now = now or clock.now()
    return _with_counts(_base().filter(status=EventStatus.PUBLISHED, ends_at__gt=now)).order_by(
        "starts_at", "id"
    )


def event_list_staff(*, when: str = "upcoming", now: dt.datetime | None = None) -> QuerySet[Event]:
    """Every event of the region (upcoming first, or past newest first), with counts."""
    now = now or clock.now()
    events = _with_counts(_base())
    if when == "past":
        return events.filter(ends_at__lte=now).order_by("-starts_at", "-id")
    if when == "all":
        return events.order_by("-starts_at", "-id")
    return events.filter(ends_at__gt=now).order_by("starts_at", "id")


def event_get(*, event_id: int, public: bool = False) -> Event:
    """One event with its counts and itinerary; public callers see published ones only
    (Event.DoesNotExist otherwise)."""
    events = _with_counts(_base()).prefetch_related(
        Prefetch("itinerary", queryset=ItineraryItem.objects.order_by("starts_at", "id"))
    )
    if public:
        events = events.filter(status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED))
    return events.get(pk=event_id)


def event_location(event: Event) -> str:
    """Where the event happens, as people read it. An online event reads "Online": its link
    is for the registered only (the registration page and e-mail give it), never the public
    page or list."""
    booking = getattr(event, "booking", None)
    parts = []
    if booking is not None:
        parts.append(f"{booking.resource.space.name} {booking.resource.name}")
    if event.venue:
        parts.append(event.venue)
    if event.online_url and not parts:
        parts.append(gettext("Online"))
    return " / ".join(parts)


MAP_SEARCH_URL = "https://www.openstreetmap.org/search?query="


@dataclass(frozen=True)
class Address:
    """Where to go: the space's postal address (empty for a venue named only) and a map search
    for it (empty for an online event). A link out, never an embedded third-party map."""

    text: str
    map_url: str


def event_address(event: Event) -> Address:
    booking = getattr(event, "booking", None)
    if booking is not None and booking.resource.space.address:
        space = booking.resource.space
        postal = f"〒{space.postal_code} " if space.postal_code else ""
        return Address(f"{postal}{space.address}", MAP_SEARCH_URL + quote(space.address))
    if event.venue:
        return Address("", MAP_SEARCH_URL + quote(event.venue))
    return Address("", "")


def places_left(event: Event) -> int:
    held = getattr(event, "places_held", None)
    if held is None:
        held = event.registrations.filter(status__in=PLACE_HOLDING_STATUSES).count()
    return max(event.capacity - held, 0)


def registration_open(event: Event, now: dt.datetime | None = None) -> bool:
    now = now or clock.now()
    if event.status != EventStatus.PUBLISHED:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return now < (event.registration_closes_at or event.starts_at)


def registrations_of(*, event: Event) -> QuerySet[Registration]:
    """All registrations of an event: places first, then the waitlist in order, then the
    cancelled and expired ones."""
    return (
        Registration.objects.filter(event=event)
        .select_related("person", "survey_response")
        .order_by("waitlist_position", "created_at", "id")
    )


def registrations_matching(registrations: list[Registration], query: str) -> list[Registration]:
    """The registrations whose name (kanji or kana), e-mail or check-in code matches what
    staff typed at the door; all of them for an empty query."""
    if not query:
        return registrations
    needle = query.lower()
    return [
        r
        for r in registrations
        if needle in f"{(p := r.person).family_name}{p.given_name} {p.full_name}".lower()
        or needle in f"{p.family_name_kana}{p.given_name_kana}".lower()
        or needle in p.email
        or needle == r.checkin_code.lower()
    ]


def registration_get(*, registration_id: int, event_id: int | None = None) -> Registration:
    registrations = Registration.objects.select_related("event", "person")
    if event_id is not None:
        registrations = registrations.filter(event_id=event_id)
    return registrations.get(pk=registration_id)


def registration_by_token(*, token: str) -> Registration | None:
    """The registration whose secret link this is (None when no such link)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        Registration.objects.select_related("event__booking__resource__space", "person")
        .select_related("survey_response")
        .filter(token=token)
        .first()
    )


def registration_by_code(*, event: Event, code: str) -> Registration | None:
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    if not code or len(code) > 12:
        return None
    return (
        Registration.objects.filter(event=event, checkin_code=code).select_related("person").first()
    )


@dataclass(frozen=True)
class SurveySummary:
    responses: int
    average: float | None
    distribution: list[tuple[int, int]]  # (rating, how many), 5 down to 1
    interested: int


def survey_summary(*, event: Event) -> SurveySummary:
    rows = SurveyResponse.objects.filter(event=event)
    figures = rows.aggregate(
        n=Count("id"),
        average=Avg("rating"),
        interested=Count("id", filter=Q(interested_in_jobs=True)),
    )
    counts = dict(rows.values_list("rating").annotate(n=Count("id")).order_by())
    return SurveySummary(
        responses=figures["n"],
        average=round(figures["average"], 2) if figures["average"] is not None else None,
        distribution=[(rating, counts.get(rating, 0)) for rating in range(5, 0, -1)],
        interested=figures["interested"],
    )


def survey_responses(*, event: Event) -> QuerySet[SurveyResponse]:
    return (
        SurveyResponse.objects.filter(event=event)
        .select_related("registration__person")
        .order_by("-submitted_at", "-id")
    )


def calendar_entry(event: Event, *, url: str = "", description: str = "") -> CalendarEntry:
    return CalendarEntry(
        uid=f"event-{event.pk}@{event.region_id}.sousei",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description=description or event.description,
        location=event_location(event),
        url=url or event.online_url,
        cancelled=event.status == EventStatus.CANCELLED,
    )


def calendar_events(*, now: dt.datetime | None = None) -> QuerySet[Event]:
    """The staff feed: published and cancelled events from 90 days back."""
    now = now or clock.now()
    return (
        _base()
        .filter(
            status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED),
            ends_at__gte=now - dt.timedelta(days=90),
        )
        .order_by("starts_at", "id")
    )


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def registrations_of_person(*, person_id: int) -> QuerySet[Registration]:
    return Registration.objects.filter(person_id=person_id).order_by("id")


def survey_responses_of_person(*, person_id: int) -> QuerySet[SurveyResponse]:
    return SurveyResponse.objects.filter(registration__person_id=person_id).order_by("id")
