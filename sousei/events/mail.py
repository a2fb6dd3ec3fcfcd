"""E-mails to registrants, in the language they registered in, sent by a background task
after the transaction commits (a rolled-back change sends nothing).

Kinds: registered (a place, with the .ics attached, or a waitlist position), offered (a
freed place to confirm before a deadline), confirmed (an offer taken, with the .ics),
offer_expired, cancelled, event_cancelled."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sousei.core import clock
from sousei.events.ics import calendar
from sousei.events.models import Registration, RegistrationStatus
from sousei.events.selectors import calendar_entry, event_location

KINDS = ("registered", "offered", "confirmed", "offer_expired", "cancelled", "event_cancelled")


def site_url() -> str:
    """The address links in e-mails start with (no request in a background task)."""
    return str(settings.SOUSEI_SITE_URL)


def registration_url(registration: Registration) -> str:
    path = reverse(
        "event-registration",
        kwargs={"slug": registration.region.slug, "registration_token": registration.token},
    )
    return site_url() + path


def mail_later(registration: Registration, kind: str) -> None:
    """Queue the e-mail of `kind` for after the commit."""
    from sousei.events.tasks import registration_mail_send

    registration_id, region_id = registration.pk, registration.region_id
    transaction.on_commit(
        lambda: registration_mail_send.enqueue(
            registration_id=registration_id, region_id=region_id, kind=kind
        )
    )


def _subject(registration: Registration, kind: str) -> str:
    title = registration.event.title
    if kind == "registered":
        if registration.status == RegistrationStatus.WAITLISTED:
            return _("You are on the waitlist: %(event)s") % {"event": title}
        return _("Your place is confirmed: %(event)s") % {"event": title}
    return {
        "offered": _("A place is free for you: %(event)s — please confirm"),
        "confirmed": _("Your place is confirmed: %(event)s"),
        "offer_expired": _("Your offer has expired: %(event)s"),
        "cancelled": _("Your registration is cancelled: %(event)s"),
        "event_cancelled": _("Event cancelled: %(event)s"),
    }[kind] % {"event": title}


def registration_message(registration: Registration, kind: str) -> EmailMessage:
    """The e-mail of `kind` for a registration, in its language (with the .ics for a place)."""
    event = registration.event
    language = registration.language if registration.language in ("ja", "en") else "ja"
    with translation.override(language):
        link = registration_url(registration)
        subject = _subject(registration, kind)
        body = render_to_string(
            "events/events_mail.txt",
            {
                "kind": kind,
                "registration": registration,
                "event": event,
                "location": event_location(event),
                "link": link,
                "region": registration.region,
            },
        )
    message = EmailMessage(
        subject=f"[創生 Sousei] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if kind in ("registered", "confirmed") and registration.status == RegistrationStatus.CONFIRMED:
        ics = calendar([calendar_entry(event, url=link)], now=clock.now())
        message.attach("event.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    return message
