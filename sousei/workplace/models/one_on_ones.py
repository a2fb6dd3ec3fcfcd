"""1-on-1s (1on1): recurring meetings between a manager and one member, with an agenda both
sides add to. An agenda item or action item stays open, and so shows at every next meeting,
until it is done (carried forward). Shared notes belong to a meeting and both read them;
a private note is its author's alone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Every four weeks")


class OneOnOneSeries(RegionOwned):
    """A manager's recurring 1-on-1 with one member: when, where, and which template's
    questions open each meeting's agenda."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    template = models.CharField(_("template"), max_length=20)
    cadence = models.CharField(_("how often"), max_length=10, choices=Cadence.choices)
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=30)
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("1-on-1")
        verbose_name_plural = _("1-on-1s")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "manager", "member"],
                condition=Q(active=True),
                name="one_on_one_one_series_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(manager=models.F("member")), name="one_on_one_two_people"
            ),
        ]


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("1on1", "Scheduled")
    HELD = "held", pgettext_lazy("1on1", "Held")
    CANCELLED = "cancelled", pgettext_lazy("1on1", "Cancelled")


class OneOnOneMeeting(RegionOwned):
    """One meeting of a series, with the notes both sides share."""

    series = models.ForeignKey(OneOnOneSeries, on_delete=models.CASCADE, related_name="meetings")
    scheduled_at = models.DateTimeField(_("scheduled at"))
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    shared_notes = models.TextField(_("shared notes"), max_length=10000, blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)

    class Meta:
        ordering = ["series", "scheduled_at", "id"]
        verbose_name = _("1-on-1 meeting")
        verbose_name_plural = _("1-on-1 meetings")
        indexes = [models.Index(fields=["region", "status", "scheduled_at"])]


class AgendaItem(RegionOwned):
    """A topic for the next meeting, from either side, open until done."""

    series = models.ForeignKey(OneOnOneSeries, on_delete=models.CASCADE, related_name="agenda")
    added_in = models.ForeignKey(OneOnOneMeeting, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.CharField(_("topic"), max_length=300)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_in = models.ForeignKey(
        OneOnOneMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["series", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")


class ActionItem(RegionOwned):
    """Something one side will do by a date, open until done."""

    series = models.ForeignKey(OneOnOneSeries, on_delete=models.CASCADE, related_name="actions")
    added_in = models.ForeignKey(OneOnOneMeeting, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("action"), max_length=300)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["series", "done_at", "due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")


class PrivateNote(RegionOwned):
    """A note on a meeting that only its author reads."""

    meeting = models.ForeignKey(OneOnOneMeeting, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("private note"), max_length=10000)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "meeting", "author"], name="one_on_one_private_note_once"
            )
        ]
