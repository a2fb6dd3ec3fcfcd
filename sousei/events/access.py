"""Which events and registrations a caller may see, shared by the pages and the API.

Event staff (operators and space managers) see every event and registration of the region.
Anyone else, signed in or not, sees the published and cancelled events, and a registration
only through its secret token (the link in the registrant's e-mail). Anything else answers
404, as an object of another region would.
"""

from __future__ import annotations

from django.http import Http404

from sousei.core.access import Reader
from sousei.core.links import secret_matches
from sousei.core.roles import Role
from sousei.events import selectors
from sousei.events.models import Event, Registration

EVENT_STAFF = frozenset({Role.OPERATOR, Role.SPACE_MANAGER})


def event_visible(reader: Reader, event_id: int) -> Event:
    """The event with its counts and itinerary: staff any, everyone else the public ones."""
    try:
        return selectors.event_get(event_id=event_id, public=not reader.has_any(EVENT_STAFF))
    except Event.DoesNotExist:
        raise Http404("No such event.") from None


def registration_visible(reader: Reader, registration_id: int, token: str = "") -> Registration:
    """The registration if the caller may act on it: event staff any, others with its token
    (a wrong or missing token answers 404, like a registration that does not exist)."""
    try:
        registration = selectors.registration_get(registration_id=registration_id)
    except Registration.DoesNotExist:
        raise Http404("No such registration.") from None
    if reader.has_any(EVENT_STAFF):
        return registration
    if len(token) <= selectors.MAX_TOKEN_LENGTH and secret_matches(token, registration.token):
        return registration
    raise Http404("No such registration.")


def registrant_names_visible(reader: Reader) -> bool:
    """Whether the caller may read a registrant's names: event staff only. A registration's
    link (its token) goes to whoever filled in the form, and an e-mail address typed into a
    form proves nothing, so the link shows the registration, not the person on record."""
    return reader.has_any(EVENT_STAFF)


def registration_by_token_visible(token: str) -> Registration:
    """The registration whose secret link this is: the token is the permission."""
    registration = selectors.registration_by_token(token=token)
    if registration is None:
        raise Http404("No such registration.")
    return registration


def event_registration_visible(reader: Reader, event: Event, registration_id: int) -> Registration:
    """A registration of `event`, for event staff."""
    if not reader.has_any(EVENT_STAFF):
        raise Http404("No such registration.")
    registration = Registration.objects.filter(event=event, pk=registration_id).first()
    if registration is None:
        raise Http404("No such registration.")
    return registration
