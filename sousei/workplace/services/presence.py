"""Presence (在席状況) writes: a person's state and status, do-not-disturb, hiding, the
heartbeat of their browser, and entering or leaving a room.

No presence history is kept, and presence changes are deliberately NOT written to the audit
log: an audit entry per status, heartbeat or room move would be exactly the activity
timeline of a person that the program promises not to keep (issue: privacy). Each change
overwrites the person's one Presence row. Only the administration of rooms and teams is
audited (services/rooms.py, services/teams.py).

Each change that others' office pages should show is told to the live stream through
`events.office_changed`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.models import Region
from sousei.workplace import events
from sousei.workplace import presence_rules as rules
from sousei.workplace.models import Presence, Room
from sousei.workplace.selectors.office import facts_of

STATUS_TEXT_MAX = 60
STATUS_EMOJI_MAX = 16


def _row(region: Region, user: User) -> Presence:
    """The person's presence row, locked; created on first use."""
    row = Presence.objects.select_for_update().filter(user=user).first()
    if row is None:
        row, _created = Presence.objects.get_or_create(region=region, user=user)
    return row


def _tell(region: Region, row: Presence, kind: str = "presence") -> None:
    events.office_changed(region, kind, {"user_id": row.user_id})


def expiry_error(code: str) -> ValidationError:
    """The message for an unusable status expiry, in the reader's language."""
    if code == "past":
        message = _("The time to clear the status has passed. Choose a time in the future.")
    elif code == "too_far":
        message = _(
            "A status can clear at most one year ahead. Choose an earlier time, or no expiry."
        )
    else:
        message = _("Enter the date and time the status clears, or choose another expiry.")
    return ValidationError({"expires_at": ValidationError(message, code=code)})


def _text_check(status_text: str, status_emoji: str) -> tuple[str, str]:
    status_text = " ".join(status_text.split())
    status_emoji = status_emoji.strip()
    errors: dict[str, ValidationError] = {}
    if len(status_text) > STATUS_TEXT_MAX:
        errors["status_text"] = ValidationError(
            _("Keep the status to %(max)s characters (it has %(count)s)."),
            code="max_length",
            params={"max": STATUS_TEXT_MAX, "count": len(status_text)},
        )
    if len(status_emoji) > STATUS_EMOJI_MAX:
        errors["status_emoji"] = ValidationError(
            _("Choose one emoji for the status."), code="max_length"
        )
    if errors:
        raise ValidationError(errors)
    return status_text, status_emoji


def presence_set(
    *,
    region: Region,
    user: User,
    state: str,
    status_text: str = "",
    status_emoji: str = "",
    expires_at: dt.datetime | None = None,
) -> Presence:
    """Set one's state and status: the status clears itself at `expires_at` (None: when
    cleared by hand). An expiry in the past or more than a year ahead is refused (422)."""
    if state not in rules.CHOSEN_STATES:
        raise ValidationError(
            {"state": ValidationError(_("Choose available, busy, in a meeting or away."), "choice")}
        )
    status_text, status_emoji = _text_check(status_text, status_emoji)
    now = clock.now()
    try:
        expires_at = rules.expiry_check(expires_at, now=now)
    except rules.ExpiryError as error:
        raise expiry_error(error.code) from None
    if not (status_text or status_emoji):
        expires_at = None
    with transaction.atomic():
        row = _row(region, user)
        row.state = state
        row.status_text = status_text
        row.status_emoji = status_emoji
        row.status_expires_at = expires_at
        # Setting one's presence is activity: the page that sent it is in front of them.
        row.last_active_at = now
        row.save(
            update_fields=[
                "state",
                "status_text",
                "status_emoji",
                "status_expires_at",
                "last_active_at",
            ]
        )
        _tell(region, row)
    return row


def presence_status_clear(*, region: Region, user: User) -> Presence:
    """Clear one's status text and emoji now."""
    with transaction.atomic():
        row = _row(region, user)
        row.status_text = ""
        row.status_emoji = ""
        row.status_expires_at = None
        row.save(update_fields=["status_text", "status_emoji", "status_expires_at"])
        _tell(region, row)
    return row


def presence_dnd_set(*, region: Region, user: User, until: dt.datetime | None) -> Presence:
    """Do not disturb until `until` (None ends it): others see it, mentions wait."""
    now = clock.now()
    if until is not None:
        try:
            rules.expiry_check(until, now=now)
        except rules.ExpiryError as error:
            message = (
                _("That time has passed. Choose when do-not-disturb ends, in the future.")
                if error.code == "past"
                else _("Do-not-disturb can last at most one year. Choose an earlier end.")
            )
            raise ValidationError({"until": ValidationError(message, code=error.code)}) from None
    with transaction.atomic():
        row = _row(region, user)
        row.do_not_disturb_until = until
        row.save(update_fields=["do_not_disturb_until"])
        _tell(region, row)
    return row


def presence_hide(*, region: Region, user: User, hidden: bool) -> Presence:
    """Hide one's presence (others see offline, no room, no status), or show it again."""
    with transaction.atomic():
        row = _row(region, user)
        row.hidden = hidden
        row.save(update_fields=["hidden"])
        _tell(region, row)
    return row


def presence_heartbeat(*, region: Region, user: User, active: bool) -> Presence:
    """The browser's beat every 50 s: `active` when the person used the page since the last
    one, `idle` otherwise (as Zulip). The stream hears of it only when what others see
    changes (online again, away, back), not on every beat."""
    now = clock.now()
    with transaction.atomic():
        row = _row(region, user)
        before = rules.presence_read(facts_of(row), now=now).state
        row.last_heartbeat_at = now
        fields = ["last_heartbeat_at"]
        if active or row.last_active_at is None:
            # A first beat counts as activity: someone just opened the page.
            row.last_active_at = now
            fields.append("last_active_at")
        row.save(update_fields=fields)
        if rules.presence_read(facts_of(row), now=now).state != before:
            _tell(region, row)
    return row


def room_enter(*, region: Region, user: User, room: Room) -> Presence:
    """Move into `room` (the caller checked it with access.room_visible). Entering is being
    there: it counts as a heartbeat and as activity."""
    if room.archived:
        raise ValidationError({"room": ValidationError(_("This room is closed."), "archived")})
    if room.capacity is not None:
        inside = Presence.objects.filter(room=room).exclude(user=user)
        cutoff = clock.now() - rules.OFFLINE_AFTER
        if inside.filter(last_heartbeat_at__gt=cutoff).count() >= room.capacity:
            raise ValidationError(
                {
                    "room": ValidationError(
                        _("“%(room)s” is full (%(capacity)s people). Try another room."),
                        code="full",
                        params={"room": room.name, "capacity": room.capacity},
                    )
                }
            )
    now = clock.now()
    with transaction.atomic():
        row = _row(region, user)
        row.room = room
        row.last_heartbeat_at = now
        row.last_active_at = now
        row.save(update_fields=["room", "last_heartbeat_at", "last_active_at"])
        _tell(region, row, "room")
    return row


def room_leave(*, region: Region, user: User) -> Presence:
    """Leave whichever room one is in."""
    with transaction.atomic():
        row = _row(region, user)
        if row.room_id is not None:
            row.room = None
            row.save(update_fields=["room"])
            _tell(region, row, "room")
    return row


def presence_tidy(*, now: dt.datetime) -> int:
    """In the current region: blank statuses past their expiry and take offline people out
    of their rooms. Housekeeping only — reading presence never waits for it. Returns how
    many rows changed."""
    cleared = (
        Presence.objects.filter(status_expires_at__lte=now)
        .exclude(status_text="", status_emoji="")
        .update(status_text="", status_emoji="", status_expires_at=None)
    )
    Presence.objects.filter(status_expires_at__lte=now).update(status_expires_at=None)
    cutoff = now - rules.OFFLINE_AFTER
    left = (
        Presence.objects.filter(room__isnull=False)
        .exclude(last_heartbeat_at__gt=cutoff)
        .update(room=None)
    )
    Presence.objects.filter(do_not_disturb_until__lte=now).update(do_not_disturb_until=None)
    return int(cleared) + int(left)
