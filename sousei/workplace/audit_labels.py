"""What the workplace audit action codes mean to a reader (registered from
WorkplaceConfig.ready). Only the administration of teams and rooms is audited: presence
changes are not, so the audit log holds no timeline of a person (services/presence.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

LABELS = {
    "team.create": _("Team created"),
    "team.member_add": _("Team member added"),
    "team.member_remove": _("Team member removed"),
    "team.manager_set": _("Manager set"),
    "team.lead_set": _("Team lead changed"),
    "room.create": _("Room created"),
    "room.update": _("Room changed"),
    "room.archive": _("Room closed"),
    "room.restore": _("Room opened again"),
}


def register() -> None:
    action_labels_register(LABELS)
