"""Chat writes: send a message to a room or to one person, edit it within 15 minutes, delete
it. Each write publishes its live event when its transaction commits.

Sending is not audited: the message row itself says who wrote what and when. Edits and
deletions are (`workplace.message.edit` / `.delete`), with the author and, for a deletion,
whether an operator made it; the trail keeps no copy of the text a person took back."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.text import user_name
from sousei.workplace import live
from sousei.workplace.access import is_workplace_admin
from sousei.workplace.models import Message, Presence, Room
from sousei.workplace.notifications_chat import notify_mention
from sousei.workplace.selectors.chat import EDIT_WINDOW, mentioned_ids, message_event

BODY_MAX = 4000


def _checked_body(body: str) -> str:
    text = body.strip()
    if not text:
        raise ValidationError(
            {"body": ValidationError(gettext_lazy("Write a message first."), code="required")}
        )
    if len(text) > BODY_MAX:
        raise ValidationError(
            {
                "body": ValidationError(
                    gettext_lazy(
                        "A message holds at most %(max)s characters (this one has %(count)s). "
                        "Shorten it or send it in parts."
                    ),
                    code="max_length",
                    params={"max": BODY_MAX, "count": len(text)},
                )
            }
        )
    return text


def _mentions(body: str, allowed: set[int], author_id: int) -> list[int]:
    """The mentioned people who can read the message (a mention of someone else is left as
    text and notifies nobody)."""
    return [uid for uid in mentioned_ids(body) if uid in allowed and uid != author_id]


def _notify_mentions(*, region: Region, message: Message, link: str) -> None:
    if not message.mentioned_user_ids:
        return
    now = clock.now()
    quiet = set(
        Presence.objects.filter(
            user_id__in=message.mentioned_user_ids, do_not_disturb_until__gt=now
        ).values_list("user_id", flat=True)
    )
    for user in User.objects.filter(pk__in=message.mentioned_user_ids):
        notify_mention(
            region=region,
            user=user,
            message=message,
            author=user_name(message.author),
            link=link,
            quiet=user.pk in quiet,
        )


def message_post(
    *,
    region: Region,
    actor: User,
    room: Room | None = None,
    recipient: User | None = None,
    body: str,
    readers: set[int],
) -> Message:
    """Send `body` to `room` (the caller checked they may read it) or to `recipient`. `readers`
    are the people who may read it: only they can be mentioned and notified."""
    text = _checked_body(body)
    if (room is None) == (recipient is None):
        raise ValueError("A message goes to a room or to one person.")
    with transaction.atomic():
        message = Message.objects.create(
            region=region,
            room=room,
            recipient=recipient,
            author=actor,
            body=text,
            mentioned_user_ids=_mentions(text, readers, actor.pk),
        )
        if room is not None:
            link = reverse("chat-room", args=[region.slug, room.pk])
        else:
            link = reverse("chat-direct", args=[region.slug, actor.pk])
        _notify_mentions(region=region, message=message, link=f"{link}#m{message.pk}")
        live.publish(region.pk, message_event(message))
    return message


def message_edit(*, region: Region, actor: User, message: Message, body: str) -> Message:
    """The author changes their message's text, within EDIT_WINDOW of sending it."""
    if message.author_id != actor.pk:
        raise PermissionDenied
    if message.deleted_at is not None:
        raise Conflict(gettext_lazy("This message was deleted; it cannot be edited."))
    if clock.now() - message.created_at > EDIT_WINDOW:
        raise Conflict(
            gettext_lazy(
                "A message can be edited for 15 minutes after it is sent, and this one is "
                "older. Send a new message with the correction instead."
            )
        )
    text = _checked_body(body)
    with transaction.atomic():
        message.body = text
        message.mentioned_user_ids = [
            uid for uid in mentioned_ids(text) if uid in set(message.mentioned_user_ids)
        ]
        message.edited_at = clock.now()
        message.save(update_fields=["body", "mentioned_user_ids", "edited_at"])
        audit_record(
            region=region,
            actor=actor,
            action="workplace.message.edit",
            obj=message,
            changes={"characters": len(text)},
        )
        live.publish(region.pk, message_event(message))
    return message


def message_delete(*, region: Region, actor: User, reader: Reader, message: Message) -> Message:
    """The author, or an operator, deletes a message: its text is blanked and its place in
    the conversation stays, marked deleted. Audited."""
    by_operator = message.author_id != actor.pk
    if by_operator and not is_workplace_admin(reader):
        raise PermissionDenied
    if message.deleted_at is not None:
        return message
    with transaction.atomic():
        message.body = ""
        message.mentioned_user_ids = []
        message.deleted_at = clock.now()
        message.save(update_fields=["body", "mentioned_user_ids", "deleted_at"])
        audit_record(
            region=region,
            actor=actor,
            action="workplace.message.delete",
            obj=message,
            changes={
                "author": message.author_id,
                "room": message.room_id,
                "recipient": message.recipient_id,
                "by_operator": by_operator,
            },
        )
        live.publish(region.pk, message_event(message))
    return message
