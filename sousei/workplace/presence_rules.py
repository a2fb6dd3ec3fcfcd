"""How a person's presence reads, and when a status clears: pure rules on plain data.

The Presence row keeps only what the person chose and two timestamps of their browser; what
others see is worked out here, at read time, from those and the clock:

- offline 140 s after the last heartbeat (as Zulip: the browser beats every 50 s, so two
  missed beats and a slow network still read as online);
- away after 5 minutes without activity (the browser reports `idle`), or when chosen; busy
  and in a meeting stay as they are, since they already say the person is not at hand;
- a status whose expiry has passed reads as cleared, whether or not the tidy command has
  blanked it yet, so the read path never depends on a periodic job;
- hidden presence: everyone else sees offline, no room and no status.

Expiry choices are computed in Asia/Tokyo, not in the server's time zone: "today" ends at
23:59:59 JST today and "this week" at Sunday 23:59:59 JST. (A product that computed "today"
in UTC cleared Japanese users' statuses at 9 am the next day; one that used a fixed offset
cleared them at 8 am. The tests pin both ends.)

No ORM here: the tests feed plain values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")
#: Offline after this long without a heartbeat (Zulip's OFFLINE_THRESHOLD_SECS).
OFFLINE_AFTER = dt.timedelta(seconds=140)
#: Away after this long without activity.
AWAY_AFTER = dt.timedelta(minutes=5)
#: How often the browser sends a heartbeat (seconds), and polls the office as a fallback.
HEARTBEAT_SECONDS = 50
POLL_SECONDS = 15
#: A status may be set to clear at most this far ahead.
LONGEST_EXPIRY = dt.timedelta(days=366)

AVAILABLE = "available"
BUSY = "busy"
IN_MEETING = "in_meeting"
AWAY = "away"
OFFLINE = "offline"
STATES = (AVAILABLE, BUSY, IN_MEETING, AWAY, OFFLINE)
#: The states a person may choose (offline is read from the clock, or from hiding).
CHOSEN_STATES = (AVAILABLE, BUSY, IN_MEETING, AWAY)

NEVER = "never"
MINUTES_30 = "30m"
HOUR_1 = "1h"
TODAY = "today"
THIS_WEEK = "this_week"
CUSTOM = "custom"
EXPIRY_CHOICES = (NEVER, MINUTES_30, HOUR_1, TODAY, THIS_WEEK, CUSTOM)


class ExpiryError(ValueError):
    """A status expiry that cannot be used: `code` is "past" or "too_far"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class PresenceFacts:
    """What is stored about one person's presence (a Presence row, or nothing: defaults)."""

    user_id: int
    state: str = AVAILABLE
    status_text: str = ""
    status_emoji: str = ""
    status_expires_at: dt.datetime | None = None
    do_not_disturb_until: dt.datetime | None = None
    hidden: bool = False
    room_id: int | None = None
    last_heartbeat_at: dt.datetime | None = None
    last_active_at: dt.datetime | None = None


@dataclass(frozen=True)
class SeenPresence:
    """One person's presence as one reader sees it now."""

    user_id: int
    state: str
    status_text: str
    status_emoji: str
    status_expires_at: dt.datetime | None
    do_not_disturb: bool
    do_not_disturb_until: dt.datetime | None
    room_id: int | None
    hidden: bool

    @property
    def online(self) -> bool:
        return self.state != OFFLINE


def is_online(facts: PresenceFacts, *, now: dt.datetime) -> bool:
    """A heartbeat came within the last 140 s."""
    beat = facts.last_heartbeat_at
    return beat is not None and now - beat < OFFLINE_AFTER


def status_live(facts: PresenceFacts, *, now: dt.datetime) -> bool:
    """The status has text or an emoji and has not reached its expiry."""
    if not (facts.status_text or facts.status_emoji):
        return False
    return facts.status_expires_at is None or now < facts.status_expires_at


def presence_read(facts: PresenceFacts, *, now: dt.datetime, own: bool = False) -> SeenPresence:
    """How `facts` read at `now`: to the person themselves (`own`) or to anyone else."""
    if facts.hidden and not own:
        return SeenPresence(
            user_id=facts.user_id,
            state=OFFLINE,
            status_text="",
            status_emoji="",
            status_expires_at=None,
            do_not_disturb=False,
            do_not_disturb_until=None,
            room_id=None,
            hidden=False,
        )
    online = is_online(facts, now=now)
    if not online or facts.state == OFFLINE:
        state = OFFLINE
    elif facts.state == AVAILABLE and (
        facts.last_active_at is None or now - facts.last_active_at >= AWAY_AFTER
    ):
        state = AWAY
    else:
        state = facts.state
    live = status_live(facts, now=now)
    dnd = facts.do_not_disturb_until is not None and now < facts.do_not_disturb_until
    return SeenPresence(
        user_id=facts.user_id,
        state=state,
        status_text=facts.status_text if live else "",
        status_emoji=facts.status_emoji if live else "",
        status_expires_at=facts.status_expires_at if live else None,
        do_not_disturb=dnd,
        do_not_disturb_until=facts.do_not_disturb_until if dnd else None,
        # An offline person has left the room, whatever the row still says.
        room_id=facts.room_id if state != OFFLINE else None,
        hidden=facts.hidden,
    )


def end_of_day(moment: dt.datetime) -> dt.datetime:
    """23:59:59 in Tokyo on `moment`'s Tokyo date."""
    local = moment.astimezone(JST)
    return dt.datetime.combine(local.date(), dt.time(23, 59, 59), tzinfo=JST)


def end_of_week(moment: dt.datetime) -> dt.datetime:
    """Sunday 23:59:59 in Tokyo of `moment`'s week (Monday to Sunday); on a Sunday, that day."""
    local = moment.astimezone(JST)
    sunday = local.date() + dt.timedelta(days=6 - local.weekday())
    return dt.datetime.combine(sunday, dt.time(23, 59, 59), tzinfo=JST)


def expiry_check(expires_at: dt.datetime | None, *, now: dt.datetime) -> dt.datetime | None:
    """`expires_at` if it lies after `now` and within a year; ExpiryError otherwise."""
    if expires_at is None:
        return None
    if expires_at.tzinfo is None:
        raise ValueError("expires_at must be aware")
    if expires_at <= now:
        raise ExpiryError("past")
    if expires_at - now > LONGEST_EXPIRY:
        raise ExpiryError("too_far")
    return expires_at


def status_expiry(
    choice: str, *, now: dt.datetime, custom: dt.datetime | None = None
) -> dt.datetime | None:
    """When a status set at `now` clears for one of EXPIRY_CHOICES (None: never)."""
    if choice == NEVER:
        return None
    if choice == MINUTES_30:
        return now + dt.timedelta(minutes=30)
    if choice == HOUR_1:
        return now + dt.timedelta(hours=1)
    if choice == TODAY:
        return end_of_day(now)
    if choice == THIS_WEEK:
        return end_of_week(now)
    if choice == CUSTOM:
        if custom is None:
            raise ExpiryError("missing")
        return expiry_check(custom, now=now)
    raise ValueError(f"unknown expiry choice {choice!r}")
