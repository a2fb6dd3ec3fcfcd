"""Reading the outbox: a user's in-app inbox and the messages about one object. Callers are
inside a region scope, so each reads one region's messages."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models

from sousei.core.outbox.models import OutboxMessage, about_lookup


def inbox_of(*, user: User, limit: int = 20) -> list[OutboxMessage]:
    """The user's latest in-app messages in the region, newest first, from every app."""
    return list(
        OutboxMessage.objects.filter(user=user, in_app=True).order_by("-created_at", "-id")[:limit]
    )


def messages_about(*, obj: models.Model) -> list[OutboxMessage]:
    """The messages concerning `obj` (a candidacy, a registration …), oldest first."""
    return list(OutboxMessage.objects.filter(**about_lookup(obj)).order_by("created_at", "id"))
