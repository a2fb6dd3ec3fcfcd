"""Teams, rooms and presence services: what they store, what they refuse, and what they
leave out of the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from conftest import Cast
from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Region
from sousei.core.tests.factories import UserFactory
from sousei.workplace.access import room_visible_to
from sousei.workplace.models import Presence, Room, TeamMember
from sousei.workplace.presence_rules import JST
from sousei.workplace.selectors.office import presence_of
from sousei.workplace.services import presence as presence_services
from sousei.workplace.services import rooms as room_services
from sousei.workplace.services import teams as team_services
from sousei.workplace.tests import factories

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=JST)


def test_a_new_team_gets_its_own_room_and_an_audit_entry(in_koga: Region, cast: Cast) -> None:
    team = team_services.team_create(
        region=in_koga, actor=cast.user("operator"), name="RPAチーム", kind="consulting"
    )
    room = Room.objects.get(team=team)
    assert (room.kind, room.name) == ("team", "RPAチーム")
    assert AuditEntry.objects.filter(action="team.create", object_id=str(team.pk)).exists()
    with pytest.raises(Conflict):
        team_services.team_create(region=in_koga, actor=None, name="RPAチーム", kind="staff")


def test_a_person_is_in_one_team_at_a_time_unless_moved(in_koga: Region, cast: Cast) -> None:
    user = cast.user("participant")
    first = factories.team(in_koga, "A")
    second = factories.team(in_koga, "B")
    factories.seat(in_koga, user, first)
    with pytest.raises(Conflict):
        factories.seat(in_koga, user, second)
    team_services.team_member_add(
        region=in_koga, actor=None, team=second, user=user, joined_on=dt.date(2027, 1, 5), move=True
    )
    places = TeamMember.objects.filter(user=user).order_by("pk")
    assert [(p.team.name, p.left_on) for p in places] == [
        ("A", dt.date(2027, 1, 5)),
        ("B", None),
    ]


def test_a_manager_is_never_the_member_nor_a_loop(in_koga: Region) -> None:
    a, b, c = (UserFactory.create(username=n) for n in "abc")
    team = factories.team(in_koga)
    member_a = factories.seat(in_koga, a, team)
    member_b = factories.seat(in_koga, b, team, manager=a)
    factories.seat(in_koga, c, team, manager=b)
    with pytest.raises(ValidationError) as error:
        team_services.team_member_manager_set(
            region=in_koga, actor=None, member_id=member_a.pk, manager_id=a.pk
        )
    assert error.value.message_dict["manager"]
    # a → c would close the loop a ← b ← c.
    with pytest.raises(ValidationError) as error:
        team_services.team_member_manager_set(
            region=in_koga, actor=None, member_id=member_a.pk, manager_id=c.pk
        )
    assert error.value.error_dict["manager"][0].code == "cycle"
    team_services.team_member_manager_set(
        region=in_koga, actor=None, member_id=member_b.pk, manager_id=None
    )
    assert AuditEntry.objects.filter(action="team.manager_set").count() == 1


def test_removing_a_member_takes_them_out_of_the_team_room(in_koga: Region, cast: Cast) -> None:
    user = cast.user("participant")
    member = factories.seat(in_koga, user)
    presence_services.room_enter(region=in_koga, user=user, room=factories.room_of(member.team))
    team_services.team_member_remove(region=in_koga, actor=None, member_id=member.pk)
    assert Presence.objects.get(user=user).room_id is None
    with pytest.raises(Conflict):
        team_services.team_member_remove(region=in_koga, actor=None, member_id=member.pk)


def test_rooms_are_created_checked_and_archived_by_operators(in_koga: Region, cast: Cast) -> None:
    operator = cast.user("operator")
    room = room_services.room_create(
        region=in_koga,
        actor=operator,
        data=room_services.RoomInput(
            name="会議室1", kind="meeting", meeting_url="https://meet.example.jp/a"
        ),
    )
    with pytest.raises(ValidationError) as error:
        room_services.room_create(
            region=in_koga,
            actor=operator,
            data=room_services.RoomInput(name="x", kind="team", meeting_url="http://insecure"),
        )
    assert set(error.value.message_dict) == {"kind", "meeting_url"}
    user = cast.user("trainer")
    presence_services.room_enter(region=in_koga, user=user, room=room)
    room_services.room_archive(region=in_koga, actor=operator, room_id=room.pk)
    assert Presence.objects.get(user=user).room_id is None
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"room.create", "room.archive"} <= actions


def test_a_team_room_is_visible_to_its_members_and_operators_only(
    in_koga: Region, cast: Cast
) -> None:
    mine = factories.team(in_koga, "mine")
    theirs = factories.team(in_koga, "theirs")
    factories.open_room(in_koga)
    factories.seat(in_koga, cast.user("participant"), mine)
    participant = Reader(user_id=cast.user("participant").pk, roles=frozenset({"participant"}))
    operator = Reader(user_id=cast.user("operator").pk, roles=frozenset({"operator"}))
    trainer = Reader(user_id=cast.user("trainer").pk, roles=frozenset({"trainer"}))
    names = {r.name for r in room_visible_to(participant)}
    assert names == {"mine", "オープンオフィス"}
    assert factories.room_of(theirs).name not in {r.name for r in room_visible_to(trainer)}
    assert {r.name for r in room_visible_to(operator)} == {"mine", "theirs", "オープンオフィス"}


def test_a_status_clears_itself_and_presence_changes_are_not_audited(
    in_koga: Region, cast: Cast
) -> None:
    user = cast.user("participant")
    with clock.frozen_at(NOW):
        presence_services.presence_heartbeat(region=in_koga, user=user, active=True)
        presence_services.presence_set(
            region=in_koga,
            user=user,
            state="busy",
            status_text="  客先で  作業中 ",
            status_emoji="🏢",
            expires_at=NOW + dt.timedelta(minutes=1),
        )
        seen = presence_of(user_id=user.pk, now=NOW, own=False)
        assert (seen.state, seen.status_text) == ("busy", "客先で 作業中")
    later = NOW + dt.timedelta(minutes=1)
    assert presence_of(user_id=user.pk, now=later, own=False).status_text == ""
    assert Presence.objects.get(user=user).status_text == "客先で 作業中"  # not yet tidied
    assert presence_services.presence_tidy(now=later) >= 1
    assert Presence.objects.get(user=user).status_text == ""
    assert not AuditEntry.objects.filter(object_type="workplace.presence").exists()


@pytest.mark.parametrize(
    ("expires_at", "code"),
    [(NOW - dt.timedelta(seconds=1), "past"), (NOW + dt.timedelta(days=400), "too_far")],
)
def test_an_expiry_in_the_past_or_beyond_a_year_is_refused(
    in_koga: Region, cast: Cast, expires_at: dt.datetime, code: str
) -> None:
    with clock.frozen_at(NOW), pytest.raises(ValidationError) as error:
        presence_services.presence_set(
            region=in_koga,
            user=cast.user("participant"),
            state="available",
            status_text="x",
            expires_at=expires_at,
        )
    assert error.value.error_dict["expires_at"][0].code == code
    assert not Presence.objects.exists()


def test_a_status_longer_than_60_characters_is_refused(in_koga: Region, cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        presence_services.presence_set(
            region=in_koga, user=cast.user("participant"), state="available", status_text="あ" * 61
        )
    assert "status_text" in error.value.message_dict


def test_the_tidy_command_takes_offline_people_out_of_rooms(in_koga: Region, cast: Cast) -> None:
    user = cast.user("trainer")
    room = factories.open_room(in_koga)
    with clock.frozen_at(NOW):
        presence_services.room_enter(region=in_koga, user=user, room=room)
    assert presence_services.presence_tidy(now=NOW + dt.timedelta(seconds=60)) == 0
    assert presence_services.presence_tidy(now=NOW + dt.timedelta(seconds=141)) == 1
    assert Presence.objects.get(user=user).room_id is None


def test_a_full_room_refuses_one_more(in_koga: Region, cast: Cast) -> None:
    room = Room.objects.create(region=in_koga, name="集中1", kind="focus", capacity=1)
    presence_services.room_enter(region=in_koga, user=cast.user("trainer"), room=room)
    with pytest.raises(ValidationError):
        presence_services.room_enter(region=in_koga, user=cast.user("operator"), room=room)
