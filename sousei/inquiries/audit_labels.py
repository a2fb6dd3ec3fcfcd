"""What the inquiries' audit action codes mean to a reader (registered from
InquiriesConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

INQUIRY_LABELS = {
    "inquiry.receive": _("Inquiry received"),
    "inquiry.reply": _("Inquiry answered"),
    "inquiry.status": _("Inquiry status changed"),
    "inquiry.notes": _("Inquiry notes changed"),
}


def register() -> None:
    action_labels_register(INQUIRY_LABELS)
