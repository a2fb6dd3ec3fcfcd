"""Reading the outbox: a user's in-app inbox and the messages about one object. Callers are
inside a region scope, so each reads one region's messages."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import QuerySet

from sousei.core.outbox.kinds import INBOX_KINDS
from sousei.core.outbox.models import (
    MessageLanguage,
    NotificationPreference,
    OutboxMessage,
    about_lookup,
)


def inbox_of(*, user: User, limit: int = 20) -> list[OutboxMessage]:
    """The user's latest in-app messages in the region, newest first, from every app."""
    return list(
        OutboxMessage.objects.filter(user=user, in_app=True).order_by("-created_at", "-id")[:limit]
    )


def unread_count(*, user: User) -> int:
    """How many of the user's in-app messages in the region they have not been shown yet."""
    return OutboxMessage.objects.filter(user=user, in_app=True, read_at__isnull=True).count()


def messages_about(*, obj: models.Model) -> list[OutboxMessage]:
    """The messages concerning `obj` (a candidacy, a registration …), oldest first."""
    return list(OutboxMessage.objects.filter(**about_lookup(obj)).order_by("created_at", "id"))


@dataclass(frozen=True)
class NotificationSettings:
    """A user's choices: their message language, the inbox kinds, and those also e-mailed."""

    language: str
    kinds: list[str]
    by_email: set[str]


def notification_settings_of(*, user: User) -> NotificationSettings:
    """`user`'s notification settings, with the defaults (Japanese, every kind e-mailed)
    where they chose nothing."""
    language = (
        MessageLanguage.objects.filter(user=user).values_list("language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    in_app_only = set(
        NotificationPreference.objects.filter(user=user, by_email=False).values_list(
            "kind", flat=True
        )
    )
    kinds = list(INBOX_KINDS)
    return NotificationSettings(
        language=language,
        kinds=kinds,
        by_email={kind for kind in kinds if kind not in in_app_only},
    )


def messages_to_user(*, user_id: int) -> QuerySet[OutboxMessage]:
    """Every message the region's outbox holds for a user, oldest first (the person's own
    copy under APPI art. 33)."""
    return OutboxMessage.objects.filter(user_id=user_id).order_by("created_at", "id")
