"""1-on-1s: a manager's recurring meeting with one member, opened from a template's
questions; an agenda both sides add to and action items with due dates, each open until done
and so carried forward to every next meeting; shared notes per meeting and a private note
per author. Only the two people of a 1-on-1 read or write it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Membership, Region
from sousei.workplace import notifications
from sousei.workplace.models import (
    ActionItem,
    AgendaItem,
    Cadence,
    MeetingStatus,
    OneOnOneMeeting,
    OneOnOneSeries,
    PrivateNote,
)
from sousei.workplace.selectors.people import reports_of

INTERVAL = {
    Cadence.WEEKLY: dt.timedelta(weeks=1),
    Cadence.BIWEEKLY: dt.timedelta(weeks=2),
    Cadence.MONTHLY: dt.timedelta(weeks=4),
}

# Each template's questions open the first meeting's agenda (in the region's language).
TEMPLATES: dict[str, tuple[object, tuple[object, ...]]] = {
    "weekly": (
        _("Weekly check-in"),
        (
            _("What went well this week"),
            _("What is in the way, and what help would make it easier"),
            _("Priorities for next week"),
        ),
    ),
    "new_hire": (
        _("New hire (first three months)"),
        (
            _("What is getting easier, and what is still unclear"),
            _("How the training is going"),
            _("Working with the team from home: what helps, what is missing"),
        ),
    ),
    "career": (
        _("Growth and career"),
        (
            _("Skills you want to build next"),
            _("The next project, full-time conversion or going independent: your wishes"),
            _("Support you need from the program"),
        ),
    ),
}


@dataclass(frozen=True, kw_only=True)
class SeriesInput:
    manager_id: int
    member_id: int
    template: str
    cadence: str
    first_at: dt.datetime
    minutes: int = 30
    meeting_url: str = ""


def _member_of_region(user_id: int) -> bool:
    return Membership.objects.filter(user_id=user_id, user__is_active=True).exists()


def one_on_one_create(
    *, region: Region, data: SeriesInput, actor: User, is_operator: bool
) -> OneOnOneSeries:
    """Start a recurring 1-on-1. A manager starts one with a direct report; the office
    between any two people of the region."""
    errors: dict[str, ValidationError] = {}
    if data.template not in TEMPLATES:
        errors["template"] = ValidationError(_("Choose one of the templates."), "choice")
    if data.cadence not in INTERVAL:
        errors["cadence"] = ValidationError(_("Choose how often you meet."), "choice")
    if data.manager_id == data.member_id:
        errors["member"] = ValidationError(_("A 1-on-1 is between two people."), "same")
    if not 15 <= data.minutes <= 120:
        errors["minutes"] = ValidationError(_("Enter 15 to 120 minutes."), "range")
    now = clock.now()
    if data.first_at < now - dt.timedelta(minutes=5):
        errors["first_at"] = ValidationError(_("The first meeting is in the past."), "past")
    elif data.first_at > now + dt.timedelta(days=180):
        errors["first_at"] = ValidationError(
            _("Plan the first meeting within six months."), "too_far"
        )
    if data.meeting_url and not data.meeting_url.startswith("https://"):
        errors["meeting_url"] = ValidationError(
            _("Enter the meeting link starting with https://."), "scheme"
        )
    for field, user_id in (("manager", data.manager_id), ("member", data.member_id)):
        if field not in errors and not _member_of_region(user_id):
            errors[field] = ValidationError(_("Choose someone of this region."), "unknown")
    if errors:
        raise ValidationError(errors)
    if not is_operator and (
        actor.pk != data.manager_id or data.member_id not in reports_of(manager=actor)
    ):
        raise PermissionDenied
    with transaction.atomic():
        if OneOnOneSeries.objects.filter(
            manager_id=data.manager_id, member_id=data.member_id, active=True
        ).exists():
            raise ValidationError(
                {"member": ValidationError(_("These two already have a 1-on-1."), "exists")}
            )
        series = OneOnOneSeries.objects.create(
            region=region,
            manager_id=data.manager_id,
            member_id=data.member_id,
            template=data.template,
            cadence=data.cadence,
            minutes=data.minutes,
            meeting_url=data.meeting_url,
        )
        first = OneOnOneMeeting.objects.create(
            region=region, series=series, scheduled_at=data.first_at
        )
        with translation.override("ja"):
            questions = [str(q) for q in TEMPLATES[data.template][1]]
        AgendaItem.objects.bulk_create(
            AgendaItem(region=region, series=series, added_in=first, text=q) for q in questions
        )
        audit_record(
            region=region,
            actor=actor,
            action="one_on_one.create",
            obj=series,
            changes={
                "manager": data.manager_id,
                "member": data.member_id,
                "cadence": data.cadence,
                "template": data.template,
            },
        )
    return series


def _party(series: OneOnOneSeries, user: User) -> None:
    if user.pk not in (series.manager_id, series.member_id):
        raise OneOnOneSeries.DoesNotExist


def current_meeting(series: OneOnOneSeries) -> OneOnOneMeeting:
    """The next meeting still to be held (there is always one while the series is active)."""
    meeting = (
        OneOnOneMeeting.objects.filter(series=series, status=MeetingStatus.SCHEDULED)
        .order_by("scheduled_at", "id")
        .first()
    )
    if meeting is None:
        raise OneOnOneMeeting.DoesNotExist
    return meeting


def _text(value: str, field: str, limit: int) -> str:
    text = value.strip()
    if not text:
        raise ValidationError({field: ValidationError(_("Write something first."), "required")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Keep it to %(limit)s characters."), "too_long", params={"limit": limit}
                )
            }
        )
    return text


def agenda_item_add(*, series_id: int, text: str, actor: User) -> AgendaItem:
    with transaction.atomic():
        series = OneOnOneSeries.objects.get(pk=series_id, active=True)
        _party(series, actor)
        item = AgendaItem.objects.create(
            region=series.region,
            series=series,
            added_in=current_meeting(series),
            added_by=actor,
            text=_text(text, "text", 300),
        )
        audit_record(region=series.region, actor=actor, action="one_on_one.agenda_add", obj=series)
    return item


def agenda_item_set(*, item_id: int, done: bool, actor: User) -> AgendaItem:
    with transaction.atomic():
        item = AgendaItem.objects.select_related("series").select_for_update().get(pk=item_id)
        _party(item.series, actor)
        item.done_at = clock.now() if done else None
        item.done_in = current_meeting(item.series) if done else None
        item.save(update_fields=["done_at", "done_in"])
    return item


def action_item_add(
    *, series_id: int, owner_id: int, text: str, due_on: dt.date | None, actor: User
) -> ActionItem:
    with transaction.atomic():
        series = OneOnOneSeries.objects.get(pk=series_id, active=True)
        _party(series, actor)
        if owner_id not in (series.manager_id, series.member_id):
            raise ValidationError(
                {"owner": ValidationError(_("Choose one of the two of you."), "choice")}
            )
        if due_on is not None and not clock.today() <= due_on <= clock.today() + dt.timedelta(
            days=366
        ):
            raise ValidationError(
                {"due_on": ValidationError(_("Choose a date from today to a year ahead."), "range")}
            )
        item = ActionItem.objects.create(
            region=series.region,
            series=series,
            added_in=current_meeting(series),
            owner_id=owner_id,
            text=_text(text, "text", 300),
            due_on=due_on,
        )
        audit_record(region=series.region, actor=actor, action="one_on_one.action_add", obj=series)
    return item


def action_item_set(*, item_id: int, done: bool, actor: User) -> ActionItem:
    with transaction.atomic():
        item = ActionItem.objects.select_related("series").select_for_update().get(pk=item_id)
        _party(item.series, actor)
        item.done_at = clock.now() if done else None
        item.save(update_fields=["done_at"])
    return item


def notes_save(*, meeting_id: int, shared: str | None, private: str | None, actor: User) -> None:
    """Save the meeting's shared notes and/or the actor's own private note."""
    with transaction.atomic():
        meeting = (
            OneOnOneMeeting.objects.select_related("series").select_for_update().get(pk=meeting_id)
        )
        _party(meeting.series, actor)
        if shared is not None:
            if len(shared) > 10000:
                raise ValidationError(
                    {"shared_notes": ValidationError(_("Keep notes under 10,000 characters."))}
                )
            meeting.shared_notes = shared.strip()
            meeting.save(update_fields=["shared_notes"])
        if private is not None:
            if len(private) > 10000:
                raise ValidationError(
                    {"private_note": ValidationError(_("Keep notes under 10,000 characters."))}
                )
            PrivateNote.objects.update_or_create(
                region=meeting.region,
                meeting=meeting,
                author=actor,
                defaults={"text": private.strip()},
            )


def one_on_one_hold(*, meeting_id: int, actor: User, held: bool = True) -> OneOnOneMeeting:
    """Mark the meeting held (or skipped) and schedule the next one at the series' cadence;
    open agenda and action items carry forward to it."""
    with transaction.atomic():
        meeting = (
            OneOnOneMeeting.objects.select_related("series").select_for_update().get(pk=meeting_id)
        )
        series = meeting.series
        _party(series, actor)
        if meeting.status != MeetingStatus.SCHEDULED:
            raise ValidationError(gettext("This meeting is already closed."))
        meeting.status = MeetingStatus.HELD if held else MeetingStatus.CANCELLED
        meeting.held_at = clock.now() if held else None
        meeting.save(update_fields=["status", "held_at"])
        step = INTERVAL[Cadence(series.cadence)]
        following = meeting.scheduled_at + step
        while following < clock.now():
            following += step
        nxt = OneOnOneMeeting.objects.create(
            region=series.region, series=series, scheduled_at=following
        )
        audit_record(
            region=series.region,
            actor=actor,
            action="one_on_one.held" if held else "one_on_one.skipped",
            obj=series,
            changes={"meeting": meeting.pk, "next": nxt.scheduled_at.isoformat()},
        )
    return nxt


def one_on_one_reminders(*, today: dt.date) -> int:
    """Tell both sides of each 1-on-1 held tomorrow; returns how many meetings."""
    tomorrow = today + dt.timedelta(days=1)
    meetings = list(
        OneOnOneMeeting.objects.filter(
            status=MeetingStatus.SCHEDULED,
            scheduled_at__date=tomorrow,
            series__active=True,
        ).select_related("series__manager", "series__member", "region")
    )
    for meeting in meetings:
        notifications.notify_one_on_one_tomorrow(meeting=meeting)
    return len(meetings)
