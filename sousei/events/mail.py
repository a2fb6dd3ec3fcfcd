"""E-mails to registrants, in the language they registered in, through the outbox: rendered
when queued, sent by the outbox's task after the transaction commits (a rolled-back change
sends nothing).

Kinds: registered (a place, with the .ics attached, or a waitlist position), offered (a
freed place to confirm before a deadline), confirmed (an offer taken, with the .ics),
offer_expired, cancelled, event_cancelled."""

from __future__ import annotations

from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.http import site_url
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import Attachment, message_queue, recipient_language
from sousei.events.ics import calendar
from sousei.events.models import Registration, RegistrationStatus
from sousei.events.selectors import calendar_entry, event_location


class Kind(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("mail", "Registration received")
    OFFERED = "offered", pgettext_lazy("mail", "Place offered")
    CONFIRMED = "confirmed", pgettext_lazy("mail", "Place confirmed")
    OFFER_EXPIRED = "offer_expired", pgettext_lazy("mail", "Offer expired")
    CANCELLED = "cancelled", pgettext_lazy("mail", "Registration cancelled")
    EVENT_CANCELLED = "event_cancelled", pgettext_lazy("mail", "Event cancelled")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def registration_url(registration: Registration) -> str:
    path = reverse(
        "event-registration",
        kwargs={"slug": registration.region.slug, "registration_token": registration.token},
    )
    return site_url() + path


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


def mail_later(registration: Registration, kind: str) -> OutboxMessage | None:
    """Write the e-mail of `kind` in the registrant's language (with the .ics for a place)
    and queue it in the outbox. None for a registration without an address."""
    # Read as this transaction has left it so far (an event cancellation updates its
    # registrations in bulk), as the mail would have read it had the task rendered it.
    registration = Registration.objects.select_related(
        "event__booking__resource__space", "region", "person"
    ).get(pk=registration.pk)
    if not registration.person.email:
        return None
    event = registration.event
    language = recipient_language(registration.language)
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
    attachment = None
    if kind in ("registered", "confirmed") and registration.status == RegistrationStatus.CONFIRMED:
        attachment = Attachment.calendar(
            "event.ics", calendar([calendar_entry(event, url=link)], now=clock.now())
        )
    return message_queue(
        region=registration.region,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        email=registration.person.email,
        # Someone who registered signed in finds the mail in their inbox too, with the link
        # to their registration, and may choose to get it there only.
        user=registration.user,
        in_app=registration.user is not None,
        about=registration,
        attachment=attachment,
        link=link.removeprefix(site_url()),
    )
