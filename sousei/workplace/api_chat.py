"""Chat, announcements and the live stream of the workplace (mounted in sousei/api.py).

Everyone in the region's workplace (access) reads and writes the messages of the rooms
they may enter and their own direct messages; another team's room, a message they cannot
read, or a person outside the workplace answers 404, as something that does not exist.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, StreamingHttpResponse
from ninja import Router, Status

from sousei.core.access import signed_in_user
from sousei.core.bounds import Id, Slug, text
from sousei.core.http import signed_in
from sousei.core.schemas import ErrorOut
from sousei.workplace.access import room_visible, rooms_readable, workplace_context
from sousei.workplace.live.events import Viewer, cursor_parse
from sousei.workplace.live.stream import event_stream
from sousei.workplace.models import Team
from sousei.workplace.schemas.chat import (
    AnnouncementDetailOut,
    AnnouncementIn,
    AnnouncementOut,
    MessageIn,
    MessageOut,
    MessagePageOut,
    ReadOut,
)
from sousei.workplace.selectors import announcements as announcement_reads
from sousei.workplace.selectors import chat as chat_reads
from sousei.workplace.services import announcements as announcement_writes
from sousei.workplace.services import chat as chat_writes

router = Router(tags=["workplace chat"])

ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _page(messages: list[Any], limit: int) -> dict[str, Any]:
    older = messages[0].pk if len(messages) == limit else None
    return {"items": chat_reads.message_bodies(messages), "older": older}


def _readers_of_room(reader: Any, room_id: int) -> set[int]:
    """Who may read a room, for mentions: everyone in the workplace, or for a team room its
    members and the operators."""
    room = room_visible(reader, room_id, include_archived=True)
    return announcement_reads.room_reader_ids(team_id=room.team_id)


def _workplace_person(user_id: int, me: int) -> User:
    if user_id == me or user_id not in set(announcement_reads.audience_ids(team_id=None)):
        raise Http404("No such person in this workplace.")
    return User.objects.get(pk=user_id)


@router.get(
    "/regions/{slug}/stream",
    auth=signed_in,
    response={200: None, **ERRORS},
    summary="The live stream of the workplace (text/event-stream, Last-Event-ID resume)",
    openapi_extra={
        "responses": {
            200: {
                "description": (
                    "Server-sent events this caller may see: message, message_changed, "
                    "announcement, office, snapshot, ready. Send the last id back as "
                    "Last-Event-ID to resume."
                ),
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def stream(request: HttpRequest, slug: Slug):
    with workplace_context(request, slug) as (region, reader):
        viewer = Viewer(
            region_id=region.pk,
            user_id=reader.user_id,
            room_ids=frozenset(rooms_readable(reader).values_list("pk", flat=True)),
        )
    since = cursor_parse(request.headers.get("Last-Event-ID") or request.GET.get("last_event_id"))
    catch_up = partial(
        chat_reads.catch_up, region=region, reader=reader, viewer=viewer, since=since
    )
    # The request's own database connection is not needed while the stream is open (the
    # catch-up runs on a pool thread): give it back now rather than when the stream ends.
    if not connection.in_atomic_block:
        connection.close()
    response = StreamingHttpResponse(
        event_stream(viewer, catch_up), content_type="text/event-stream; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache, no-transform"
    # nginx: do not buffer this response (the stream would arrive in lumps).
    response["X-Accel-Buffering"] = "no"
    return response


@router.get(
    "/regions/{slug}/rooms/{room}/messages",
    auth=signed_in,
    response={200: MessagePageOut, **ERRORS},
    summary="A page of a room's messages (?after= newer than an id, ?before= older)",
)
def room_message_list(
    request: HttpRequest, slug: Slug, room: Id, after: Id | None = None, before: Id | None = None
):
    with workplace_context(request, slug) as (_region, reader):
        found = room_visible(reader, room, include_archived=True)
        messages = chat_reads.room_messages(room_id=found.pk, after=after, before=before)
        return _page(messages, chat_reads.PAGE_SIZE)


@router.post(
    "/regions/{slug}/rooms/{room}/messages",
    auth=signed_in,
    response={201: MessageOut, **ERRORS},
    summary="Send a message to a room (mention people as @[user id])",
)
def room_message_post(request: HttpRequest, slug: Slug, room: Id, payload: MessageIn):
    with workplace_context(request, slug) as (region, reader):
        found = room_visible(reader, room)
        message = chat_writes.message_post(
            region=region,
            actor=signed_in_user(request),
            room=found,
            body=payload.body,
            readers=_readers_of_room(reader, found.pk),
        )
        return Status(201, chat_reads.message_bodies([message])[0])


@router.get(
    "/regions/{slug}/direct/{user_id}/messages",
    auth=signed_in,
    response={200: MessagePageOut, **ERRORS},
    summary="A page of the direct messages between the caller and another person",
)
def direct_message_list(
    request: HttpRequest,
    slug: Slug,
    user_id: Id,
    after: Id | None = None,
    before: Id | None = None,
):
    with workplace_context(request, slug) as (_region, reader):
        other = _workplace_person(user_id, reader.user_id)
        messages = chat_reads.direct_messages(
            user_id=reader.user_id, other_id=other.pk, after=after, before=before
        )
        return _page(messages, chat_reads.PAGE_SIZE)


@router.post(
    "/regions/{slug}/direct/{user_id}/messages",
    auth=signed_in,
    response={201: MessageOut, **ERRORS},
    summary="Send a direct message to another person of the workplace",
)
def direct_message_post(request: HttpRequest, slug: Slug, user_id: Id, payload: MessageIn):
    with workplace_context(request, slug) as (region, reader):
        other = _workplace_person(user_id, reader.user_id)
        message = chat_writes.message_post(
            region=region,
            actor=signed_in_user(request),
            recipient=other,
            body=payload.body,
            readers={other.pk},
        )
        return Status(201, chat_reads.message_bodies([message])[0])


@router.get(
    "/regions/{slug}/messages/search",
    auth=signed_in,
    response={200: list[MessageOut], **ERRORS},
    summary="Search the messages the caller may read (every word, newest 50)",
)
def message_search(request: HttpRequest, slug: Slug, q: text(200) = ""):  # type: ignore[valid-type]
    with workplace_context(request, slug) as (_region, reader):
        return chat_reads.message_bodies(chat_reads.message_search(reader, query=q))


def _message_of(reader: Any, message_id: int) -> Any:
    message = chat_reads.message_readable(reader, message_id)
    if message is None:
        raise Http404("No such message.")
    return message


@router.patch(
    "/regions/{slug}/messages/{message}",
    auth=signed_in,
    response={200: MessageOut, 409: ErrorOut, **ERRORS},
    summary="Edit one's own message within 15 minutes of sending it",
)
def message_edit(request: HttpRequest, slug: Slug, message: Id, payload: MessageIn):
    with workplace_context(request, slug) as (region, reader):
        found = _message_of(reader, message)
        edited = chat_writes.message_edit(
            region=region, actor=signed_in_user(request), message=found, body=payload.body
        )
        return chat_reads.message_bodies([edited])[0]


@router.delete(
    "/regions/{slug}/messages/{message}",
    auth=signed_in,
    response={200: MessageOut, **ERRORS},
    summary="Delete a message (its author, or an operator); audited",
)
def message_delete(request: HttpRequest, slug: Slug, message: Id):
    with workplace_context(request, slug) as (region, reader):
        found = _message_of(reader, message)
        deleted = chat_writes.message_delete(
            region=region, actor=signed_in_user(request), reader=reader, message=found
        )
        return chat_reads.message_bodies([deleted])[0]


@router.get(
    "/regions/{slug}/announcements",
    auth=signed_in,
    response={200: list[AnnouncementOut], **ERRORS},
    summary="The announcements to the caller, newest first, each read or unread",
)
def announcement_list(request: HttpRequest, slug: Slug):
    with workplace_context(request, slug) as (_region, reader):
        return [
            announcement_reads.announcement_body(item, is_read=getattr(item, "is_read", None))
            for item in announcement_reads.announcements_for(reader)
        ]


@router.post(
    "/regions/{slug}/announcements",
    auth=signed_in,
    response={201: AnnouncementOut, **ERRORS},
    summary="Announce to a team, or with no team to the whole region (operators; team leads "
    "and managers to their team)",
)
def announcement_publish(request: HttpRequest, slug: Slug, payload: AnnouncementIn):
    with workplace_context(request, slug) as (region, reader):
        team = None
        if payload.team_id is not None:
            team = Team.objects.filter(pk=payload.team_id).first()
            if team is None:
                raise ValidationError({"team_id": ValidationError("No such team.")})
        announcement = announcement_writes.announcement_publish(
            region=region,
            actor=signed_in_user(request),
            reader=reader,
            team=team,
            title=payload.title,
            body=payload.body,
        )
        return Status(201, announcement_reads.announcement_body(announcement, is_read=False))


@router.get(
    "/regions/{slug}/announcements/{announcement}",
    auth=signed_in,
    response={200: AnnouncementDetailOut, **ERRORS},
    summary="One announcement; to its author and operators, also who has read it and who not",
)
def announcement_detail(request: HttpRequest, slug: Slug, announcement: Id):
    with workplace_context(request, slug) as (_region, reader):
        found = announcement_reads.announcement_visible(reader, announcement)
        if found is None:
            raise Http404("No such announcement.")
        body: dict[str, Any] = announcement_reads.announcement_body(found)
        if announcement_reads.may_see_readers(reader, found):
            body.update(announcement_reads.read_status(found))
        return body


@router.post(
    "/regions/{slug}/announcements/{announcement}/read",
    auth=signed_in,
    response={200: ReadOut, **ERRORS},
    summary="Confirm having read an announcement",
)
def announcement_read(request: HttpRequest, slug: Slug, announcement: Id):
    with workplace_context(request, slug) as (region, reader):
        found = announcement_reads.announcement_visible(reader, announcement)
        if found is None:
            raise Http404("No such announcement.")
        first = announcement_writes.announcement_mark_read(
            region=region, actor=signed_in_user(request), announcement=found
        )
        return {"first_time": first}


__all__ = ["PermissionDenied", "router"]
