"""Notifications of the workplace's chat: a mention in a message, and an announcement to its
audience, in each recipient's inbox and by e-mail (as they chose), in their language, through
the outbox. While a person has do-not-disturb on, they are told in the app only, never by
e-mail."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.models import Region
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import language_of, message_queue, notification_send
from sousei.core.text import user_name
from sousei.workplace.models import Announcement, Message

PREVIEW = 200


class Kind(models.TextChoices):
    CHAT_MENTION = "chat_mention", gettext_lazy("Mentioned in a message")
    ANNOUNCEMENT = "workplace_announcement", gettext_lazy("Announcement")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def _send(
    *,
    region: Region,
    user: User,
    kind: str,
    text: Callable[[], tuple[str, str]],
    link: str,
    about: models.Model,
    quiet: bool,
) -> OutboxMessage | None:
    from django.utils import translation

    if not quiet:
        return notification_send(
            region=region,
            user=user,
            kind=kind,
            text=text,
            link=link,
            about=about,
        )
    # Do-not-disturb: the inbox only.
    language = language_of(user)
    with translation.override(language):
        subject, body = text()
    return message_queue(
        region=region,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        user=user,
        email="",
        in_app=True,
        about=about,
        link=link,
        choice_checked=True,
    )


def notify_mention(
    *, region: Region, user: User, message: Message, author: str, link: str, quiet: bool
) -> OutboxMessage | None:
    """Tell `user` that `author` mentioned them."""

    def text() -> tuple[str, str]:
        where = message.room.name if message.room is not None else _("a direct message")
        return (
            _("%(author)s mentioned you in %(where)s") % {"author": author, "where": where},
            message.body[:PREVIEW],
        )

    return _send(
        region=region,
        user=user,
        kind=Kind.CHAT_MENTION,
        text=text,
        link=link,
        about=message,
        quiet=quiet,
    )


def notify_announcement(
    *, region: Region, user: User, announcement: Announcement, link: str, quiet: bool
) -> OutboxMessage | None:
    """Tell one person of the audience about a new announcement."""

    def text() -> tuple[str, str]:
        return (
            _("Announcement: %(title)s") % {"title": announcement.title},
            _("%(author)s posted an announcement. Open it to read it and confirm you have.")
            % {"author": user_name(announcement.author)},
        )

    return _send(
        region=region,
        user=user,
        kind=Kind.ANNOUNCEMENT,
        text=text,
        link=link,
        about=announcement,
        quiet=quiet,
    )
