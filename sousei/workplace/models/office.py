"""The virtual office: its rooms, and each person's presence (在席状況) in it.

Presence keeps one row per person: the state they chose, their status, the room they are in
and when their browser last spoke. Nothing else is kept — no history of who was where, so
there is no activity timeline of a person (issue: privacy). Whether someone is away or
offline is read from the two timestamps, never stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.scoping import RegionOwned


class RoomKind(models.TextChoices):
    OPEN = "open", pgettext_lazy("room kind", "Open office")
    TEAM = "team", pgettext_lazy("room kind", "Team room")
    MEETING = "meeting", pgettext_lazy("room kind", "Meeting room")
    FOCUS = "focus", pgettext_lazy("room kind", "Focus room")


class Room(RegionOwned):
    """A room of the region's virtual office. A team room belongs to its team and only the
    team's members enter it or read its messages; the other rooms are open to everyone in
    the region's workplace. A meeting room carries the link of its video meeting."""

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=RoomKind.choices)
    team = models.ForeignKey(
        "workplace.Team",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rooms",
        verbose_name=_("team"),
    )
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="workplace_room_name_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="team", team__isnull=False)
                | (~models.Q(kind="team") & models.Q(team__isnull=True)),
                name="workplace_room_team_iff_team_room",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PresenceState(models.TextChoices):
    """What a person says they are; "away" and "offline" are also read from the clock."""

    AVAILABLE = "available", pgettext_lazy("presence", "Available")
    BUSY = "busy", pgettext_lazy("presence", "Busy")
    IN_MEETING = "in_meeting", pgettext_lazy("presence", "In a meeting")
    AWAY = "away", pgettext_lazy("presence", "Away")
    OFFLINE = "offline", pgettext_lazy("presence", "Offline")


class Presence(RegionOwned):
    """One person's presence in the region's office now: chosen state, status text and emoji
    that clear themselves at `status_expires_at`, do-not-disturb, hidden presence, the room
    they are in, and the last heartbeat and activity of their browser."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        _("state"), max_length=20, choices=PresenceState.choices, default=PresenceState.AVAILABLE
    )
    status_text = models.CharField(_("status"), max_length=60, blank=True)
    status_emoji = models.CharField(_("status emoji"), max_length=16, blank=True)
    status_expires_at = models.DateTimeField(_("status clears at"), null=True, blank=True)
    do_not_disturb_until = models.DateTimeField(_("do not disturb until"), null=True, blank=True)
    hidden = models.BooleanField(
        _("hide my presence"),
        default=False,
        help_text=_("Others see you as offline and do not see your room or status."),
    )
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    last_active_at = models.DateTimeField(_("last active"), null=True, blank=True)

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "user"], name="workplace_presence_one_per_user"
            )
        ]
        indexes = [models.Index(fields=["region", "room"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.state}"
