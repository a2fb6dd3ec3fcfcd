"""Queueing outgoing messages. The apps render a message's text in the recipient's language
(`recipient_language`) and hand it over with `message_queue`; the e-mail goes out from the
task queue once their transaction commits, so a rolled-back change sends nothing.

No actor and no audit entry here: a message is part of the caller's change, which the
caller's service audits, and the message row is itself the record of what was said."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import translation

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Membership, Region
from sousei.core.outbox.kinds import INBOX_KINDS
from sousei.core.outbox.models import MessageLanguage, NotificationPreference, OutboxMessage
from sousei.core.outbox.tasks import outbox_send
from sousei.core.processing import recipient_usable
from sousei.core.scoping import cross_region

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


def language_of(user: User | None) -> str:
    """The language `user` is written to in: the one they chose in their notification
    settings, else Japanese, the program's language."""
    if user is None:
        return settings.LANGUAGE_CODE
    chosen = MessageLanguage.objects.filter(user=user).values_list("language", flat=True).first()
    return recipient_language(chosen)


def email_wanted(*, user: User, kind: str) -> bool:
    """Whether `user` wants notifications of `kind` by e-mail too (yes unless they chose
    "in the app only")."""
    return _choices_of(user=user, kind=kind)[1]


def _choices_of(*, user: User, kind: str) -> tuple[str, bool]:
    """`user`'s language and whether they want `kind` by e-mail, read in one query (a
    notification is written inside its service's transaction, so it should cost little)."""
    row = (
        User.objects.filter(pk=user.pk)
        .values_list(
            Subquery(MessageLanguage.objects.filter(user=OuterRef("pk")).values("language")[:1]),
            Subquery(
                NotificationPreference.objects.filter(user=OuterRef("pk"), kind=kind).values(
                    "by_email"
                )[:1]
            ),
        )
        .first()
    )
    language, by_email = row if row is not None else (None, None)
    return recipient_language(language), by_email is not False


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
    link: str = "",
    choice_checked: bool = False,
) -> OutboxMessage | None:
    """Store a message rendered in `language` for `user` (in their inbox when `in_app`) and/or
    `email`; with an address, e-mail it once after the transaction commits, unless the user
    chose to get this kind in the app only. `link` is the path where they act on it. None
    inside `messages_held()`."""
    if _held.get():
        return None
    # A person who asked to stop the use of their data gets no notifications meanwhile.
    if not recipient_usable(
        region=region, user_id=user.pk if user else None, email=email, kind=kind
    ):
        return None
    if in_app and isinstance(user, User) and email and not email_wanted(user=user, kind=kind):
        email = ""
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
        link=link[:300],
    )
    if message.by_email:
        message_id, region_id = message.pk, region.pk
        transaction.on_commit(
            lambda: outbox_send.enqueue(message_id=message_id, region_id=region_id)
        )
    return message


def notification_send(
    *,
    region: Region,
    user: User | None,
    kind: str,
    text: Callable[[], tuple[str, str]],
    link: str,
    about: models.Model | None = None,
) -> OutboxMessage | None:
    """A notification to a signed-in user: `text()` gives its subject and body, rendered in
    the user's language; it goes in their inbox with `link` (where they act on it), and is
    e-mailed to their account's address unless they chose this kind in the app only. None
    without a user (nobody to tell) or inside `messages_held()`."""
    if user is None or _held.get():
        return None
    language, by_email = _choices_of(user=user, kind=kind)
    with translation.override(language):
        subject, body = text()
    return message_queue(
        region=region,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        user=user,
        email=user.email if by_email else "",
        in_app=True,
        about=about,
        link=link,
        choice_checked=True,
    )


def notification_settings_set(
    *, user: User, language: str, in_app_only: Collection[str], actor: User
) -> None:
    """Record `user`'s message language and, for every inbox kind, whether it is also
    e-mailed (not for the kinds in `in_app_only`). Audited in each region of the user
    (`notification_settings.change`), since their messages come from all of them."""
    chosen = set(in_app_only) & set(INBOX_KINDS)
    with transaction.atomic():
        MessageLanguage.objects.update_or_create(
            user=user, defaults={"language": recipient_language(language)}
        )
        existing = {
            row.kind: row
            for row in NotificationPreference.objects.select_for_update().filter(user=user)
        }
        for kind in INBOX_KINDS:
            wanted = kind not in chosen
            row = existing.get(kind)
            if row is None:
                NotificationPreference.objects.create(user=user, kind=kind, by_email=wanted)
            elif row.by_email != wanted:
                row.by_email = wanted
                row.save(update_fields=["by_email"])
        changes = {"language": recipient_language(language), "in_app_only": sorted(chosen)}
        with cross_region("a person's settings are audited in each region they belong to"):
            regions = {
                membership.region_id: membership.region
                for membership in Membership.objects.filter(user=user).select_related("region")
            }
        for region_id in sorted(regions):
            audit_record(
                region=regions[region_id],
                actor=actor,
                action="notification_settings.change",
                obj=user,
                changes=changes,
            )


def inbox_mark_read(*, user: User, message_ids: Collection[int]) -> int:
    """Mark the user's in-app messages `message_ids` read (those they have just been shown),
    in the current region. Reading is not audited: like presence, it says nothing about the
    program, and the message row keeps when it was read."""
    return OutboxMessage.objects.filter(
        user=user, in_app=True, read_at__isnull=True, pk__in=list(message_ids)
    ).update(read_at=clock.now())
