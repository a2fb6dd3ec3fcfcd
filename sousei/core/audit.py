"""The audit trail: every write service records who did what to which object."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from sousei.core.models import AuditEntry, Region


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
