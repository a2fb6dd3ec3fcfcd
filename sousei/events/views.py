"""Event pages. Public: the open events, an event with its registration form (purpose of use
and consent), and the registrant's own page reached by the secret link in their e-mail
(cancel, confirm an offer, calendar file, check-in QR code, survey). Staff (operator,
space manager): the events list, the event form with its itinerary, the registrations page
with the waitlist and check-in, survey results and a calendar feed.

Views parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import region_reader, region_roles, region_view, signed_in_user
from sousei.core.errors import Conflict
from sousei.core.http import calendar_file_response
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.events import selectors, services
from sousei.events.access import (
    event_registration_visible,
    event_visible,
    registration_by_token_visible,
)
from sousei.events.forms import (
    CheckInCodeForm,
    EventEditor,
    RegistrationForm,
    SurveyForm,
)
from sousei.events.ics import calendar
from sousei.events.models import (
    REGISTRATION_CONSENT_VERSION,
    Registration,
    RegistrationStatus,
)

EVENT_STAFF = frozenset({Role.OPERATOR, Role.SPACE_MANAGER})
CHECK_IN_SEARCH_MAX = 100


def _is_staff(request: HttpRequest, region: Region) -> bool:
    return bool(region_roles(request, region) & EVENT_STAFF)


def _language() -> str:
    return (translation.get_language() or "ja")[:2]


def qr_svg(value: str) -> str:
    """A QR code as a small SVG (one path; no style attributes, so the CSP allows it)."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(2, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    count = code.getModuleCount()
    border = 4
    path = "".join(
        f"M{x + border} {y + border}h1v1h-1z"
        for y in range(count)
        for x in range(count)
        if code.isDark(y, x)
    )
    size = count + 2 * border
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="192" height="192" role="img" aria-label="QR {value}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{path}" fill="#000"/></svg>'
    )


# --- public ------------------------------------------------------------------------------


@region_view(roles=None)
def event_list(request: HttpRequest, region: Region) -> HttpResponse:
    """The open events of the region, soonest first."""
    events = list(selectors.event_list_public())
    return render(
        request,
        "events/events_list.html",
        {
            "region": region,
            "events": [
                (event, selectors.places_left(event), selectors.registration_open(event))
                for event in events
            ],
            "is_staff": _is_staff(request, region),
        },
    )


@region_view(roles=None)
def event_detail(request: HttpRequest, region: Region, event_id: int) -> HttpResponse:
    """An event with its itinerary and the registration form."""
    staff = _is_staff(request, region)
    event = event_visible(region_reader(request, region), event_id)
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event_id=event.pk, data=form.to_input(_language()), actor=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            request.session["event_registration_new"] = registration.pk
            return redirect(
                "event-registration", slug=region.slug, registration_token=registration.token
            )
    return render(
        request,
        "events/event_detail.html",
        {
            "region": region,
            "event": event,
            "form": form,
            "places_left": selectors.places_left(event),
            "registration_open": selectors.registration_open(event),
            "location": selectors.event_location(event),
            "address": selectors.event_address(event),
            "consent_version": REGISTRATION_CONSENT_VERSION,
            "is_staff": staff,
            "now": clock.now(),
        },
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=None)
def registration_page(
    request: HttpRequest, region: Region, registration_token: str
) -> HttpResponse:
    """The registrant's own page (the link in their e-mail)."""
    registration = registration_by_token_visible(registration_token)
    event = registration.event
    just_registered = request.session.pop("event_registration_new", None) == registration.pk
    now = clock.now()
    answered = hasattr(registration, "survey_response")
    return render(
        request,
        "events/event_registration.html",
        {
            "region": region,
            "registration": registration,
            "event": event,
            "location": selectors.event_location(event),
            "address": selectors.event_address(event),
            "just_registered": just_registered,
            "can_cancel": registration.status
            in (
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
                RegistrationStatus.OFFERED,
            )
            and registration.checked_in_at is None
            and now < event.ends_at,
            "survey_open": registration.status == RegistrationStatus.CONFIRMED
            and now >= event.starts_at
            and not answered,
            "answered": answered,
            "qr": qr_svg(registration.checkin_code)
            if registration.status == RegistrationStatus.CONFIRMED
            else "",
        },
    )


@require_POST
@region_view(roles=None)
def registration_cancel(
    request: HttpRequest, region: Region, registration_token: str
) -> HttpResponse:
    registration = registration_by_token_visible(registration_token)
    try:
        services.registration_cancel(registration_id=registration.pk, actor=request.user)
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("event-registration", slug=region.slug, registration_token=registration_token)


@require_POST
@region_view(roles=None)
def registration_confirm(
    request: HttpRequest, region: Region, registration_token: str
) -> HttpResponse:
    registration = registration_by_token_visible(registration_token)
    try:
        services.registration_confirm(registration_id=registration.pk, actor=request.user)
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("Your place is confirmed. See you there!"))
    return redirect("event-registration", slug=region.slug, registration_token=registration_token)


@region_view(roles=None)
def registration_ics(request: HttpRequest, region: Region, registration_token: str) -> HttpResponse:
    """The registrant's calendar file for the event."""
    registration = registration_by_token_visible(registration_token)
    link = request.build_absolute_uri(
        reverse(
            "event-registration",
            kwargs={"slug": region.slug, "registration_token": registration_token},
        )
    )
    entry = selectors.calendar_entry(registration.event, url=link)
    return calendar_file_response(
        calendar([entry], now=clock.now()), f"event-{registration.event_id}.ics"
    )


@region_view(roles=None)
def survey(request: HttpRequest, region: Region, registration_token: str) -> HttpResponse:
    """The post-event survey (1–5 and comments)."""
    registration = registration_by_token_visible(registration_token)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_submit(
                registration_id=registration.pk,
                rating=form.cleaned_data["rating"],
                comments=form.cleaned_data["comments"],
                interested_in_jobs=form.cleaned_data["interested_in_jobs"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except Conflict as conflict:
            messages.error(request, str(conflict))
            return redirect(
                "event-registration", slug=region.slug, registration_token=registration_token
            )
        else:
            messages.success(request, _("Thank you for answering the survey!"))
            return redirect(
                "event-registration", slug=region.slug, registration_token=registration_token
            )
    return render(
        request,
        "events/event_survey.html",
        {"region": region, "registration": registration, "event": registration.event, "form": form},
        status=422 if request.method == "POST" else 200,
    )


# --- staff -------------------------------------------------------------------------------


@region_view(roles=EVENT_STAFF)
def manage_list(request: HttpRequest, region: Region) -> HttpResponse:
    """All the region's events with their places, waitlist and attendance."""
    when = request.GET.get("when", "upcoming")
    if when not in ("upcoming", "past"):
        when = "upcoming"
    events = list(selectors.event_list_staff(when=when)[:200])
    return render(
        request,
        "events/events_manage_list.html",
        {"region": region, "events": events, "when": when},
    )


def _resources() -> list[tuple[int, str]]:
    from sousei.spaces.models import Resource

    return [
        (resource.pk, f"{resource.space.name} {resource.name} ({resource.get_kind_display()})")
        for resource in Resource.objects.filter(active=True)
        .select_related("space")
        .order_by("space__name", "position", "name")
    ]


@region_view(roles=EVENT_STAFF)
def event_create(request: HttpRequest, region: Region) -> HttpResponse:
    editor = EventEditor(request.POST or None, resources=_resources())
    if request.method == "POST" and editor.is_valid():
        try:
            event = services.event_create(
                region=region, data=editor.to_input(), actor=signed_in_user(request)
            )
        except ValidationError as error:
            editor.add_service_errors(error)
        except Conflict as conflict:
            editor.form.add_error("resource", str(conflict))
        else:
            messages.success(request, _("The event is saved."))
            return redirect("event-manage", slug=region.slug, event_id=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"region": region, "editor": editor, "event": None},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=EVENT_STAFF)
def event_edit(request: HttpRequest, region: Region, event_id: int) -> HttpResponse:
    event = event_visible(region_reader(request, region), event_id)
    editor = EventEditor(request.POST or None, resources=_resources(), event=event)
    if request.method == "POST" and editor.is_valid():
        try:
            services.event_update(event_id=event.pk, data=editor.to_input(), actor=request.user)
        except ValidationError as error:
            editor.add_service_errors(error)
        except Conflict as conflict:
            editor.form.add_error("resource", str(conflict))
        else:
            messages.success(request, _("The event is saved."))
            return redirect("event-manage", slug=region.slug, event_id=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"region": region, "editor": editor, "event": event},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=EVENT_STAFF)
def event_manage(request: HttpRequest, region: Region, event_id: int) -> HttpResponse:
    """Registrations, the waitlist and check-in at the door."""
    event = event_visible(region_reader(request, region), event_id)
    registrations = list(selectors.registrations_of(event=event))
    query = request.GET.get("q", "").strip()
    places = selectors.registrations_matching(
        [r for r in registrations if r.status == RegistrationStatus.CONFIRMED], query
    )
    return render(
        request,
        "events/event_manage.html",
        {
            "region": region,
            "event": event,
            "location": selectors.event_location(event),
            "address": selectors.event_address(event),
            "places": places,
            "offered": [r for r in registrations if r.status == RegistrationStatus.OFFERED],
            "waitlist": [r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
            "gone": [
                r
                for r in registrations
                if r.status in (RegistrationStatus.CANCELLED, RegistrationStatus.EXPIRED)
            ],
            "confirmed_count": sum(
                1 for r in registrations if r.status == RegistrationStatus.CONFIRMED
            ),
            "places_left": selectors.places_left(event),
            "query": query,
            "code_form": CheckInCodeForm(),
        },
    )


@require_POST
@region_view(roles=EVENT_STAFF)
def event_check_in(request: HttpRequest, region: Region, event_id: int) -> HttpResponse:
    """Check in by the button on a row (registration) or by the code typed or scanned."""
    event = event_visible(region_reader(request, region), event_id)
    registration: Registration | None = None
    raw_id = request.POST.get("registration", "")
    if raw_id.isdigit():
        registration = Registration.objects.filter(event=event, pk=int(raw_id)).first()
    elif request.POST.get("code"):
        registration = selectors.registration_by_code(event=event, code=request.POST["code"])
    if registration is None:
        messages.error(
            request, _("No registration of this event has that code. Check it and try again.")
        )
    else:
        try:
            if request.POST.get("undo"):
                services.registration_check_in_undo(
                    registration_id=registration.pk, actor=request.user
                )
                messages.success(
                    request,
                    _("Check-in of %(name)s taken back.") % {"name": registration.person.full_name},
                )
            else:
                services.registration_check_in(registration_id=registration.pk, actor=request.user)
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.person.full_name}
                )
        except Conflict as conflict:
            messages.error(request, str(conflict))
    target = reverse("event-manage", kwargs={"slug": region.slug, "event_id": event.pk})
    query = request.POST.get("q", "")
    return redirect(f"{target}?q={query}#check-in" if query else f"{target}#check-in")


@require_POST
@region_view(roles=EVENT_STAFF)
def event_registration_cancel(
    request: HttpRequest, region: Region, event_id: int, registration_id: int
) -> HttpResponse:
    """Staff cancel a registration (a phone call, a no-reply); the waitlist moves on."""
    event = event_visible(region_reader(request, region), event_id)
    registration = event_registration_visible(
        region_reader(request, region), event, registration_id
    )
    try:
        services.registration_cancel(
            registration_id=registration.pk, actor=request.user, reason="staff"
        )
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(
            request,
            _("The registration of %(name)s is cancelled.")
            % {"name": registration.person.full_name},
        )
    return redirect("event-manage", slug=region.slug, event_id=event.pk)


@require_POST
@region_view(roles=EVENT_STAFF)
def event_cancel(request: HttpRequest, region: Region, event_id: int) -> HttpResponse:
    event = event_visible(region_reader(request, region), event_id)
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm that the event is called off."))
        return redirect("event-manage", slug=region.slug, event_id=event.pk)
    try:
        services.event_cancel(event_id=event.pk, actor=request.user, reason="staff")
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("The event is cancelled and its registrants are told."))
    return redirect("event-manage", slug=region.slug, event_id=event.pk)


@region_view(roles=EVENT_STAFF)
def event_survey_results(request: HttpRequest, region: Region, event_id: int) -> HttpResponse:
    event = event_visible(region_reader(request, region), event_id)
    summary = selectors.survey_summary(event=event)
    top = max((n for _rating, n in summary.distribution), default=0)
    return render(
        request,
        "events/event_survey_results.html",
        {
            "region": region,
            "event": event,
            "summary": summary,
            "bars": [
                (rating, n, round(100 * n / top) if top else 0)
                for rating, n in summary.distribution
            ],
            "responses": list(selectors.survey_responses(event=event)[:500]),
        },
    )


@region_view(roles=EVENT_STAFF)
def events_calendar(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's events as one calendar file (published and cancelled, 90 days back)."""
    entries = []
    for event in selectors.calendar_events():
        link = request.build_absolute_uri(
            reverse("event-manage", kwargs={"slug": region.slug, "event_id": event.pk})
        )
        entries.append(selectors.calendar_entry(event, url=link))
    name = f"{region.name_ja} events" if region.name_ja else "events"
    return calendar_file_response(
        calendar(entries, name=name, now=clock.now()), f"{region.slug}-events.ics"
    )
