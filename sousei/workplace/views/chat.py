"""Chat and announcement pages. They work without JavaScript (forms post and redirect);
with it, sousei/workplace-live.js keeps them live over the stream."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core.access import NotAuthenticated, Reader, signed_in_user
from sousei.core.models import Region
from sousei.core.text import user_name
from sousei.workplace.access import (
    is_workplace_admin,
    room_visible,
    rooms_readable,
    workplace_context,
)
from sousei.workplace.forms.chat import AnnouncementForm, MessageForm, SearchForm
from sousei.workplace.models import PresenceState, Team
from sousei.workplace.selectors import announcements as announcement_reads
from sousei.workplace.selectors import chat as chat_reads
from sousei.workplace.services import announcements as announcement_writes
from sousei.workplace.services import chat as chat_writes


def workplace_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponseBase:
        try:
            with workplace_context(request, slug) as (region, reader):
                return view(request, region, reader, **kwargs)
        except NotAuthenticated:
            return redirect_to_login(request.get_full_path())

    return wrapper


def _people(ids: set[int], *, exclude: int) -> list[tuple[int, str]]:
    users = User.objects.filter(pk__in=ids - {exclude}).only("username", "first_name", "last_name")
    return sorted(((user.pk, user_name(user)) for user in users), key=lambda item: item[1])


@workplace_page
def chat_home(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    everyone = set(announcement_reads.audience_ids(team_id=None))
    return render(
        request,
        "workplace/chat_home.html",
        {
            "region": region,
            "rooms": list(rooms_readable(reader).filter(archived=False)),
            "people": _people(everyone, exclude=reader.user_id),
            "search": SearchForm(),
        },
    )


def _conversation_page(
    request: HttpRequest,
    region: Region,
    reader: Reader,
    *,
    title: str,
    messages_url: str,
    readers: set[int],
    post: Callable[[str], Any],
    load: Callable[[], list[Any]],
    extra: dict[str, Any],
) -> HttpResponse:
    people = _people(readers, exclude=reader.user_id)
    form = MessageForm(request.POST or None, people=people)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                post(form.text())
            except ValidationError as error:
                form.add_error("body", error.message_dict.get("body", error.messages))
            else:
                return redirect(request.get_full_path())
        status = 422
    messages = load()
    return render(
        request,
        "workplace/chat_room.html",
        {
            "region": region,
            "title": title,
            "form": form,
            "items": chat_reads.message_bodies(messages),
            "me": reader.user_id,
            "is_admin": is_workplace_admin(reader),
            "stream_url": f"/api/v1/regions/{region.slug}/stream",
            "messages_url": messages_url,
            "last_id": messages[-1].pk if messages else 0,
            "presence_labels": json.dumps(
                {state.value: str(state.label) for state in PresenceState}, ensure_ascii=False
            ),
            **extra,
        },
        status=status,
    )


@workplace_page
def room_chat(request: HttpRequest, region: Region, reader: Reader, room_id: int) -> HttpResponse:
    room = room_visible(reader, room_id, include_archived=True)
    readers = announcement_reads.room_reader_ids(team_id=room.team_id)
    return _conversation_page(
        request,
        region,
        reader,
        title=room.name,
        messages_url=f"/api/v1/regions/{region.slug}/rooms/{room.pk}/messages",
        readers=readers,
        post=lambda text: chat_writes.message_post(
            region=region, actor=signed_in_user(request), room=room, body=text, readers=readers
        ),
        load=lambda: chat_reads.room_messages(room_id=room.pk),
        extra={"room": room, "present": chat_reads.room_presence(room.pk)},
    )


@workplace_page
def direct_chat(request: HttpRequest, region: Region, reader: Reader, user_id: int) -> HttpResponse:
    if user_id == reader.user_id or user_id not in set(
        announcement_reads.audience_ids(team_id=None)
    ):
        raise Http404("No such person in this workplace.")
    other = User.objects.get(pk=user_id)
    return _conversation_page(
        request,
        region,
        reader,
        title=_("Messages with %(name)s") % {"name": user_name(other)},
        messages_url=f"/api/v1/regions/{region.slug}/direct/{other.pk}/messages",
        readers={other.pk},
        post=lambda text: chat_writes.message_post(
            region=region,
            actor=signed_in_user(request),
            recipient=other,
            body=text,
            readers={other.pk},
        ),
        load=lambda: chat_reads.direct_messages(user_id=reader.user_id, other_id=other.pk),
        extra={"other": other},
    )


@workplace_page
def message_search(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    form = SearchForm(request.GET or None)
    found: list[Any] = []
    if form.is_valid() and form.cleaned_data["q"]:
        found = chat_reads.message_search(reader, query=form.cleaned_data["q"])
    return render(
        request,
        "workplace/chat_search.html",
        {
            "region": region,
            "form": form,
            "results": list(zip(found, chat_reads.message_bodies(found), strict=True)),
            "searched": form.is_bound,
        },
    )


@require_POST
@workplace_page
def message_delete(
    request: HttpRequest, region: Region, reader: Reader, message_id: int
) -> HttpResponse:
    message = chat_reads.message_readable(reader, message_id)
    if message is None:
        raise Http404("No such message.")
    chat_writes.message_delete(
        region=region, actor=signed_in_user(request), reader=reader, message=message
    )
    flash.success(request, _("The message was deleted."))
    if message.room_id is not None:
        return redirect("chat-room", region.slug, message.room_id)
    other = message.recipient_id if message.author_id == reader.user_id else message.author_id
    return redirect("chat-direct", region.slug, other)


def _teams_for(reader: Reader) -> list[tuple[int, str]]:
    return [
        (team.pk, team.name)
        for team in Team.objects.all()
        if announcement_writes.may_announce(reader, team_id=team.pk)
    ]


@workplace_page
def announcement_list(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    teams = _teams_for(reader)
    whole = announcement_writes.may_announce(reader, team_id=None)
    form = None
    status = 200
    if teams or whole:
        form = AnnouncementForm(request.POST or None, teams=teams, whole_region=whole)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            team_id = form.cleaned_data["team"]
            try:
                announcement = announcement_writes.announcement_publish(
                    region=region,
                    actor=signed_in_user(request),
                    reader=reader,
                    team=Team.objects.get(pk=team_id) if team_id else None,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                flash.success(request, _("The announcement was published."))
                return redirect("announcement-detail", region.slug, announcement.pk)
        status = 422
    return render(
        request,
        "workplace/announcement_list.html",
        {
            "region": region,
            "items": announcement_reads.announcements_for(reader),
            "form": form,
            "stream_url": f"/api/v1/regions/{region.slug}/stream",
        },
        status=status,
    )


@workplace_page
def announcement_detail(
    request: HttpRequest, region: Region, reader: Reader, announcement_id: int
) -> HttpResponse:
    announcement = announcement_reads.announcement_visible(reader, announcement_id)
    if announcement is None:
        raise Http404("No such announcement.")
    if request.method == "POST":
        announcement_writes.announcement_mark_read(
            region=region, actor=signed_in_user(request), announcement=announcement
        )
        flash.success(request, _("Marked as read."))
        return redirect("announcement-detail", region.slug, announcement.pk)
    status = None
    if announcement_reads.may_see_readers(reader, announcement):
        status = announcement_reads.read_status(announcement)
    return render(
        request,
        "workplace/announcement_detail.html",
        {
            "region": region,
            "announcement": announcement,
            "status": status,
            "is_read": announcement.reads.filter(user_id=reader.user_id).exists(),
        },
    )
