"""1-on-1s: a manager starts one with a report from a template; topics and actions stay open
until done and so carry forward; notes are shared or private; only the two people read it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.workplace.models import MeetingStatus, OneOnOneSeries, Team, TeamKind, TeamMember
from sousei.workplace.selectors.one_on_ones import series_page
from sousei.workplace.services.one_on_ones import (
    SeriesInput,
    action_item_add,
    agenda_item_add,
    agenda_item_set,
    current_meeting,
    notes_save,
    one_on_one_create,
    one_on_one_hold,
    one_on_one_reminders,
)

JST = ZoneInfo("Asia/Tokyo")
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=JST)
FIRST = dt.datetime(2026, 12, 4, 16, 0, tzinfo=JST)


@pytest.fixture
def series(in_koga: Region, cast: Cast) -> OneOnOneSeries:
    """The trainer manages the participant and meets them weekly from Friday."""
    team = Team.objects.create(region=in_koga, name="案件チーム", kind=TeamKind.PROJECT)
    TeamMember.objects.create(
        region=in_koga,
        team=team,
        user=cast.user("participant"),
        manager=cast.user("trainer"),
        joined_on=dt.date(2026, 12, 1),
    )
    with clock.frozen_at(NOW):
        return one_on_one_create(
            region=in_koga,
            data=SeriesInput(
                manager_id=cast.user("trainer").pk,
                member_id=cast.user("participant").pk,
                template="weekly",
                cadence="weekly",
                first_at=FIRST,
            ),
            actor=cast.user("trainer"),
            is_operator=False,
        )


def test_the_template_opens_the_first_agenda(series: OneOnOneSeries, cast: Cast) -> None:
    page = series_page(series=series, user=cast.user("trainer"))
    assert page.meeting is not None
    assert page.meeting.scheduled_at == FIRST
    assert [item.text for item in page.agenda] == [
        "今週うまくいったこと",
        "困っていること・手伝ってほしいこと",
        "来週の優先事項",
    ]


def test_a_manager_starts_one_only_with_their_own_report(in_koga: Region, cast: Cast) -> None:
    with clock.frozen_at(NOW), pytest.raises(PermissionDenied):
        one_on_one_create(
            region=in_koga,
            data=SeriesInput(
                manager_id=cast.user("trainer").pk,
                member_id=cast.user("candidate").pk,
                template="weekly",
                cadence="weekly",
                first_at=FIRST,
            ),
            actor=cast.user("trainer"),
            is_operator=False,
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"template": "nope"}, "template"),
        ({"cadence": "daily"}, "cadence"),
        ({"first_at": NOW - dt.timedelta(days=1)}, "first_at"),
        ({"minutes": 500}, "minutes"),
        ({"meeting_url": "http://meet.example.jp"}, "meeting_url"),
    ],
)
def test_it_refuses_what_it_cannot_schedule(
    in_koga: Region, cast: Cast, changes: dict[str, object], field: str
) -> None:
    data = {
        "manager_id": cast.user("operator").pk,
        "member_id": cast.user("participant").pk,
        "template": "weekly",
        "cadence": "weekly",
        "first_at": FIRST,
    } | changes
    with clock.frozen_at(NOW), pytest.raises(ValidationError) as refusal:
        one_on_one_create(
            region=in_koga,
            data=SeriesInput(**data),  # type: ignore[arg-type]
            actor=cast.user("operator"),
            is_operator=True,
        )
    assert field in refusal.value.message_dict
    assert not OneOnOneSeries.objects.exists()


def test_open_items_carry_forward_until_done(series: OneOnOneSeries, cast: Cast) -> None:
    manager, member = cast.user("trainer"), cast.user("participant")
    with clock.frozen_at(NOW):
        topic = agenda_item_add(series_id=series.pk, text="kintone の研修を受けたい", actor=member)
        action_item_add(
            series_id=series.pk,
            owner_id=member.pk,
            text="学習計画を見直す",
            due_on=dt.date(2026, 12, 10),
            actor=manager,
        )
    first = current_meeting(series)
    with clock.frozen_at(FIRST + dt.timedelta(minutes=30)):
        following = one_on_one_hold(meeting_id=first.pk, actor=manager)
    assert following.scheduled_at == FIRST + dt.timedelta(weeks=1)
    first.refresh_from_db()
    assert first.status == MeetingStatus.HELD
    page = series_page(series=series, user=member)
    assert page.meeting == following
    carried = next(item for item in page.agenda if item.pk == topic.pk)
    assert carried.added_in_id == first.pk  # shown as carried forward from the first meeting
    assert [a.text for a in page.actions] == ["学習計画を見直す"]
    with clock.frozen_at(FIRST + dt.timedelta(weeks=1)):
        agenda_item_set(item_id=topic.pk, done=True, actor=manager)
    page = series_page(series=series, user=member)
    assert topic.pk not in [item.pk for item in page.agenda]


def test_a_private_note_is_its_authors_alone(series: OneOnOneSeries, cast: Cast) -> None:
    manager, member = cast.user("trainer"), cast.user("participant")
    meeting = current_meeting(series)
    notes_save(meeting_id=meeting.pk, shared="共有メモ", private="自分だけのメモ", actor=manager)
    assert series_page(series=series, user=manager).private_note == "自分だけのメモ"
    assert series_page(series=series, user=member).private_note == ""
    meeting.refresh_from_db()
    assert meeting.shared_notes == "共有メモ"
    with pytest.raises(OneOnOneSeries.DoesNotExist):
        notes_save(meeting_id=meeting.pk, shared="x", private=None, actor=cast.user("operator"))


def test_both_sides_are_reminded_the_day_before(series: OneOnOneSeries, cast: Cast) -> None:
    assert one_on_one_reminders(today=dt.date(2026, 12, 3)) == 1
    told = set(
        OutboxMessage.objects.filter(kind="one_on_one_tomorrow").values_list("user_id", flat=True)
    )
    assert told == {cast.user("trainer").pk, cast.user("participant").pk}


def test_only_the_two_people_read_the_page(koga: Region, cast: Cast) -> None:
    with region_scope(koga), clock.frozen_at(NOW):
        made = one_on_one_create(
            region=koga,
            data=SeriesInput(
                manager_id=cast.user("operator").pk,
                member_id=cast.user("participant").pk,
                template="career",
                cadence="monthly",
                first_at=FIRST,
            ),
            actor=cast.user("operator"),
            is_operator=True,
        )
    url = reverse("one-on-one-detail", kwargs={"slug": "koga", "series_id": made.pk})
    for role, status in (("operator", 200), ("participant", 200), ("trainer", 404)):
        client = Client()
        client.force_login(cast.user(role))
        assert client.get(url).status_code == status, role
