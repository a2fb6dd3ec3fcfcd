"""Request and response bodies of the workplace's chat, announcements and stream API
(sousei/workplace/api_chat.py), with the limits of the services."""

from __future__ import annotations

from ninja import Schema

from sousei.core.bounds import Id, text
from sousei.workplace.services import announcements as announcement_writes
from sousei.workplace.services import chat as chat_writes


class MessageIn(Schema):
    body: text(chat_writes.BODY_MAX + 1000)  # type: ignore[valid-type]


class MessageOut(Schema):
    id: int
    room_id: int | None
    recipient_id: int | None
    author_id: int
    author: str
    body: str
    text: str
    mentions: dict[str, str]
    created_at: str | None
    edited_at: str | None
    deleted: bool


class MessagePageOut(Schema):
    items: list[MessageOut]
    # The id to pass as ?before= for older messages (None at the start of the conversation).
    older: int | None


class AnnouncementIn(Schema):
    team_id: Id | None = None
    title: text(announcement_writes.TITLE_MAX + 100)  # type: ignore[valid-type]
    body: text(announcement_writes.BODY_MAX + 1000)  # type: ignore[valid-type]


class AnnouncementOut(Schema):
    id: int
    team_id: int | None
    team: str | None
    title: str
    body: str
    author_id: int
    author: str
    published_at: str
    is_read: bool | None


class ReaderOut(Schema):
    user_id: int
    name: str
    read_at: str | None = None


class AnnouncementDetailOut(AnnouncementOut):
    read: list[ReaderOut] | None = None
    unread: list[ReaderOut] | None = None


class ReadOut(Schema):
    first_time: bool
