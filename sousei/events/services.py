"""Writes for events: creating and editing events with their itinerary, public registration
with consent, the waitlist and its time-limited offers, cancellation, check-in and surveys.

Places follow DESIGN.md §4: every write that changes who holds a place first locks the
event row (select_for_update), then counts the confirmed and offered registrations, then
inserts or updates, and commits. So places are never oversold under concurrency and the
waitlist keeps its order (positions 1, 2, … kept dense under the same lock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.templatetags.sousei import jdatetime
from sousei.events import mail as events_mail
from sousei.events import spaces_link as events_spaces
from sousei.events.models import (
    ACTIVE_STATUSES,
    PLACE_HOLDING_STATUSES,
    REGISTRATION_CONSENT_VERSION,
    ActivityKind,
    Event,
    EventKind,
    EventStatus,
    ItineraryItem,
    Registration,
    RegistrationStatus,
    SurveyResponse,
)
from sousei.people.services import person_upsert
from sousei.people.validation import person_clean

Actor = User | AnonymousUser | None

# The concurrency test's control case switches this off to show the race the lock prevents.
LOCK_EVENTS = True

MAX_CAPACITY = 10_000
# The person's fields a registration asks for besides the e-mail (stored on people.Person).
PERSON_NAME_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana")
LANGUAGES = ("ja", "en")


def _when(value: dt.datetime) -> str:
    """A date and time for a message, rendered in the reader's language when shown."""
    return lazy(lambda: jdatetime(value), str)()


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def event_lock(*, event_id: int) -> Event:
    """The event row, locked until the transaction ends (call inside transaction.atomic)."""
    events = Event.objects.filter(pk=event_id)
    if LOCK_EVENTS:
        events = events.select_for_update()
    return events.get()


# --- events ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ItineraryInput:
    starts_at: dt.datetime
    activity: str
    title: str
    ends_at: dt.datetime | None = None
    place: str = ""


@dataclass(frozen=True, kw_only=True)
class EventInput:
    """An event as staff describe it, on the form and in the API."""

    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    description: str = ""
    registration_opens_at: dt.datetime | None = None
    registration_closes_at: dt.datetime | None = None
    venue: str = ""
    online_url: str = ""
    resource_id: int | None = None
    audience_graduation_year: int | None = None
    lodging_notes: str = ""
    offer_hours: int = 48
    status: str = EventStatus.DRAFT
    itinerary: Sequence[ItineraryInput] = field(default_factory=tuple)


def _event_errors(data: EventInput) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}

    def add(name: str, message: Any, code: str, **params: Any) -> None:
        errors.setdefault(name, []).append(ValidationError(message, code=code, params=params))

    if data.kind not in EventKind.values:
        add("kind", _("Choose the kind of event from the list."), "invalid_choice")
    if not data.title.strip():
        add("title", _("Give the event a title."), "required")
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        value = getattr(data, name)
        if value is not None and timezone.is_naive(value):
            add(name, _("Give the time with its time zone, e.g. 2027-03-01T10:00+09:00."), "naive")
    if errors:
        return errors
    if data.ends_at <= data.starts_at:
        add(
            "ends_at",
            _("The event ends before it starts. Enter an end after %(start)s."),
            "ends_before_start",
            start=_when(data.starts_at),
        )
    if not 1 <= data.capacity <= MAX_CAPACITY:
        add(
            "capacity",
            _("Enter the number of places, from 1 to %(max)s."),
            "range",
            max=MAX_CAPACITY,
        )
    opens, closes = data.registration_opens_at, data.registration_closes_at
    if opens and closes and closes <= opens:
        add(
            "registration_closes_at",
            _("Registration closes before it opens. Enter a closing time after the opening."),
            "window",
        )
    if closes and closes > data.ends_at:
        add(
            "registration_closes_at",
            _("Registration must close by the end of the event (%(end)s)."),
            "window",
            end=_when(data.ends_at),
        )
    if data.online_url:
        try:
            URLValidator(schemes=["https", "http"])(data.online_url)
        except ValidationError:
            add(
                "online_url",
                _("Enter the full online link, starting with https://."),
                "invalid",
            )
    if data.kind == EventKind.ONLINE_SESSION and not data.online_url:
        add("online_url", _("An online session needs its online link."), "required")
    if data.resource_id and data.online_url and data.kind == EventKind.ONLINE_SESSION:
        add(
            "resource_id",
            _("An online session is not held in a space; leave the space empty."),
            "online_with_space",
        )
    year = data.audience_graduation_year
    if year is not None and not 2000 <= year <= 2100:
        add(
            "audience_graduation_year",
            _("Enter the graduation year as four digits, e.g. 2027."),
            "range",
        )
    if not 1 <= data.offer_hours <= 24 * 14:
        add(
            "offer_hours",
            _("Enter the hours to confirm an offer, from 1 to 336 (two weeks)."),
            "range",
        )
    if data.status not in EventStatus.values:
        add("status", _("Choose the status from the list."), "invalid_choice")
    for n, item in enumerate(data.itinerary, start=1):
        if item.activity not in ActivityKind.values or not item.title.strip():
            add(
                "itinerary",
                _("Itinerary line %(n)s needs an activity and a title."),
                "itinerary",
                n=n,
            )
        elif item.ends_at is not None and item.ends_at <= item.starts_at:
            add(
                "itinerary",
                _("Itinerary line %(n)s ends before it starts."),
                "itinerary",
                n=n,
            )
        elif not data.starts_at - dt.timedelta(hours=12) <= item.starts_at <= data.ends_at:
            add(
                "itinerary",
                _("Itinerary line %(n)s is outside the event's dates."),
                "itinerary",
                n=n,
            )
    return errors


def _event_fields(data: EventInput) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "description": data.description.strip(),
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "capacity": data.capacity,
        "registration_opens_at": data.registration_opens_at,
        "registration_closes_at": data.registration_closes_at,
        "venue": data.venue.strip(),
        "online_url": data.online_url.strip(),
        "audience_graduation_year": data.audience_graduation_year,
        "lodging_notes": data.lodging_notes.strip(),
        "offer_hours": data.offer_hours,
        "status": data.status,
    }


def _itinerary_replace(event: Event, items: Sequence[ItineraryInput]) -> None:
    ItineraryItem.objects.filter(event=event).delete()
    ItineraryItem.objects.bulk_create(
        ItineraryItem(
            region=event.region,
            event=event,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            activity=item.activity,
            title=item.title.strip(),
            place=item.place.strip(),
        )
        for item in items
    )


def event_create(*, region: Region, data: EventInput, actor: Actor) -> Event:
    """Store an event with its itinerary; a space resource is booked in the same
    transaction (an overlapping booking → Conflict, and no event is stored)."""
    errors = _event_errors(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = Event.objects.create(region=region, created_by=_user(actor), **_event_fields(data))
        _itinerary_replace(event, data.itinerary)
        if data.resource_id:
            # An overlapping booking raises Conflict and rolls the event back with it.
            events_spaces.event_book(event=event, resource_id=data.resource_id, actor=actor)
        audit_record(
            region=region,
            actor=actor,
            action="event.create",
            obj=event,
            changes={"title": event.title, "kind": event.kind, "capacity": event.capacity},
        )
    return event


def event_update(*, event_id: int, data: EventInput, actor: Actor) -> Event:
    """Change an event. More places go to the waitlist at once (as offers); fewer places
    than are already held is refused. A changed time or space moves the booking."""
    errors = _event_errors(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = event_lock(event_id=event_id)
        held = Registration.objects.filter(event=event, status__in=PLACE_HOLDING_STATUSES).count()
        if data.capacity < held:
            raise ValidationError(
                {
                    "capacity": ValidationError(
                        _(
                            "%(held)s people already hold a place. Enter at least %(held)s, "
                            "or cancel registrations first."
                        ),
                        code="below_held",
                        params={"held": held},
                    )
                }
            )
        before = {"capacity": event.capacity, "starts_at": event.starts_at.isoformat()}
        for name, value in _event_fields(data).items():
            setattr(event, name, value)
        event.save()
        _itinerary_replace(event, data.itinerary)
        events_spaces.event_rebook(event=event, resource_id=data.resource_id, actor=actor)
        offered = _fill_places(event, actor=actor)
        audit_record(
            region=event.region,
            actor=actor,
            action="event.update",
            obj=event,
            changes={"before": before, "capacity": event.capacity, "offered": len(offered)},
        )
    return event


def event_cancel(*, event_id: int, actor: Actor, reason: str = "") -> Event:
    """Call an event off: its space booking is released and every live registration is
    cancelled and told by e-mail."""
    with transaction.atomic():
        event = event_lock(event_id=event_id)
        if event.status == EventStatus.CANCELLED:
            raise Conflict(_("This event is already cancelled."))
        event.status = EventStatus.CANCELLED
        event.save(update_fields=["status", "updated_at"])
        events_spaces.event_unbook(event=event, actor=actor, reason=reason)
        live = list(Registration.objects.filter(event=event, status__in=ACTIVE_STATUSES))
        now = clock.now()
        Registration.objects.filter(pk__in=[r.pk for r in live]).update(
            status=RegistrationStatus.CANCELLED, cancelled_at=now, waitlist_position=None
        )
        for registration in live:
            events_mail.mail_later(registration, "event_cancelled")
        audit_record(
            region=event.region,
            actor=actor,
            action="event.cancel",
            obj=event,
            changes={"reason": reason, "registrations_cancelled": len(live)},
        )
    return event


# --- registration ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegistrationInput:
    """What a student or job seeker submits, on the web form and in the API."""

    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str
    consent_privacy_policy: bool
    university: str = ""
    graduation_year: int | None = None
    language: str = "ja"


def registration_consent_check(granted: bool) -> None:
    """The purpose of use must be agreed to (the form checks it too, so its reason shows
    together with the person's fields')."""
    if not granted:
        raise ValidationError(
            _(
                "We can only register you if you agree to the purpose of use. "
                "Read it and tick the box."
            ),
            code="consent_required",
        )


def _registration_fields(event: Event, data: RegistrationInput) -> dict[str, Any]:
    """The registration's own fields checked; the person's fields checked by the one person
    validation (people.validation.person_clean). All problems at once."""
    person = person_clean(
        {
            "family_name": data.family_name,
            "given_name": data.given_name,
            "family_name_kana": data.family_name_kana,
            "given_name_kana": data.given_name_kana,
            "email": data.email,
        }
    )
    errors: dict[str, list[ValidationError]] = dict(person.errors)
    cleaned: dict[str, Any] = dict(person.fields)

    def add(name: str, error: ValidationError) -> None:
        errors.setdefault(name, []).append(error)

    cleaned["university"] = (data.university or "").strip()[:120]
    year = data.graduation_year
    if year is not None and not 2000 <= year <= 2100:
        add(
            "graduation_year",
            ValidationError(
                _("Enter the graduation year as four digits, e.g. 2027."), code="range"
            ),
        )
    audience = event.audience_graduation_year
    if audience is not None and year is None:
        add(
            "graduation_year",
            ValidationError(
                _("This event is for students graduating in %(year)s. Enter your graduation year."),
                code="required",
                params={"year": audience},
            ),
        )
    elif audience is not None and year is not None and year != audience and not errors:
        add(
            "graduation_year",
            ValidationError(
                _(
                    "This event is for students graduating in %(year)s; you graduate in "
                    "%(yours)s. Look for an event for your year."
                ),
                code="audience",
                params={"year": audience, "yours": year},
            ),
        )
    cleaned["graduation_year"] = year
    try:
        registration_consent_check(data.consent_privacy_policy)
    except ValidationError as error:
        add("consent_privacy_policy", error)
    cleaned["language"] = data.language if data.language in LANGUAGES else "ja"
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_window(event: Event, now: dt.datetime) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(
            _("This event was cancelled; registration is closed."), code="event_cancelled"
        )
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(
            _("This event is not open for registration yet."), code="not_published"
        )
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(
            _("Registration opens on %(when)s. Come back then."),
            code="not_open_yet",
            params={"when": _when(event.registration_opens_at)},
        )
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        raise ValidationError(
            _("Registration closed on %(when)s. Look for the next event."),
            code="closed",
            params={"when": _when(closes)},
        )


def registration_create(
    *,
    event_id: int,
    data: RegistrationInput,
    actor: Actor,
    now: dt.datetime | None = None,
) -> Registration:
    """Register someone for an event: a place while there is one, otherwise the next
    waitlist position. Nothing is stored when the input, the window or the consent is
    wrong (ValidationError) or the e-mail already holds a registration (Conflict)."""
    now = now or clock.now()
    with transaction.atomic():
        event = event_lock(event_id=event_id)
        _check_window(event, now)
        fields = _registration_fields(event, data)
        person = person_upsert(
            region=event.region,
            email=fields.pop("email"),
            actor=actor,
            **{name: fields.pop(name) for name in PERSON_NAME_FIELDS},
        )
        if Registration.objects.filter(
            event=event, person=person, status__in=ACTIVE_STATUSES
        ).exists():
            raise Conflict(
                _(
                    "%(email)s is already registered for this event. Open the link in the "
                    "confirmation e-mail to see or cancel the registration."
                ),
                email=person.email,
            )
        held = Registration.objects.filter(event=event, status__in=PLACE_HOLDING_STATUSES).count()
        if held < event.capacity:
            status, position = RegistrationStatus.CONFIRMED, None
        else:
            last = Registration.objects.filter(event=event).aggregate(n=Max("waitlist_position"))
            status, position = RegistrationStatus.WAITLISTED, (last["n"] or 0) + 1
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    region=event.region,
                    event=event,
                    user=_user(actor),
                    status=status,
                    waitlist_position=position,
                    confirmed_at=now if status == RegistrationStatus.CONFIRMED else None,
                    consent_wording_version=REGISTRATION_CONSENT_VERSION,
                    consented_at=now,
                    person=person,
                    **fields,
                )
        except IntegrityError:
            # Without the event lock (the control case) two requests with one e-mail race.
            raise Conflict(
                _("%(email)s is already registered for this event."), email=person.email
            ) from None
        audit_record(
            region=event.region,
            actor=actor,
            action="registration.create",
            obj=registration,
            changes={"event": event.pk, "status": status, "waitlist_position": position},
        )
        events_mail.mail_later(registration, "registered")
    return registration


def _close_gap(event: Event, position: int) -> None:
    """Move everyone behind `position` one place up the waitlist."""
    Registration.objects.filter(
        event=event,
        status=RegistrationStatus.WAITLISTED,
        waitlist_position__gt=position,
    ).update(waitlist_position=F("waitlist_position") - 1)


def _fill_places(
    event: Event, *, actor: Actor, now: dt.datetime | None = None
) -> list[Registration]:
    """Offer free places to the waitlist, first in line first (under the event lock).

    An offer holds the place for `event.offer_hours` (never past the start); once the
    event has started nobody is offered a place any more."""
    now = now or clock.now()
    if event.status == EventStatus.CANCELLED or now >= event.starts_at:
        return []
    held = Registration.objects.filter(event=event, status__in=PLACE_HOLDING_STATUSES).count()
    free = event.capacity - held
    if free <= 0:
        return []
    expires = min(now + dt.timedelta(hours=event.offer_hours), event.starts_at)
    offered = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by(
            "waitlist_position", "id"
        )[:free]
    )
    for registration in offered:
        registration.status = RegistrationStatus.OFFERED
        registration.waitlist_position = None
        registration.offered_at = now
        registration.offer_expires_at = expires
        registration.save(
            update_fields=["status", "waitlist_position", "offered_at", "offer_expires_at"]
        )
        audit_record(
            region=event.region,
            actor=actor,
            action="registration.offer",
            obj=registration,
            changes={"expires_at": expires.isoformat()},
        )
        events_mail.mail_later(registration, "offered")
    if offered:
        Registration.objects.filter(
            event=event, status=RegistrationStatus.WAITLISTED, waitlist_position__isnull=False
        ).update(waitlist_position=F("waitlist_position") - len(offered))
    return offered


def _locked_registration(registration_id: int) -> tuple[Event, Registration]:
    event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
    event = event_lock(event_id=event_id)
    return event, Registration.objects.get(pk=registration_id)


def registration_cancel(
    *, registration_id: int, actor: Actor, reason: str = "", now: dt.datetime | None = None
) -> Registration:
    """Cancel a registration (by its registrant or staff). A freed place is offered to the
    first on the waitlist; a waitlisted registration leaves the line and those behind move
    up. Declining an offer is cancelling it."""
    now = now or clock.now()
    with transaction.atomic():
        event, registration = _locked_registration(registration_id)
        if registration.status not in ACTIVE_STATUSES:
            raise Conflict(
                _("This registration is already %(status)s."),
                status=registration.get_status_display(),
            )
        if now >= event.ends_at:
            raise Conflict(_("The event is over; its registrations can no longer change."))
        if registration.checked_in_at is not None:
            raise Conflict(_("You are checked in at the event; a visit cannot be cancelled."))
        previous = registration.status
        position = registration.waitlist_position
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.waitlist_position = None
        registration.save(update_fields=["status", "cancelled_at", "waitlist_position"])
        if position is not None:
            _close_gap(event, position)
        audit_record(
            region=event.region,
            actor=actor,
            action="registration.cancel",
            obj=registration,
            changes={"from": previous, "reason": reason},
        )
        events_mail.mail_later(registration, "cancelled")
        _fill_places(event, actor=actor, now=now)
    return registration


def registration_confirm(
    *, registration_id: int, actor: Actor, now: dt.datetime | None = None
) -> Registration:
    """Take an offered place before the offer expires."""
    now = now or clock.now()
    with transaction.atomic():
        event, registration = _locked_registration(registration_id)
        if registration.status == RegistrationStatus.CONFIRMED:
            raise Conflict(_("Your place is already confirmed."))
        if registration.status != RegistrationStatus.OFFERED:
            raise Conflict(
                _("There is no place offered to this registration (it is %(status)s)."),
                status=registration.get_status_display(),
            )
        expires = registration.offer_expires_at
        if expires is not None and now >= expires:
            raise Conflict(
                _("The offer expired on %(when)s and passes to the next person on the waitlist."),
                when=_when(expires),
            )
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        audit_record(
            region=event.region, actor=actor, action="registration.confirm", obj=registration
        )
        events_mail.mail_later(registration, "confirmed")
    return registration


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Expire the region's offers not confirmed in time and pass each place on to the next
    on the waitlist (run by the periodic task, inside a region scope). Returns how many."""
    now = now or clock.now()
    due = list(
        Registration.objects.filter(
            status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
        ).values_list("pk", flat=True)
    )
    expired = 0
    for registration_id in due:
        with transaction.atomic():
            event, registration = _locked_registration(registration_id)
            stale = registration.offer_expires_at
            if registration.status != RegistrationStatus.OFFERED or stale is None or stale > now:
                continue  # confirmed or cancelled meanwhile
            registration.status = RegistrationStatus.EXPIRED
            registration.save(update_fields=["status"])
            audit_record(
                region=event.region, actor=None, action="registration.expire", obj=registration
            )
            events_mail.mail_later(registration, "offer_expired")
            _fill_places(event, actor=None, now=now)
            expired += 1
    return expired


# --- at the event ------------------------------------------------------------------------

# The door opens a little before the start: early arrivals are welcome, but a check-in weeks
# ahead would only be a slip of the finger on the wrong event.
CHECK_IN_OPENS_BEFORE = dt.timedelta(hours=2)


def registration_check_in(
    *, registration_id: int, actor: Actor, now: dt.datetime | None = None
) -> Registration:
    """Record that a registrant arrived (staff at the door)."""
    now = now or clock.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status != RegistrationStatus.CONFIRMED:
            raise Conflict(
                _("Only confirmed registrations can be checked in; this one is %(status)s."),
                status=registration.get_status_display(),
            )
        opens = registration.event.starts_at - CHECK_IN_OPENS_BEFORE
        if now < opens:
            raise Conflict(
                _("Check-in opens 2 hours before the event starts, at %(when)s. Check in then."),
                when=_when(opens),
            )
        if registration.checked_in_at is not None:
            raise Conflict(
                _("%(name)s was already checked in at %(when)s."),
                name=registration.person.full_name,
                when=_when(registration.checked_in_at),
            )
        registration.checked_in_at = now
        registration.checked_in_by = _user(actor)
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        audit_record(
            region=registration.region,
            actor=actor,
            action="registration.check_in",
            obj=registration,
        )
    return registration


def registration_check_in_undo(*, registration_id: int, actor: Actor) -> Registration:
    """Take back a check-in made by mistake."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.checked_in_at is None:
            raise Conflict(_("%(name)s is not checked in."), name=registration.person.full_name)
        registration.checked_in_at = None
        registration.checked_in_by = None
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        audit_record(
            region=registration.region,
            actor=actor,
            action="registration.check_in_undo",
            obj=registration,
        )
    return registration


def survey_submit(
    *,
    registration_id: int,
    rating: int,
    comments: str,
    interested_in_jobs: bool,
    actor: Actor,
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """Store a registrant's answer to the post-event survey (once, after the event began)."""
    now = now or clock.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("event").get(pk=registration_id)
        )
        event = registration.event
        if registration.status != RegistrationStatus.CONFIRMED:
            raise Conflict(_("The survey is for people who had a place at the event."))
        if now < event.starts_at:
            raise Conflict(
                _("The survey opens when the event starts (%(when)s)."),
                when=_when(event.starts_at),
            )
        if SurveyResponse.objects.filter(registration=registration).exists():
            raise Conflict(_("You have already answered the survey. Thank you!"))
        if not 1 <= rating <= 5:
            raise ValidationError(
                {"rating": ValidationError(_("Choose a rating from 1 to 5."), code="range")}
            )
        response = SurveyResponse.objects.create(
            region=registration.region,
            registration=registration,
            event=event,
            rating=rating,
            comments=comments.strip()[:4000],
            interested_in_jobs=interested_in_jobs,
        )
        audit_record(
            region=registration.region,
            actor=actor,
            action="survey.submit",
            obj=response,
            changes={"rating": rating},
        )
    return response
