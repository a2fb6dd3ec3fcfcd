"""What the spaces audit action codes mean to a reader (registered from SpacesConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

LABELS = {
    "booking.create": _("Booked"),
    "booking.cancel": _("Booking cancelled"),
    "booking.check_in": _("Checked in"),
    "booking.check_out": _("Checked out"),
    "booking.no_show": _("Marked as a no-show"),
    "space.hours": _("Opening hours changed"),
}


def register() -> None:
    action_labels_register(LABELS)
