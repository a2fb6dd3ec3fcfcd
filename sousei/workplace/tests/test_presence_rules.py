"""The presence rules on plain data: offline after 140 s, away after 5 minutes idle, a status
that clears itself at its expiry, hidden presence, and "today" / "this week" in Japan time."""

from __future__ import annotations

import datetime as dt

import pytest

from sousei.workplace import presence_rules as rules
from sousei.workplace.presence_rules import JST, PresenceFacts, presence_read

NOW = dt.datetime(2026, 12, 3, 14, 0, tzinfo=JST)  # a Thursday


def facts(**fields: object) -> PresenceFacts:
    base: dict[str, object] = {
        "user_id": 7,
        "last_heartbeat_at": NOW - dt.timedelta(seconds=10),
        "last_active_at": NOW - dt.timedelta(seconds=10),
    }
    return PresenceFacts(**{**base, **fields})  # type: ignore[arg-type]


def test_a_recent_heartbeat_reads_as_the_chosen_state() -> None:
    assert presence_read(facts(state="busy"), now=NOW).state == "busy"
    assert presence_read(facts(), now=NOW).state == "available"


def test_it_turns_offline_140_seconds_after_the_last_heartbeat() -> None:
    beat = NOW - dt.timedelta(seconds=139)
    assert presence_read(facts(last_heartbeat_at=beat), now=NOW).state == "available"
    beat = NOW - dt.timedelta(seconds=140)
    assert presence_read(facts(last_heartbeat_at=beat), now=NOW).state == "offline"
    assert presence_read(facts(last_heartbeat_at=None), now=NOW).state == "offline"


def test_an_offline_person_is_in_no_room_but_keeps_their_status() -> None:
    seen = presence_read(
        facts(last_heartbeat_at=NOW - dt.timedelta(hours=1), room_id=3, status_text="休暇中"),
        now=NOW,
    )
    assert (seen.state, seen.room_id, seen.status_text) == ("offline", None, "休暇中")


def test_five_idle_minutes_make_an_available_person_away() -> None:
    idle = NOW - dt.timedelta(minutes=5)
    assert presence_read(facts(last_active_at=idle), now=NOW).state == "away"
    almost = NOW - dt.timedelta(minutes=4, seconds=59)
    assert presence_read(facts(last_active_at=almost), now=NOW).state == "available"


def test_busy_and_in_a_meeting_stay_when_idle() -> None:
    idle = NOW - dt.timedelta(minutes=30)
    assert presence_read(facts(state="in_meeting", last_active_at=idle), now=NOW).state == (
        "in_meeting"
    )


def test_a_status_reads_as_cleared_from_its_expiry_on() -> None:
    expiry = NOW + dt.timedelta(minutes=1)
    row = facts(status_text="昼休み", status_emoji="🍱", status_expires_at=expiry)
    before = presence_read(row, now=expiry - dt.timedelta(microseconds=1))
    assert (before.status_text, before.status_emoji) == ("昼休み", "🍱")
    at = presence_read(row, now=expiry)
    assert (at.status_text, at.status_emoji, at.status_expires_at) == ("", "", None)


def test_hidden_presence_reads_as_offline_without_room_or_status_to_others() -> None:
    row = facts(hidden=True, room_id=4, status_text="集中", state="busy")
    others = presence_read(row, now=NOW)
    assert (others.state, others.room_id, others.status_text) == ("offline", None, "")
    own = presence_read(row, now=NOW, own=True)
    assert (own.state, own.room_id, own.status_text, own.hidden) == ("busy", 4, "集中", True)


def test_do_not_disturb_holds_until_its_end() -> None:
    until = NOW + dt.timedelta(minutes=30)
    assert presence_read(facts(do_not_disturb_until=until), now=NOW).do_not_disturb
    assert not presence_read(facts(do_not_disturb_until=until), now=until).do_not_disturb


def test_today_ends_at_23_59_59_in_tokyo_not_the_next_morning() -> None:
    # 23:30 JST is 14:30 UTC: a UTC "today" would clear at 08:59:59 JST the next day.
    late = dt.datetime(2026, 12, 3, 23, 30, tzinfo=JST)
    assert rules.status_expiry(rules.TODAY, now=late) == dt.datetime(
        2026, 12, 3, 23, 59, 59, tzinfo=JST
    )
    # 00:30 JST is still the previous day in UTC.
    early = dt.datetime(2026, 12, 4, 0, 30, tzinfo=JST)
    assert rules.status_expiry(rules.TODAY, now=early.astimezone(dt.UTC)) == dt.datetime(
        2026, 12, 4, 23, 59, 59, tzinfo=JST
    )


def test_this_week_ends_on_sunday_at_23_59_59_in_tokyo() -> None:
    end = dt.datetime(2026, 12, 6, 23, 59, 59, tzinfo=JST)
    assert rules.status_expiry(rules.THIS_WEEK, now=NOW) == end
    sunday_night = dt.datetime(2026, 12, 6, 22, 0, tzinfo=JST)
    assert rules.status_expiry(rules.THIS_WEEK, now=sunday_night) == end
    # Monday 00:30 JST (Sunday in UTC) belongs to the next week.
    monday = dt.datetime(2026, 12, 7, 0, 30, tzinfo=JST).astimezone(dt.UTC)
    assert rules.status_expiry(rules.THIS_WEEK, now=monday) == dt.datetime(
        2026, 12, 13, 23, 59, 59, tzinfo=JST
    )


def test_the_short_expiries_count_from_now() -> None:
    assert rules.status_expiry(rules.MINUTES_30, now=NOW) == NOW + dt.timedelta(minutes=30)
    assert rules.status_expiry(rules.HOUR_1, now=NOW) == NOW + dt.timedelta(hours=1)
    assert rules.status_expiry(rules.NEVER, now=NOW) is None


def test_a_custom_expiry_must_lie_ahead_and_within_a_year() -> None:
    later = NOW + dt.timedelta(hours=3)
    assert rules.status_expiry(rules.CUSTOM, now=NOW, custom=later) == later
    for moment, code in ((NOW, "past"), (NOW + dt.timedelta(days=367), "too_far")):
        with pytest.raises(rules.ExpiryError) as error:
            rules.status_expiry(rules.CUSTOM, now=NOW, custom=moment)
        assert error.value.code == code
    with pytest.raises(rules.ExpiryError):
        rules.status_expiry(rules.CUSTOM, now=NOW)
