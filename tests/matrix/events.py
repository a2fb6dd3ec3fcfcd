"""recruiting events: endpoints, the objects their paths name, and request bodies.

Reading published events, registering and the registrant's own pages are public (the
registrant proves a registration is theirs with its secret token); managing events,
check-in and survey results are for the operator and the space manager."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.events.services import registration_cancel
from sousei.events.tests.factories import event, register
from tests.matrix import PUBLIC, Area, Endpoint

EVENT_STAFF = frozenset({Role.OPERATOR, Role.SPACE_MANAGER})

ENDPOINTS: list[Endpoint] = [
    # Public pages
    Endpoint("GET", "/r/{slug}/events/", PUBLIC),
    Endpoint("GET", "/r/{slug}/events/{event}/", PUBLIC),
    Endpoint("POST", "/r/{slug}/events/{event}/", PUBLIC, ok=302, body="form"),
    Endpoint("GET", "/r/{slug}/events/my/{token}/", PUBLIC),
    Endpoint("POST", "/r/{slug}/events/my/{token}/cancel/", PUBLIC, ok=302),
    Endpoint(
        "POST",
        "/r/{slug}/events/my/{token}/confirm/",
        PUBLIC,
        ok=302,
        alias={"token": "offered_token"},
    ),
    Endpoint("GET", "/r/{slug}/events/my/{token}/event.ics", PUBLIC),
    Endpoint("GET", "/r/{slug}/events/my/{token}/survey/", PUBLIC),
    # Staff pages
    Endpoint("GET", "/r/{slug}/events/manage/", EVENT_STAFF),
    Endpoint("GET", "/r/{slug}/events/manage/new/", EVENT_STAFF),
    Endpoint("GET", "/r/{slug}/events/manage/calendar.ics", EVENT_STAFF),
    Endpoint("GET", "/r/{slug}/events/manage/{event}/", EVENT_STAFF),
    Endpoint("GET", "/r/{slug}/events/manage/{event}/edit/", EVENT_STAFF),
    Endpoint(
        "POST", "/r/{slug}/events/manage/{event}/check-in/", EVENT_STAFF, ok=302, body="check_in"
    ),
    Endpoint("POST", "/r/{slug}/events/manage/{event}/cancel/", EVENT_STAFF, ok=302),
    Endpoint(
        "POST",
        "/r/{slug}/events/manage/{event}/registrations/{registration}/cancel/",
        EVENT_STAFF,
        ok=302,
    ),
    Endpoint("GET", "/r/{slug}/events/manage/{event}/survey/", EVENT_STAFF),
    # API
    Endpoint("POST", "/api/v1/regions/{slug}/events", EVENT_STAFF, ok=201, body="event"),
    Endpoint("GET", "/api/v1/regions/{slug}/events", PUBLIC),
    Endpoint("GET", "/api/v1/regions/{slug}/events/{event}", PUBLIC),
    Endpoint("POST", "/api/v1/regions/{slug}/events/{event}/cancel", EVENT_STAFF),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/events/{event}/registrations",
        PUBLIC,
        ok=201,
        body="registration",
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/events/{event}/registrations", EVENT_STAFF),
    Endpoint("GET", "/api/v1/regions/{slug}/registrations/{registration}?token={token}", PUBLIC),
    Endpoint(
        "POST", "/api/v1/regions/{slug}/registrations/{registration}/cancel", PUBLIC, body="token"
    ),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/registrations/{registration}/confirm",
        PUBLIC,
        body="offered_token",
        alias={"registration": "offered"},
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/registrations/{registration}/check-in", EVENT_STAFF),
    Endpoint("POST", "/api/v1/regions/{slug}/events/{event}/check-in", EVENT_STAFF, body="code"),
    # The event has not started: the survey is refused, but only after the token is checked.
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/registrations/{registration}/survey",
        PUBLIC,
        ok=409,
        body="survey",
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/events/{event}/survey", EVENT_STAFF),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """A published event of 2 places: a confirmed registration, and one offered the place
    the second holder gave up."""
    with region_scope(region):
        # Starting within the hour, so that the door (check-in) is open.
        upcoming = event(region, capacity=2, starts_at=timezone.now() + dt.timedelta(hours=1))
        holder = register(upcoming, 1)
        leaving = register(upcoming, 2)
        offered = register(upcoming, 3)
        registration_cancel(registration_id=leaving.pk, actor=None)
    return {
        "event": upcoming.pk,
        "registration": holder.pk,
        "token": holder.token,
        "code": holder.checkin_code,
        "offered": offered.pk,
        "offered_token": offered.token,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    person = {
        "family_name": "古賀",
        "given_name": "花子",
        "family_name_kana": "コガ",
        "given_name_kana": "ハナコ",
        "email": "hanako@example.jp",
        "graduation_year": 2027,
    }
    return {
        "form": {**person, "consent_privacy_policy": "on"},
        "registration": {**person, "consents": {"privacy_policy": True}},
        "token": {"token": ids.get("token")},
        "offered_token": {"token": ids.get("offered_token")},
        "check_in": {"registration": ids.get("registration")},
        "code": {"code": ids.get("code")},
        "survey": {"token": ids.get("token"), "rating": 5},
        "event": {
            "kind": "info_session",
            "title": "オンライン説明会",
            "starts_at": "2027-02-01T19:00:00+09:00",
            "ends_at": "2027-02-01T20:00:00+09:00",
            "capacity": 50,
            "online_url": "https://meet.example.jp/koga",
        },
    }


AREA = Area(
    name="events",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:event_id>": "{event}",
        "<int:registration_id>": "{registration}",
        "<str:registration_token>": "{token}",
    },
    api_parameters={"{event_id}": "{event}", "{registration_id}": "{registration}"},
)
