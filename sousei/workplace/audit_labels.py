"""What the workplace audit action codes mean to a reader (registered from
WorkplaceConfig.ready). The administration of teams and rooms, onboarding and 1-on-1s are
audited; presence changes are not, so the audit log holds no timeline of a person
(services/presence.py)."""

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
    "onboarding.start": _("Onboarding started"),
    "onboarding.item_done": _("Onboarding step done"),
    "onboarding.item_undone": _("Onboarding step reopened"),
    "onboarding_template.item_add": _("Onboarding step added to a template"),
    "onboarding_template.item_remove": _("Onboarding step removed from a template"),
    "one_on_one.create": _("1-on-1 started"),
    "one_on_one.agenda_add": _("1-on-1 agenda item added"),
    "one_on_one.action_add": _("1-on-1 action item added"),
    "one_on_one.held": _("1-on-1 held"),
    "one_on_one.skipped": _("1-on-1 skipped"),
}


def register() -> None:
    action_labels_register(LABELS)
