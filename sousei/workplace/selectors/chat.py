"""Chat reads: a room's messages and a conversation page by page, search, the bodies the API
and the live stream send, and what a reconnecting stream catches up on.

Pages are by id (`after`/`before`), newest last, at most PAGE_SIZE: two queries whatever
the page (the messages with their authors, and the names of the people they mention)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.text import user_name
from sousei.workplace.access import rooms_readable
from sousei.workplace.live import events as live_events
from sousei.workplace.live.events import Cursor, LiveEvent, Viewer
from sousei.workplace.live.stream import CATCH_UP_LIMIT, OVERLAP, CatchUp
from sousei.workplace.models import Announcement, Message, Presence, PresenceState

PAGE_SIZE = 50
SEARCH_LIMIT = 50
#: The author may edit a message for this long after sending it.
EDIT_WINDOW = dt.timedelta(minutes=15)
#: A mention in a message's text: @[user id], inserted by the composer's member list (a
#: Japanese name has no reliable word boundary for a typed @name to end at).
MENTION = re.compile(r"@\[(\d{1,10})\]")


def mentioned_ids(body: str) -> list[int]:
    seen: list[int] = []
    for found in MENTION.finditer(body):
        value = int(found.group(1))
        if value not in seen:
            seen.append(value)
    return seen


def _iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment is not None else None


def user_names(ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {
        user.pk: user_name(user)
        for user in User.objects.filter(pk__in=wanted).only("username", "first_name", "last_name")
    }


def _shown(body: str, names: dict[int, str]) -> str:
    def name(found: re.Match[str]) -> str:
        known = names.get(int(found.group(1)))
        return f"@{known}" if known else found.group(0)

    return MENTION.sub(name, body)


def message_body(message: Message, names: dict[int, str] | None = None) -> dict[str, Any]:
    """A message as the API and the stream send it. A deleted message keeps its place and
    says so, with no text."""
    names = names or {}
    deleted = message.deleted_at is not None
    return {
        "id": message.pk,
        "room_id": message.room_id,
        "recipient_id": message.recipient_id,
        "author_id": message.author_id,
        "author": user_name(message.author),
        "body": "" if deleted else message.body,
        # The text to show: each @[id] as @name.
        "text": "" if deleted else _shown(message.body, names),
        "mentions": {
            str(uid): names.get(uid, "") for uid in ([] if deleted else message.mentioned_user_ids)
        },
        "created_at": _iso(message.created_at),
        "edited_at": _iso(message.edited_at),
        "deleted": deleted,
    }


def message_bodies(messages: list[Message]) -> list[dict[str, Any]]:
    names = user_names(uid for message in messages for uid in message.mentioned_user_ids)
    return [message_body(message, names) for message in messages]


def _page(
    messages: QuerySet[Message], *, after: int | None, before: int | None, limit: int
) -> list[Message]:
    messages = messages.select_related("author")
    if after is not None:
        return list(messages.filter(id__gt=after).order_by("id")[:limit])
    if before is not None:
        messages = messages.filter(id__lt=before)
    return list(reversed(messages.order_by("-id")[:limit]))


def room_messages(
    *, room_id: int, after: int | None = None, before: int | None = None, limit: int = PAGE_SIZE
) -> list[Message]:
    """A page of a room's messages (the caller checked the room is theirs to read)."""
    return _page(Message.objects.filter(room_id=room_id), after=after, before=before, limit=limit)


def _conversation(user_id: int, other_id: int) -> QuerySet[Message]:
    return Message.objects.filter(
        Q(author_id=user_id, recipient_id=other_id) | Q(author_id=other_id, recipient_id=user_id)
    )


def direct_messages(
    *,
    user_id: int,
    other_id: int,
    after: int | None = None,
    before: int | None = None,
    limit: int = PAGE_SIZE,
) -> list[Message]:
    """A page of the direct messages between two people."""
    return _page(_conversation(user_id, other_id), after=after, before=before, limit=limit)


def readable_messages(reader: Reader) -> QuerySet[Message]:
    """Every message `reader` may read: those of their rooms and their direct messages."""
    rooms = rooms_readable(reader).values("pk")
    return Message.objects.filter(
        Q(room_id__in=rooms)
        | Q(author_id=reader.user_id, room__isnull=True)
        | Q(recipient_id=reader.user_id)
    )


def message_readable(reader: Reader, message_id: int) -> Message | None:
    return readable_messages(reader).select_related("author").filter(pk=message_id).first()


def message_search(reader: Reader, *, query: str, limit: int = SEARCH_LIMIT) -> list[Message]:
    """The newest messages `reader` may read whose text holds every word of `query`
    (case-insensitive substring, so it works for Japanese without a tokenizer and on SQLite
    alike). Bounded: the newest `limit` matches."""
    words = [word for word in query.split() if word][:5]
    if not words:
        return []
    found = readable_messages(reader).filter(deleted_at__isnull=True)
    for word in words:
        found = found.filter(body__icontains=word)
    return list(found.select_related("author", "room").order_by("-id")[:limit])


def message_event(message: Message) -> LiveEvent:
    """The live event of a new or changed message, addressed to the room's readers or the two
    people of a direct message."""
    names = user_names(message.mentioned_user_ids)
    changed = message.edited_at is not None or message.deleted_at is not None
    moment = message.deleted_at or message.edited_at or message.created_at or clock.now()
    return LiveEvent(
        region_id=message.region_id,
        kind=live_events.MESSAGE_CHANGED if changed else live_events.MESSAGE,
        payload=message_body(message, names),
        at_ms=int(moment.timestamp() * 1000),
        room_id=message.room_id,
        user_ids=(
            (message.author_id, message.recipient_id) if message.recipient_id is not None else None
        ),
        message_id=message.pk,
    )


def room_presence(room_id: int, *, limit: int = 50) -> list[dict[str, Any]]:
    """Who is in a room now, as everyone may see them (hidden people are left out)."""
    rows = (
        Presence.objects.filter(room_id=room_id, hidden=False)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")[:limit]
    )
    return [
        {
            "user_id": row.user_id,
            "name": user_name(row.user),
            "state": row.state,
            "label": PresenceState(row.state).label,
        }
        for row in rows
    ]


def _announcements_to(reader: Reader) -> QuerySet[Announcement]:
    from sousei.workplace.selectors.announcements import announcements_to

    return announcements_to(reader)


def catch_up(*, region: Region, reader: Reader, viewer: Viewer, since: Cursor | None) -> CatchUp:
    """What a connection sends before relaying live events (stream module docstring)."""
    with region_scope(region):
        now_ms = int(clock.now().timestamp() * 1000)
        if since is None:
            top = Message.objects.aggregate(top=Max("id"))["top"] or 0
            top_announcement = Announcement.objects.aggregate(top=Max("id"))["top"] or 0
            return CatchUp(cursor=Cursor(top, top_announcement, now_ms))
        moment = dt.datetime.fromtimestamp(since.at_ms / 1000, tz=dt.UTC) - OVERLAP
        changed = (
            Q(id__gt=since.message_id)
            | Q(created_at__gte=moment)
            | Q(edited_at__gte=moment)
            | Q(deleted_at__gte=moment)
        )
        messages = list(
            readable_messages(reader)
            .filter(changed)
            .select_related("author")
            .order_by("id")[: CATCH_UP_LIMIT + 1]
        )
        result = CatchUp(cursor=Cursor(since.message_id, since.announcement_id, since.at_ms))
        if len(messages) > CATCH_UP_LIMIT:
            # Too much missed to replay: the page reloads.
            result.events.append(_snapshot(region, now_ms, reload=True))
            top = Message.objects.aggregate(top=Max("id"))["top"] or 0
            result.cursor = Cursor(top, since.announcement_id, now_ms)
            return result
        for message in messages:
            event = message_event(message)
            if message.pk <= since.message_id and event.kind == live_events.MESSAGE:
                event = LiveEvent(**{**event.__dict__, "kind": live_events.MESSAGE_CHANGED})
            result.events.append(event)
            result.message_ids.add(message.pk)
        from sousei.workplace.selectors.announcements import announcement_event

        for announcement in (
            _announcements_to(reader)
            .filter(id__gt=since.announcement_id)
            .select_related("author", "team")
            .order_by("id")[:CATCH_UP_LIMIT]
        ):
            result.events.append(announcement_event(announcement, user_ids=(viewer.user_id,)))
        result.events.append(_snapshot(region, now_ms))
        return result


def _snapshot(region: Region, now_ms: int, *, reload: bool = False) -> LiveEvent:
    return LiveEvent(
        region_id=region.pk,
        kind=live_events.SNAPSHOT,
        payload={"reload": reload},
        at_ms=now_ms,
    )
