"""What the events' audit action codes mean to a reader (registered from EventsConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

EVENT_LABELS = {
    "event.create": _("Event created"),
    "event.update": _("Event changed"),
    "event.cancel": _("Event cancelled"),
    "registration.create": _("Registered for an event"),
    "registration.offer": _("Place offered from the waitlist"),
    "registration.confirm": _("Offered place confirmed"),
    "registration.expire": _("Waitlist offer expired"),
    "registration.cancel": _("Event registration cancelled"),
    "registration.check_in": _("Checked in at an event"),
    "registration.check_in_undo": _("Event check-in taken back"),
    "survey.submit": _("Event survey answered"),
}


def register() -> None:
    action_labels_register(EVENT_LABELS)
