"""Events endpoints: events (public to read when published), public registration, the
registrant's cancel/confirm/survey (proved by the registration's token), check-in and
survey results for event staff."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Status

from sousei.core.access import region_context, region_reader, region_roles, signed_in_user
from sousei.core.bounds import Id, Slug, Word
from sousei.core.http import BearerToken, SignedInSession, signed_in
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.events import selectors, services
from sousei.events.access import event_visible, registrant_names_visible, registration_visible
from sousei.events.models import Event, EventStatus, Registration
from sousei.events.schemas import (
    CheckInIn,
    EventIn,
    EventOut,
    EventRowOut,
    RegistrationCancelIn,
    RegistrationCreatedOut,
    RegistrationIn,
    RegistrationOut,
    RegistrationTokenIn,
    SurveyIn,
    SurveyOut,
    SurveySummaryOut,
)

router = Router(tags=["events"])
EVENT_STAFF = frozenset({Role.OPERATOR, Role.SPACE_MANAGER})


def _anyone(request: HttpRequest) -> bool:
    return True


# Public endpoints that show staff more (drafts, any registration) when the caller signs in.
maybe_signed_in: list[Any] = [BearerToken(), SignedInSession(), _anyone]


def _is_staff(request: HttpRequest, region: Region) -> bool:
    return bool(region_roles(request, region) & EVENT_STAFF)


def event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "title": event.title,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "capacity": event.capacity,
        "places_left": selectors.places_left(event),
        "waitlisted": getattr(event, "waitlisted", 0),
        "location": selectors.event_location(event),
        "status": event.status,
        "registration_open": selectors.registration_open(event),
    }


def event_body(event: Event) -> dict[str, Any]:
    booking = event.booking
    return {
        **event_row(event),
        "description": event.description,
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "resource_id": booking.resource_id if booking is not None else None,
        "booking_id": event.booking_id,
        "online_url": event.online_url,
        "audience_graduation_year": event.audience_graduation_year,
        "lodging_notes": event.lodging_notes,
        "offer_hours": event.offer_hours,
        "itinerary": [
            {
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
                "activity": item.activity,
                "title": item.title,
                "place": item.place,
            }
            for item in event.itinerary.all()
        ],
    }


def registration_body(registration: Registration, *, names: bool = True) -> dict[str, Any]:
    """A registration as the API answers it; `names=False` leaves the person's names out
    (see events.access.registrant_names_visible)."""
    person = registration.person
    return {
        "id": registration.pk,
        "event_id": registration.event_id,
        "status": registration.status,
        "waitlist_position": registration.waitlist_position,
        "family_name": person.family_name if names else "",
        "given_name": person.given_name if names else "",
        "family_name_kana": person.family_name_kana if names else "",
        "given_name_kana": person.given_name_kana if names else "",
        "email": person.email,
        "university": registration.university,
        "graduation_year": registration.graduation_year,
        "offer_expires_at": registration.offer_expires_at,
        "checked_in_at": registration.checked_in_at,
        "created_at": registration.created_at,
    }


def _event_input(payload: EventIn) -> services.EventInput:
    data = payload.dict(exclude={"itinerary"})
    return services.EventInput(
        **data,
        itinerary=[services.ItineraryInput(**item.dict()) for item in payload.itinerary],
    )


@router.post(
    "/regions/{slug}/events",
    auth=signed_in,
    response={201: EventOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Create an event; a space resource is booked for it (operator, space manager)",
)
def event_create(request: HttpRequest, slug: Slug, payload: EventIn):
    with region_context(request, slug, roles=EVENT_STAFF) as region:
        event = services.event_create(
            region=region, data=_event_input(payload), actor=signed_in_user(request)
        )
        return Status(201, event_body(selectors.event_get(event_id=event.pk)))


@router.get(
    "/regions/{slug}/events",
    auth=maybe_signed_in,
    response=list[EventRowOut],
    summary="Events: published upcoming ones for anyone; every event for event staff",
)
def event_list(request: HttpRequest, slug: Slug, when: Word = "upcoming"):
    with region_context(request, slug, roles=None) as region:
        if _is_staff(request, region):
            events = selectors.event_list_staff(when=when)
        else:
            events = selectors.event_list_public()
        return [event_row(event) for event in events[:200]]


@router.get(
    "/regions/{slug}/events/{event_id}",
    auth=maybe_signed_in,
    response={200: EventOut, 404: ErrorOut},
    summary="One event with its itinerary (public when published)",
)
def event_get(request: HttpRequest, slug: Slug, event_id: Id):
    with region_context(request, slug, roles=None) as region:
        return event_body(event_visible(region_reader(request, region), event_id))


@router.post(
    "/regions/{slug}/events/{event_id}/cancel",
    auth=signed_in,
    response={200: EventOut, 404: ErrorOut, 409: ErrorOut},
    summary="Call an event off: registrants are told, the space is released (event staff)",
)
def event_cancel(request: HttpRequest, slug: Slug, event_id: Id):
    with region_context(request, slug, roles=EVENT_STAFF) as region:
        event = event_visible(region_reader(request, region), event_id)
        services.event_cancel(event_id=event.pk, actor=signed_in_user(request))
        return event_body(selectors.event_get(event_id=event.pk))


@router.post(
    "/regions/{slug}/events/{event_id}/registrations",
    auth=None,
    response={201: RegistrationCreatedOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Register for an event (public): a place, or the waitlist when it is full",
)
def registration_create(request: HttpRequest, slug: Slug, event_id: Id, payload: RegistrationIn):
    with region_context(request, slug, roles=None) as region:
        if not Event.objects.filter(pk=event_id, status=EventStatus.PUBLISHED).exists():
            raise Http404
        data = services.RegistrationInput(
            **payload.dict(exclude={"consents"}),
            consent_privacy_policy=payload.consents.privacy_policy,
        )
        registration = services.registration_create(
            event_id=event_id, data=data, actor=request.user
        )
        path = reverse(
            "event-registration",
            kwargs={"slug": region.slug, "registration_token": registration.token},
        )
        return Status(
            201,
            {
                "id": registration.pk,
                "status": registration.status,
                "waitlist_position": registration.waitlist_position,
                "token": registration.token,
                "manage_url": request.build_absolute_uri(path),
            },
        )


@router.get(
    "/regions/{slug}/events/{event_id}/registrations",
    auth=signed_in,
    response={200: list[RegistrationOut], 404: ErrorOut},
    summary="An event's registrations: places, the waitlist in order, cancelled (event staff)",
)
def registration_list(request: HttpRequest, slug: Slug, event_id: Id):
    with region_context(request, slug, roles=EVENT_STAFF) as region:
        event = event_visible(region_reader(request, region), event_id)
        return [registration_body(r) for r in selectors.registrations_of(event=event)]


@router.get(
    "/regions/{slug}/registrations/{registration_id}",
    auth=maybe_signed_in,
    response={200: RegistrationOut, 404: ErrorOut},
    summary="One registration (event staff, or its registrant with ?token=)",
)
def registration_get(request: HttpRequest, slug: Slug, registration_id: Id, token: Word = ""):
    with region_context(request, slug, roles=None) as region:
        reader = region_reader(request, region)
        return registration_body(
            registration_visible(reader, registration_id, token),
            names=registrant_names_visible(reader),
        )


@router.post(
    "/regions/{slug}/registrations/{registration_id}/cancel",
    auth=maybe_signed_in,
    response={200: RegistrationOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cancel a registration or decline an offer (its token, or event staff)",
)
def registration_cancel(
    request: HttpRequest, slug: Slug, registration_id: Id, payload: RegistrationCancelIn
):
    with region_context(request, slug, roles=None) as region:
        reader = region_reader(request, region)
        registration = registration_visible(reader, registration_id, payload.token)
        registration = services.registration_cancel(
            registration_id=registration.pk, actor=request.user, reason=payload.reason
        )
        return registration_body(registration, names=registrant_names_visible(reader))


@router.post(
    "/regions/{slug}/registrations/{registration_id}/confirm",
    auth=maybe_signed_in,
    response={200: RegistrationOut, 404: ErrorOut, 409: ErrorOut},
    summary="Take a place offered from the waitlist before the offer expires (its token)",
)
def registration_confirm(
    request: HttpRequest, slug: Slug, registration_id: Id, payload: RegistrationTokenIn
):
    with region_context(request, slug, roles=None) as region:
        reader = region_reader(request, region)
        registration = registration_visible(reader, registration_id, payload.token)
        registration = services.registration_confirm(
            registration_id=registration.pk, actor=request.user
        )
        return registration_body(registration, names=registrant_names_visible(reader))


@router.post(
    "/regions/{slug}/registrations/{registration_id}/check-in",
    auth=signed_in,
    response={200: RegistrationOut, 404: ErrorOut, 409: ErrorOut},
    summary="Check a registrant in at the event (event staff)",
)
def registration_check_in(request: HttpRequest, slug: Slug, registration_id: Id):
    with region_context(request, slug, roles=EVENT_STAFF) as region:
        registration = registration_visible(region_reader(request, region), registration_id, "")
        registration = services.registration_check_in(
            registration_id=registration.pk, actor=signed_in_user(request)
        )
        return registration_body(registration)


@router.post(
    "/regions/{slug}/events/{event_id}/check-in",
    auth=signed_in,
    response={200: RegistrationOut, 404: ErrorOut, 409: ErrorOut},
    summary="Check a registrant in by the code on their page or QR code (event staff)",
)
def registration_check_in_by_code(
    request: HttpRequest, slug: Slug, event_id: Id, payload: CheckInIn
):
    with region_context(request, slug, roles=EVENT_STAFF) as region:
        event = event_visible(region_reader(request, region), event_id)
        registration = selectors.registration_by_code(event=event, code=payload.code)
        if registration is None:
            raise Http404
        registration = services.registration_check_in(
            registration_id=registration.pk, actor=signed_in_user(request)
        )
        return registration_body(registration)


@router.post(
    "/regions/{slug}/registrations/{registration_id}/survey",
    auth=None,
    response={201: SurveyOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Answer the post-event survey: 1–5 and comments (the registration's token)",
)
def survey_submit(request: HttpRequest, slug: Slug, registration_id: Id, payload: SurveyIn):
    with region_context(request, slug, roles=None) as region:
        registration = registration_visible(
            region_reader(request, region), registration_id, payload.token
        )
        response = services.survey_submit(
            registration_id=registration.pk,
            rating=payload.rating,
            comments=payload.comments,
            interested_in_jobs=payload.interested_in_jobs,
            actor=request.user,
        )
        return Status(201, {"id": response.pk, "rating": response.rating})


@router.get(
    "/regions/{slug}/events/{event_id}/survey",
    auth=signed_in,
    response={200: SurveySummaryOut, 404: ErrorOut},
    summary="Survey results and attendance of an event (event staff)",
)
def survey_results(request: HttpRequest, slug: Slug, event_id: Id):
    with region_context(request, slug, roles=EVENT_STAFF) as region:
        event = event_visible(region_reader(request, region), event_id)
        summary = selectors.survey_summary(event=event)
        return {
            "responses": summary.responses,
            "average": summary.average,
            "distribution": {str(rating): n for rating, n in summary.distribution},
            "interested_in_jobs": summary.interested,
            "attended": getattr(event, "attended", 0),
        }
