"""The audit trail: every write service records who did what to which object."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from sousei.core.models import AuditEntry, Region

# What the audit trail's action codes mean to a reader: core's own here, each app's added
# from its AppConfig.ready() (core must not import the apps built on it).
ACTION_LABELS: dict[str, Any] = {
    "region.create": _("Region created"),
    "membership.grant": _("Role granted"),
    "organization.join": _("Organisation joined the program"),
    "organization.create": _("Organisation created"),
    "organization.profile": _("Organisation profile changed"),
    "region.calendar": _("Closure days and pay week set"),
    "region.office": _("Program office contact changed"),
    "region.onboard": _("Region onboarded"),
    "operator.invite": _("Operator invited"),
    "operator.invite_resend": _("Operator invitation sent again"),
    "api_token.issue": _("API token issued"),
    "api_token.revoke": _("API token revoked"),
    "notification_settings.change": _("Notification settings changed"),
    "audit.export": _("Audit log exported as CSV"),
    "admin.add": _("Added in the admin"),
    "admin.change": _("Changed in the admin"),
    "admin.delete": _("Deleted in the admin"),
}


def action_labels_register(labels: dict[str, Any]) -> None:
    """Adds an app's audit action codes and their (lazily translated) labels."""
    ACTION_LABELS.update(labels)


def audit_record(
    *,
    region: Region,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. Call it inside the service's transaction."""
    return AuditEntry.objects.create(
        region=region,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes=changes or {},
    )


def audit_read(
    *,
    region: Region,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that someone read or took data out of Sousei: a CV opened, a list exported.

    Called by the view or endpoint before it answers, in a transaction of its own (a read
    has no service transaction to join). `details` says what left: the filters, the format,
    how many rows — never the personal data itself."""
    with transaction.atomic():
        return audit_record(region=region, actor=actor, action=action, obj=obj, changes=details)


# How the value codes under a change key read (a candidacy's "stage": interview_1 → 一次面接),
# for keys that are not a model field with choices; each app adds its own from ready().
CHANGE_VALUE_LABELS: dict[str, Any] = {}


def change_value_labels_register(labels: dict[str, Any]) -> None:
    """Adds functions from a change key's code to its label, e.g. {"stage": stage_label}."""
    CHANGE_VALUE_LABELS.update(labels)
