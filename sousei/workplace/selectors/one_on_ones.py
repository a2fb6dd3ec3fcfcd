"""Reads of 1-on-1s: only the two people of a 1-on-1 read its agenda and notes; the office
sees who meets whom and when, not what they say."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Min, Q

from sousei.workplace.models import (
    ActionItem,
    AgendaItem,
    MeetingStatus,
    OneOnOneMeeting,
    OneOnOneSeries,
    PrivateNote,
)


def series_for(*, user: User, is_operator: bool) -> list[OneOnOneSeries]:
    """The caller's 1-on-1s (as manager or member); the office sees every active one. Each
    carries `next_at`, its next meeting. Two queries whatever the count."""
    qs = OneOnOneSeries.objects.filter(active=True)
    if not is_operator:
        qs = qs.filter(Q(manager=user) | Q(member=user))
    return list(
        qs.select_related("manager", "member")
        .annotate(
            next_at=Min(
                "meetings__scheduled_at", filter=Q(meetings__status=MeetingStatus.SCHEDULED)
            )
        )
        .order_by("next_at", "id")
    )


def series_of_party(*, series_id: int, user: User) -> OneOnOneSeries:
    """The 1-on-1 if the caller is one of its two people; DoesNotExist otherwise (a 404)."""
    series = OneOnOneSeries.objects.select_related("manager", "member").get(pk=series_id)
    if user.pk not in (series.manager_id, series.member_id):
        raise OneOnOneSeries.DoesNotExist
    return series


@dataclass(frozen=True)
class SeriesPage:
    series: OneOnOneSeries
    meeting: OneOnOneMeeting | None
    agenda: list[AgendaItem]
    actions: list[ActionItem]
    private_note: str
    past: list[OneOnOneMeeting]
    done_agenda: dict[int, list[AgendaItem]]


def series_page(*, series: OneOnOneSeries, user: User) -> SeriesPage:
    """What the 1-on-1's page shows to one of its two people: the next meeting, the open
    agenda and action items (carried forward), their own private note, and the meetings held
    with what was done in each."""
    meetings = list(series.meetings.order_by("scheduled_at", "id"))
    upcoming = [m for m in meetings if m.status == MeetingStatus.SCHEDULED]
    meeting = upcoming[0] if upcoming else None
    agenda_items = list(
        AgendaItem.objects.filter(series=series).select_related("added_in", "added_by")
    )
    actions = list(
        ActionItem.objects.filter(series=series)
        .select_related("owner", "added_in")
        .order_by("done_at", "due_on", "id")
    )
    private = ""
    if meeting is not None:
        note = PrivateNote.objects.filter(meeting=meeting, author=user).first()
        private = note.text if note is not None else ""
    done: dict[int, list[AgendaItem]] = {}
    for item in agenda_items:
        if item.done_in_id is not None:
            done.setdefault(item.done_in_id, []).append(item)
    return SeriesPage(
        series=series,
        meeting=meeting,
        agenda=[i for i in agenda_items if i.done_at is None],
        actions=[a for a in actions if a.done_at is None],
        private_note=private,
        past=[m for m in reversed(meetings) if m.status != MeetingStatus.SCHEDULED][:12],
        done_agenda=done,
    )
