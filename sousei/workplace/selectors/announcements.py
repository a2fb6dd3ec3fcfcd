"""Announcement reads: who an announcement is for, what a person has been told and whether
they read it, and who has read one and who has not (for its author and operators)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sousei.core.access import Reader
from sousei.core.models import Membership
from sousei.core.text import user_name
from sousei.workplace.access import (
    WORKPLACE_ADMINS,
    WORKPLACE_STAFF,
    current_members,
    is_workplace_admin,
)
from sousei.workplace.live import events as live_events
from sousei.workplace.live.events import LiveEvent
from sousei.workplace.models import Announcement, AnnouncementRead


def audience_ids(*, team_id: int | None) -> list[int]:
    """The people an announcement is for, in the current region: the team's current members,
    or with no team everyone in the workplace (team members, operators and trainers)."""
    members = current_members()
    if team_id is not None:
        return sorted(set(members.filter(team_id=team_id).values_list("user_id", flat=True)))
    staff = Membership.objects.filter(role__in=WORKPLACE_STAFF).values_list("user_id", flat=True)
    return sorted(set(members.values_list("user_id", flat=True)) | set(staff))


def room_reader_ids(*, team_id: int | None) -> set[int]:
    """Who may read a room's messages: everyone in the workplace for an open room; a team
    room's current members and the operators."""
    if team_id is None:
        return set(audience_ids(team_id=None))
    operators = Membership.objects.filter(role__in=WORKPLACE_ADMINS).values_list(
        "user_id", flat=True
    )
    return set(audience_ids(team_id=team_id)) | set(operators)


def announcements_to(reader: Reader) -> QuerySet[Announcement]:
    """The announcements addressed to `reader`: region-wide ones, and those to the team they
    belong to now. Operators also see every team's."""
    if is_workplace_admin(reader):
        return Announcement.objects.all()
    mine = current_members().filter(team_id=OuterRef("team_id"), user_id=reader.user_id)
    return Announcement.objects.filter(Q(team__isnull=True) | Q(Exists(mine)))


def announcements_for(reader: Reader, *, limit: int = 50) -> list[Announcement]:
    """The newest announcements to `reader`, each with `is_read` for them (one query)."""
    read = AnnouncementRead.objects.filter(announcement_id=OuterRef("pk"), user_id=reader.user_id)
    return list(
        announcements_to(reader)
        .annotate(is_read=Exists(read))
        .select_related("author", "team")
        .order_by("-published_at", "-id")[:limit]
    )


def announcement_visible(reader: Reader, announcement_id: int) -> Announcement | None:
    return (
        announcements_to(reader).select_related("author", "team").filter(pk=announcement_id).first()
    )


def may_see_readers(reader: Reader, announcement: Announcement) -> bool:
    """Who has read an announcement is shown to its author and to operators."""
    return is_workplace_admin(reader) or announcement.author_id == reader.user_id


def read_status(announcement: Announcement) -> dict[str, list[dict[str, Any]]]:
    """Its audience split into who has read it (and when) and who has not. Three queries."""
    # Its author is not waiting to read it.
    audience = [
        uid for uid in audience_ids(team_id=announcement.team_id) if uid != announcement.author_id
    ]
    reads = {
        row.user_id: row.read_at
        for row in AnnouncementRead.objects.filter(announcement=announcement)
    }
    people = {
        user.pk: user
        for user in User.objects.filter(pk__in=set(audience) | set(reads)).only(
            "username", "first_name", "last_name"
        )
    }
    read, unread = [], []
    for user_id in sorted(people, key=lambda uid: user_name(people[uid])):
        entry = {"user_id": user_id, "name": user_name(people[user_id])}
        if user_id in reads:
            read.append({**entry, "read_at": timezone.localtime(reads[user_id]).isoformat()})
        elif user_id in audience:
            unread.append(entry)
    return {"read": read, "unread": unread}


def announcement_body(announcement: Announcement, *, is_read: bool | None = None) -> dict[str, Any]:
    return {
        "id": announcement.pk,
        "team_id": announcement.team_id,
        "team": announcement.team.name if announcement.team else None,
        "title": announcement.title,
        "body": announcement.body,
        "author_id": announcement.author_id,
        "author": user_name(announcement.author),
        "published_at": timezone.localtime(announcement.published_at).isoformat(),
        "is_read": is_read,
    }


def announcement_event(announcement: Announcement, *, user_ids: tuple[int, ...]) -> LiveEvent:
    return LiveEvent(
        region_id=announcement.region_id,
        kind=live_events.ANNOUNCEMENT,
        payload=announcement_body(announcement, is_read=False),
        at_ms=int(announcement.published_at.timestamp() * 1000),
        user_ids=user_ids,
        announcement_id=announcement.pk,
    )
