"""Queueing outgoing messages. The apps render a message's text in the recipient's language
(`recipient_language`) and hand it over with `message_queue`; the e-mail goes out from the
task queue once their transaction commits, so a rolled-back change sends nothing.

No actor and no audit entry here: a message is part of the caller's change, which the
caller's service audits, and the message row is itself the record of what was said."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction

from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.tasks import outbox_send

CALENDAR_MIMETYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class Attachment:
    """A file sent with the e-mail (text: an .ics calendar entry)."""

    name: str
    content: str
    mimetype: str

    @classmethod
    def calendar(cls, name: str, content: str) -> Attachment:
        """An .ics entry the mail client offers to add to the calendar."""
        return cls(name=name, content=content, mimetype=CALENDAR_MIMETYPE + "; method=PUBLISH")


# Set by `messages_held()`; a context variable, so other threads and requests are unaffected.
_held: ContextVar[bool] = ContextVar("sousei_outbox_held", default=False)


@contextmanager
def messages_held() -> Iterator[None]:
    """Queue no message inside the block. The demo replays months of history through the
    services; the mails those steps would have sent at the time are not written now."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def recipient_language(code: str | None) -> str:
    """The language to write to someone in: theirs if the site speaks it, else Japanese."""
    spoken = {language for language, _ in settings.LANGUAGES}
    return code if code in spoken else settings.LANGUAGE_CODE


def message_queue(
    *,
    region: Region,
    kind: str,
    language: str,
    subject: str,
    body: str,
    user: models.Model | None = None,
    email: str = "",
    in_app: bool = False,
    about: models.Model | None = None,
    attachment: Attachment | None = None,
) -> OutboxMessage | None:
    """Store a message rendered in `language` for `user` (in their inbox when `in_app`) and/or
    `email`; with an address, e-mail it once after the transaction commits. None inside
    `messages_held()`."""
    if _held.get():
        return None
    message = OutboxMessage.objects.create(
        region=region,
        user=user,
        email=email,
        in_app=in_app,
        by_email=bool(email),
        language=language,
        kind=kind,
        subject=subject.strip()[:200],
        body=body,
        attachment_name=attachment.name if attachment else "",
        attachment_type=attachment.mimetype if attachment else "",
        attachment=attachment.content if attachment else "",
        about_model=about._meta.label_lower if about is not None else "",
        about_id=about.pk if about is not None else None,
    )
    if message.by_email:
        message_id, region_id = message.pk, region.pk
        transaction.on_commit(
            lambda: outbox_send.enqueue(message_id=message_id, region_id=region_id)
        )
    return message
