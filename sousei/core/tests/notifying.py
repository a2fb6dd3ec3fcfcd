"""What every notification test checks: the message reached the right person's inbox, in
their language, with a link that opens for them, and by e-mail unless they chose the app
only. Each test runs twice: for a person with the defaults (Japanese, by e-mail) and for one
who chose English and this kind in the app only."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sousei.core.models import OutboxMessage, Region
from sousei.core.outbox.services import notification_settings_set
from sousei.core.scoping import region_scope

DEFAULTS = "ja-by-email"
ENGLISH_APP_ONLY = "en-in-app-only"
CHOICES = pytest.mark.parametrize("choice", [DEFAULTS, ENGLISH_APP_ONLY])

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def choose(user: User, choice: str, kind: str) -> None:
    """Record the person's settings for `choice` before the notification is written."""
    if choice == ENGLISH_APP_ONLY:
        notification_settings_set(user=user, language="en", in_app_only=[kind], actor=user)


def assert_notified(
    region: Region,
    *,
    user: User,
    kind: str,
    choice: str,
    english: str,
    status: int = 200,
    email: str | None = None,
) -> OutboxMessage:
    """The one message of `kind` to `user`, checked; `english` is a phrase its English
    subject or body holds (and the Japanese one does not); `email` the address it goes to
    (the user's unless given)."""
    with region_scope(region):
        messages = list(OutboxMessage.objects.filter(kind=kind, user=user))
    assert len(messages) == 1, f"{len(messages)} messages of {kind} to {user}"
    message = messages[0]
    text = f"{message.subject}\n{message.body}"
    assert message.in_app
    assert message.link.startswith(f"/r/{region.slug}/")
    if choice == ENGLISH_APP_ONLY:
        assert message.language == "en"
        assert english in text
        assert not message.by_email
        assert message.email == ""
    else:
        assert message.language == "ja"
        assert english not in text
        assert JAPANESE.search(message.subject)
        assert message.by_email
        assert message.email == (user.email if email is None else email)
        assert message.link in message.email_body() or message.link in message.body
    client = Client()
    client.force_login(user)
    response = client.get(message.link)
    assert response.status_code == status, message.link
    return message


def recipients(region: Region, kind: str) -> set[User]:
    """Everyone a message of `kind` went to in the region."""
    with region_scope(region):
        return {message.user for message in OutboxMessage.objects.filter(kind=kind)}
