"""Writing time records (勤怠): record a day, delete a draft, submit a week, approve or return
it, and the operator's corrections of approved or paid days (adjusting records).

Rules (each refusal is a ValidationError naming the field and how to fix it; nothing is
stored):

- the end is after the start; a shift may end after midnight ("ends the next day") and lasts
  at most 24 hours; it belongs to its start date (the work date);
- breaks lie inside the day and do not overlap; more than 6 hours worked need at least 45
  minutes of break, more than 8 hours at least 60 (労働基準法 第34条);
- no overlap with another record of the same person, on any of their assignments;
- the work date lies within the assignment; the record has ended (not in the future);
- a week that is submitted or approved cannot change, and a month whose pay run is
  completed is locked: the operator records a correction, a new adjusting record that
  replaces the original (which stays, marked superseded), never an edit.

Recording on a participant's behalf is allowed to operators and audited with both names.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.text import date_text, hours_clock, month_text
from sousei.people.models import Participant
from sousei.projects.models import Assignment
from sousei.work import notifications
from sousei.work.models.timesheets import (
    RecordStatus,
    TimeBreak,
    TimeRecord,
    WeekReview,
    WeekStatus,
)
from sousei.work.selectors.timesheets import month_locked, week_start_of, week_worked_minutes

BREAK_AFTER_6H = 45  # 労働基準法 第34条第1項: 6時間を超える場合は少なくとも45分
BREAK_AFTER_8H = 60  # 8時間を超える場合は少なくとも1時間
MAX_SHIFT = dt.timedelta(hours=24)
ONE_MINUTE = dt.timedelta(minutes=1)
WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


@dataclass(frozen=True, kw_only=True)
class DayInput:
    """A work day as people enter it: the date, clock times, breaks as clock times.

    With `ends_next_day` the end (and any break clock earlier than the start) is on the
    following calendar day."""

    date: dt.date
    start: dt.time
    end: dt.time
    ends_next_day: bool = False
    breaks: tuple[tuple[dt.time, dt.time], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class _Checked:
    start: dt.datetime
    end: dt.datetime
    breaks: list[tuple[dt.datetime, dt.datetime]]
    worked_minutes: int
    break_minutes: int


def _zone(region: Region) -> ZoneInfo:
    return ZoneInfo(region.timezone or "Asia/Tokyo")


def _clock(value: dt.time) -> dt.time:
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _minutes(delta: dt.timedelta) -> int:
    return int(delta // ONE_MINUTE)


def _check_shape(region: Region, data: DayInput) -> _Checked:
    """The record's own rules: end after start, breaks inside and apart, LSA art. 34."""
    zone = _zone(region)
    start = dt.datetime.combine(data.date, _clock(data.start), tzinfo=zone)
    end_day = data.date + dt.timedelta(days=1 if data.ends_next_day else 0)
    end = dt.datetime.combine(end_day, _clock(data.end), tzinfo=zone)
    if end <= start:
        raise ValidationError(
            {
                "end": ValidationError(
                    _(
                        "The end must be after the start. For a shift that ends after "
                        "midnight, tick “ends the next day”."
                    ),
                    code="end_before_start",
                )
            }
        )
    if end - start > MAX_SHIFT:
        raise ValidationError(
            {
                "end": ValidationError(
                    _("A record covers at most 24 hours. Check the end time."), code="too_long"
                )
            }
        )
    breaks: list[tuple[dt.datetime, dt.datetime]] = []
    for number, (b0, b1) in enumerate(data.breaks, start=1):
        at0 = dt.datetime.combine(data.date, _clock(b0), tzinfo=zone)
        at1 = dt.datetime.combine(data.date, _clock(b1), tzinfo=zone)
        if data.ends_next_day and at0 < start:
            at0 += dt.timedelta(days=1)
        if data.ends_next_day and at1 < start:
            at1 += dt.timedelta(days=1)
        if not start <= at0 < at1 <= end:
            raise ValidationError(
                {
                    "breaks": ValidationError(
                        _(
                            "Break %(number)s must end after it starts and lie between the "
                            "day's start and end. Correct its times."
                        ),
                        code="break_outside",
                        params={"number": number},
                    )
                }
            )
        breaks.append((at0, at1))
    breaks.sort()
    for (a0, a1), (next0, _next1) in itertools.pairwise(breaks):
        if next0 < a1:
            raise ValidationError(
                {
                    "breaks": ValidationError(
                        _("Two breaks overlap (%(first)s and %(second)s). Record each break once."),
                        code="break_overlap",
                        params={
                            "first": f"{a0.astimezone(zone):%H:%M}–{a1.astimezone(zone):%H:%M}",
                            "second": f"{next0.astimezone(zone):%H:%M}",
                        },
                    )
                }
            )
    break_minutes = sum(_minutes(b1 - b0) for b0, b1 in breaks)
    worked = _minutes(end - start) - break_minutes
    needed = BREAK_AFTER_8H if worked > 8 * 60 else BREAK_AFTER_6H if worked > 6 * 60 else 0
    if break_minutes < needed:
        raise ValidationError(
            {
                "breaks": ValidationError(
                    _(
                        "%(worked)s hours of work need at least %(needed)s minutes of break "
                        "(Labor Standards Act art. 34); the breaks recorded add up to "
                        "%(recorded)s minutes. Add the break you took."
                    ),
                    code="break_minimum",
                    params={
                        "worked": hours_clock(worked),
                        "needed": needed,
                        "recorded": break_minutes,
                    },
                )
            }
        )
    return _Checked(start, end, breaks, worked, break_minutes)


def _check_place(
    assignment: Assignment,
    data: DayInput,
    checked: _Checked,
    *,
    ignore: tuple[int, ...] = (),
) -> None:
    """Rules against what is stored: inside the assignment, not in the future, no overlap
    with another record of the same person (any assignment)."""
    if not assignment.starts_on <= data.date <= assignment.ends_on:
        raise ValidationError(
            {
                "date": ValidationError(
                    _(
                        "%(date)s is outside the assignment, which runs from %(start)s to "
                        "%(end)s. Choose a day within it."
                    ),
                    code="outside_assignment",
                    params={
                        "date": date_text(data.date),
                        "start": date_text(assignment.starts_on),
                        "end": date_text(assignment.ends_on),
                    },
                )
            }
        )
    if checked.end > clock.now():
        raise ValidationError(
            {
                "end": ValidationError(
                    _("This record ends in the future. Record a day once the work is over."),
                    code="future",
                )
            }
        )
    clash = (
        TimeRecord.objects.filter(
            participant_id=assignment.participant_id,
            superseded=False,
            start__lt=checked.end,
            end__gt=checked.start,
        )
        .exclude(pk__in=ignore)
        .select_related("assignment__project")
        .first()
    )
    if clash is not None:
        zone = _zone(assignment.region)
        raise ValidationError(
            {
                "start": ValidationError(
                    _(
                        "This overlaps the record of %(date)s, %(start)s–%(end)s (%(project)s). "
                        "A person cannot work two records at the same time; change the times."
                    ),
                    code="overlap",
                    params={
                        "date": date_text(clash.date),
                        "start": f"{clash.start.astimezone(zone):%H:%M}",
                        "end": f"{clash.end.astimezone(zone):%H:%M}",
                        "project": clash.assignment.project.title,
                    },
                )
            }
        )


def _check_editable_week(assignment: Assignment, day: dt.date) -> None:
    region = assignment.region
    week = week_start_of(day, region)
    if month_locked(day=day):
        raise ValidationError(
            {
                "date": ValidationError(
                    _(
                        "%(month)s is paid and locked. Ask the operator to record a correction "
                        "(an adjusting record) instead."
                    ),
                    code="month_locked",
                    params={"month": month_text(day)},
                )
            }
        )
    review = WeekReview.objects.filter(assignment=assignment, week_start=week).first()
    if review is not None and review.status in (WeekStatus.SUBMITTED, WeekStatus.APPROVED):
        raise ValidationError(
            {
                "date": ValidationError(
                    _(
                        "The week from %(week)s is submitted or approved and cannot change. "
                        "Ask the reviewer to return it, or the operator for a correction."
                    ),
                    code="week_closed",
                    params={"week": date_text(week)},
                )
            }
        )


def _lock_person(assignment: Assignment) -> None:
    """Serialise writes of one person's records so two overlapping ones cannot both pass."""
    Participant.objects.select_for_update().filter(pk=assignment.participant_id).first()


def _lock_region(assignment: Assignment) -> None:
    """Approvals and corrections change what a pay run pays: they wait for a running pay
    run of the region (which holds this lock) and a pay run waits for them."""
    Region.objects.select_for_update().filter(pk=assignment.region_id).first()


def _store(
    assignment: Assignment,
    data: DayInput,
    checked: _Checked,
    *,
    status: str,
    actor: User,
    adjusts: TimeRecord | None = None,
) -> TimeRecord:
    region = assignment.region
    record = TimeRecord.objects.create(
        region=region,
        assignment=assignment,
        participant_id=assignment.participant_id,
        date=data.date,
        week_start=week_start_of(data.date, region),
        start=checked.start,
        end=checked.end,
        worked_minutes=checked.worked_minutes,
        break_minutes=checked.break_minutes,
        note=data.note.strip()[:200],
        status=status,
        recorded_by=actor,
        is_adjustment=status == RecordStatus.APPROVED,
        adjusts=adjusts,
    )
    TimeBreak.objects.bulk_create(
        TimeBreak(region=region, record=record, start=b0, end=b1) for b0, b1 in checked.breaks
    )
    return record


def _summary(record: TimeRecord, actor: User, region: Region) -> dict[str, Any]:
    zone = _zone(region)
    return {
        "assignment": record.assignment_id,
        "date": record.date.isoformat(),
        "start": record.start.astimezone(zone).isoformat(timespec="minutes"),
        "end": record.end.astimezone(zone).isoformat(timespec="minutes"),
        "worked_minutes": record.worked_minutes,
        "break_minutes": record.break_minutes,
        "on_behalf": record.assignment.participant.person.user_id != actor.pk,
    }


def time_record_create(*, assignment: Assignment, data: DayInput, actor: User) -> TimeRecord:
    """Record a work day (the participant, or an operator on their behalf: audited as such).

    The record is a draft until its week is submitted."""
    checked = _check_shape(assignment.region, data)
    with transaction.atomic():
        _lock_person(assignment)
        _check_editable_week(assignment, data.date)
        _check_place(assignment, data, checked)
        record = _store(assignment, data, checked, status=RecordStatus.DRAFT, actor=actor)
        audit_record(
            region=assignment.region,
            actor=actor,
            action="time_record.create",
            obj=record,
            changes=_summary(record, actor, assignment.region),
        )
    return record


def time_record_delete(*, record: TimeRecord, actor: User) -> None:
    """Delete a draft or returned record (before its week is submitted again)."""
    with transaction.atomic():
        record = (
            TimeRecord.objects.select_for_update().select_related("assignment").get(pk=record.pk)
        )
        if record.status not in (RecordStatus.DRAFT, RecordStatus.RETURNED) or record.locked:
            raise Conflict(
                _(
                    "Only a record that is not yet submitted can be deleted; this one is "
                    "%(status)s. Ask the operator for a correction."
                ),
                status=RecordStatus(record.status).label,
            )
        _check_editable_week(record.assignment, record.date)
        summary = _summary(record, actor, record.assignment.region)
        audit_record(
            region=record.assignment.region,
            actor=actor,
            action="time_record.delete",
            obj=record,
            changes=summary,
        )
        record.delete()


def time_record_update(*, record: TimeRecord, data: DayInput, actor: User) -> TimeRecord:
    """Change a draft or returned record (before its week is submitted again): the same
    checks as a new record, the record itself left out of the overlap check."""
    checked = _check_shape(record.region, data)
    with transaction.atomic():
        _lock_person(record.assignment)
        record = (
            TimeRecord.objects.select_for_update()
            .select_related("assignment__participant__person", "assignment__region")
            .get(pk=record.pk)
        )
        if record.status not in (RecordStatus.DRAFT, RecordStatus.RETURNED) or record.locked:
            raise Conflict(
                _(
                    "Only a record that is not yet submitted can be changed; this one is "
                    "%(status)s. Ask the operator for a correction."
                ),
                status=RecordStatus(record.status).label,
            )
        assignment = record.assignment
        _check_editable_week(assignment, record.date)
        _check_editable_week(assignment, data.date)
        _check_place(assignment, data, checked, ignore=(record.pk,))
        before = _summary(record, actor, assignment.region)
        record.date = data.date
        record.week_start = week_start_of(data.date, assignment.region)
        record.start, record.end = checked.start, checked.end
        record.worked_minutes, record.break_minutes = checked.worked_minutes, checked.break_minutes
        record.note = data.note.strip()[:200]
        record.save(
            update_fields=[
                "date",
                "week_start",
                "start",
                "end",
                "worked_minutes",
                "break_minutes",
                "note",
            ]
        )
        TimeBreak.objects.filter(record=record).delete()
        TimeBreak.objects.bulk_create(
            TimeBreak(region=record.region, record=record, start=b0, end=b1)
            for b0, b1 in checked.breaks
        )
        after = _summary(record, actor, assignment.region)
        audit_record(
            region=assignment.region,
            actor=actor,
            action="time_record.update",
            obj=record,
            changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
        )
    return record


def time_record_correct(
    *,
    assignment: Assignment,
    data: DayInput,
    reason: str,
    actor: User,
    adjusts: TimeRecord | None = None,
) -> TimeRecord:
    """The operator's correction of an approved (possibly paid and locked) day: a new
    adjusting record, approved at once, that replaces `adjusts` (kept, marked superseded), or
    a missed day of an approved week. A later pay run pays the difference."""
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(_("Say why the day is corrected."), code="required")}
        )
    checked = _check_shape(assignment.region, data)
    with transaction.atomic():
        _lock_person(assignment)
        _lock_region(assignment)
        if adjusts is not None:
            adjusts = TimeRecord.objects.select_for_update().get(pk=adjusts.pk)
            if adjusts.assignment_id != assignment.pk or adjusts.date != data.date:
                raise ValidationError(
                    {
                        "date": ValidationError(
                            _(
                                "A correction keeps the day of the record it corrects "
                                "(%(date)s). Record a missed day as a correction without one."
                            ),
                            code="correction_date",
                            params={"date": date_text(adjusts.date)},
                        )
                    }
                )
            if adjusts.superseded or adjusts.status != RecordStatus.APPROVED:
                raise Conflict(
                    _(
                        "Only the current approved record of a day can be corrected; change "
                        "a record that is not approved yet in the week view."
                    )
                )
        else:
            week = week_start_of(data.date, assignment.region)
            approved = WeekReview.objects.filter(
                assignment=assignment, week_start=week, status=WeekStatus.APPROVED
            ).exists()
            if not approved and not month_locked(day=data.date):
                raise ValidationError(
                    {
                        "date": ValidationError(
                            _(
                                "The week from %(week)s is not approved yet: record the day "
                                "as usual instead of a correction."
                            ),
                            code="not_closed",
                            params={"week": date_text(week)},
                        )
                    }
                )
        _check_place(assignment, data, checked, ignore=(adjusts.pk,) if adjusts is not None else ())
        record = _store(
            assignment,
            data,
            checked,
            status=RecordStatus.APPROVED,
            actor=actor,
            adjusts=adjusts,
        )
        if adjusts is not None:
            adjusts.superseded = True
            adjusts.save(update_fields=["superseded", "updated_at"])
        changes = _summary(record, actor, assignment.region)
        changes.update(
            {"reason": reason.strip(), "corrects": adjusts.pk if adjusts is not None else None}
        )
        audit_record(
            region=assignment.region,
            actor=actor,
            action="time_record.correct",
            obj=record,
            changes=changes,
        )
    return record


def _week_checked(assignment: Assignment, week_start: dt.date) -> None:
    region = assignment.region
    if week_start.weekday() != region.pay_week_start:
        raise ValidationError(
            {
                "week_start": ValidationError(
                    _("%(date)s is not the first day of a pay week; weeks start on %(weekday)s."),
                    code="not_week_start",
                    params={
                        "date": date_text(week_start),
                        "weekday": WEEKDAY_NAMES[region.pay_week_start],
                    },
                )
            }
        )


def _set_week(
    assignment: Assignment, week_start: dt.date, *, from_statuses: tuple[str, ...], to: str
) -> int:
    return TimeRecord.objects.filter(
        assignment=assignment,
        week_start=week_start,
        status__in=from_statuses,
        is_adjustment=False,
    ).update(status=to, updated_at=clock.now())


def week_submit(*, assignment: Assignment, week_start: dt.date, actor: User) -> WeekReview:
    """Send a week's records for approval (the participant, or the operator for them)."""
    _week_checked(assignment, week_start)
    with transaction.atomic():
        review = (
            WeekReview.objects.select_for_update()
            .filter(assignment=assignment, week_start=week_start)
            .first()
        )
        if review is not None and review.status != WeekStatus.RETURNED:
            raise Conflict(
                _("The week from %(week)s is already %(status)s."),
                week=date_text(week_start),
                status=WeekStatus(review.status).label,
            )
        count = _set_week(
            assignment,
            week_start,
            from_statuses=(RecordStatus.DRAFT, RecordStatus.RETURNED),
            to=RecordStatus.SUBMITTED,
        )
        if count == 0:
            raise ValidationError(
                {
                    "week_start": ValidationError(
                        _("The week from %(week)s has no records. Record a day first."),
                        code="empty_week",
                        params={"week": date_text(week_start)},
                    )
                }
            )
        now = clock.now()
        if review is None:
            review = WeekReview(
                region=assignment.region, assignment=assignment, week_start=week_start
            )
        review.status = WeekStatus.SUBMITTED
        review.submitted_by = actor
        review.submitted_at = now
        review.reviewed_by = None
        review.reviewed_at = None
        review.save()
        audit_record(
            region=assignment.region,
            actor=actor,
            action="week.submit",
            obj=review,
            changes={"assignment": assignment.pk, "week": week_start.isoformat(), "records": count},
        )
        notifications.notify_week_to_approve(review=review)
    return review


def _review_for_decision(assignment: Assignment, week_start: dt.date) -> WeekReview:
    review = (
        WeekReview.objects.select_for_update()
        .filter(assignment=assignment, week_start=week_start)
        .first()
    )
    if review is None or review.status != WeekStatus.SUBMITTED:
        raise Conflict(
            _("The week from %(week)s is not waiting for approval."),
            week=date_text(week_start),
        )
    return review


def week_approve(*, assignment: Assignment, week_start: dt.date, actor: User) -> WeekReview:
    """Approve a submitted week (the project's client, or the operator); its records become
    payable in the month's pay run."""
    with transaction.atomic():
        _lock_region(assignment)
        review = _review_for_decision(assignment, week_start)
        count = _set_week(
            assignment, week_start, from_statuses=(RecordStatus.SUBMITTED,), to="approved"
        )
        review.status = WeekStatus.APPROVED
        review.comment = ""
        review.reviewed_by = actor
        review.reviewed_at = clock.now()
        review.save(update_fields=["status", "comment", "reviewed_by", "reviewed_at"])
        audit_record(
            region=assignment.region,
            actor=actor,
            action="week.approve",
            obj=review,
            changes={"assignment": assignment.pk, "week": week_start.isoformat(), "records": count},
        )
        domain_event_publish(
            kind="week.approved",
            region=assignment.region,
            payload={
                "week_review_id": review.pk,
                "assignment_id": assignment.pk,
                "participant_id": assignment.participant_id,
                "week_start": week_start.isoformat(),
                "records": count,
                "status": review.status,
            },
        )
        notifications.notify_week_approved(
            review=review,
            worked_minutes=week_worked_minutes(assignment=assignment, week_start=week_start),
        )
    return review


def week_return(
    *, assignment: Assignment, week_start: dt.date, comment: str, actor: User
) -> WeekReview:
    """Return a submitted week with a comment; its records are editable again."""
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {
                "comment": ValidationError(
                    _("Say what needs to change, so the participant can fix the week."),
                    code="required",
                )
            }
        )
    with transaction.atomic():
        review = _review_for_decision(assignment, week_start)
        _set_week(
            assignment,
            week_start,
            from_statuses=(RecordStatus.SUBMITTED,),
            to=RecordStatus.RETURNED,
        )
        review.status = WeekStatus.RETURNED
        review.comment = comment[:2000]
        review.reviewed_by = actor
        review.reviewed_at = clock.now()
        review.save(update_fields=["status", "comment", "reviewed_by", "reviewed_at"])
        audit_record(
            region=assignment.region,
            actor=actor,
            action="week.return",
            obj=review,
            changes={
                "assignment": assignment.pk,
                "week": week_start.isoformat(),
                "comment": review.comment,
            },
        )
        notifications.notify_week_returned(review=review)
    return review
