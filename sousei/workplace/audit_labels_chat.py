"""What the chat's audit action codes mean to a reader (registered from WorkplaceConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

LABELS = {
    "workplace.message.edit": _("Message edited"),
    "workplace.message.delete": _("Message deleted"),
    "workplace.announcement.publish": _("Announcement published"),
}


def register() -> None:
    action_labels_register(LABELS)
