"""Chat (メッセージ) in rooms and between two people, and announcements (お知らせ) to a team or
the whole region with read confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class Message(RegionOwned):
    """A chat message, either in a room (`room`) or direct between two people (`recipient`).

    Messages are kept and searchable. The author may edit one for 15 minutes (`edited_at`)
    and may delete it; a deleted message keeps its row with an empty body (`deleted_at`), so
    a conversation's order and the audit entry of the deletion stay."""

    room = models.ForeignKey(
        "workplace.Room", on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a direct message: the other person."),
    )
    body = models.TextField(_("message"), max_length=4000)
    # Who was @-mentioned (user ids), notified when the message was sent. A list, not a
    # many-to-many table, so every row of the message carries its region.
    mentioned_user_ids = models.JSONField(_("mentioned"), default=list, blank=True)
    created_at = clock.DateTimeField(_("sent at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(
                condition=Q(room__isnull=False, recipient__isnull=True)
                | Q(room__isnull=True, recipient__isnull=False),
                name="workplace_message_room_xor_recipient",
            )
        ]
        indexes = [
            models.Index(fields=["region", "room", "id"]),
            models.Index(fields=["region", "author", "recipient", "id"]),
            models.Index(fields=["region", "recipient", "author", "id"]),
        ]

    def __str__(self) -> str:
        return f"message {self.pk}"


class Announcement(RegionOwned):
    """A notice to one team or, with no team, to everyone in the region's workplace; who has
    read it is in AnnouncementRead."""

    team = models.ForeignKey(
        "workplace.Team",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="announcements",
        verbose_name=_("team"),
        help_text=_("Leave empty to announce to the whole region."),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=10000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = clock.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title


class AnnouncementRead(RegionOwned):
    """That one person read one announcement, and when."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = clock.DateTimeField(_("read at"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement read")
        verbose_name_plural = _("announcement reads")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "announcement", "user"], name="workplace_announcement_read_once"
            )
        ]
