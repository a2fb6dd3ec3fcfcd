"""Time records (勤怠): record days, submit a week, approve or return it, corrections.

The participant records their own days; an operator may record on their behalf (audited).
The client of the project or the operator approves or returns a submitted week. Corrections
of approved or paid days are the operator's (a new adjusting record)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from sousei.core import clock
from sousei.core.access import region_context, signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.japanese_calendar import next_month
from sousei.core.provision import ProvisionChannel
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.projects.access import assignment_visible, staffing_reader
from sousei.projects.provision import client_provision
from sousei.work import access
from sousei.work.models.timesheets import TimeRecord, WeekReview
from sousei.work.schemas import (
    CorrectionIn,
    RecordsQuery,
    ReturnIn,
    TimeRecordIn,
    TimeRecordOut,
    WeekIn,
    WeekOut,
    WeekWaitingOut,
)
from sousei.work.selectors import timesheets as selectors
from sousei.work.services import timesheets as services
from sousei.work.services.payroll import month_given

router = Router(tags=["time records"])
RECORDERS = {Role.OPERATOR, Role.PARTICIPANT}
APPROVERS = {Role.OPERATOR, Role.CLIENT}
READERS = {Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT}
OPERATORS = {Role.OPERATOR}


def record_body(record: TimeRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "assignment_id": record.assignment_id,
        "date": record.date,
        "start": timezone.localtime(record.start),
        "end": timezone.localtime(record.end),
        "worked_minutes": record.worked_minutes,
        "break_minutes": record.break_minutes,
        "breaks": [
            {"start": timezone.localtime(b.start), "end": timezone.localtime(b.end)}
            for b in record.breaks.all()
        ],
        "note": record.note,
        "status": record.status,
        "is_adjustment": record.is_adjustment,
        "adjusts_id": record.adjusts_id,
        "superseded": record.superseded,
        "locked": record.locked,
    }


def week_body(review: WeekReview) -> dict[str, Any]:
    return {
        "assignment_id": review.assignment_id,
        "week_start": review.week_start,
        "status": review.status,
        "comment": review.comment,
        "submitted_at": review.submitted_at,
        "reviewed_at": review.reviewed_at,
    }


def day_input(payload: TimeRecordIn) -> services.DayInput:
    return services.DayInput(
        date=payload.date,
        start=payload.start,
        end=payload.end,
        ends_next_day=payload.ends_next_day,
        breaks=tuple((b.start, b.end) for b in payload.breaks),
        note=payload.note,
    )


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/time-records",
    auth=signed_in,
    response={201: TimeRecordOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record a work day with its breaks (the participant, or an operator for them)",
)
def time_record_create(request: HttpRequest, slug: Slug, assignment_id: Id, payload: TimeRecordIn):
    with region_context(request, slug, roles=RECORDERS) as region:
        assignment = access.assignment_to_record(staffing_reader(request, region), assignment_id)
        record = services.time_record_create(
            assignment=assignment, data=day_input(payload), actor=signed_in_user(request)
        )
        return Status(201, record_body(record))


@router.get(
    "/regions/{slug}/assignments/{assignment_id}/time-records",
    auth=signed_in,
    response={200: list[TimeRecordOut], 422: ErrorOut},
    summary="An assignment's records of one week (?week=date in it) or month (?month=YYYY-MM)",
)
def time_record_list(
    request: HttpRequest, slug: Slug, assignment_id: Id, query: Query[RecordsQuery]
):
    with region_context(request, slug, roles=READERS) as region:
        assignment = assignment_visible(staffing_reader(request, region), assignment_id)
        client_provision(
            request, region, [assignment], channel=ProvisionChannel.API, source="api.time_records"
        )
        if query.month:
            first = month_given(query.month)
            last = next_month(first) - dt.timedelta(days=1)
        else:
            day = query.week or clock.today()
            first = selectors.week_start_of(day, region)
            last = first + dt.timedelta(days=6)
        records = selectors.records_between(assignment=assignment, first=first, last=last)
        return [record_body(r) for r in records]


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/time-records/submit",
    auth=signed_in,
    response={200: WeekOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Submit a week for approval (the participant, or an operator for them)",
)
def week_submit(request: HttpRequest, slug: Slug, assignment_id: Id, payload: WeekIn):
    with region_context(request, slug, roles=RECORDERS) as region:
        assignment = access.assignment_to_record(staffing_reader(request, region), assignment_id)
        review = services.week_submit(
            assignment=assignment, week_start=payload.week_start, actor=signed_in_user(request)
        )
        return week_body(review)


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/time-records/approve",
    auth=signed_in,
    response={200: WeekOut, 404: ErrorOut, 409: ErrorOut},
    summary="Approve a submitted week (the project's client, or an operator)",
)
def week_approve(request: HttpRequest, slug: Slug, assignment_id: Id, payload: WeekIn):
    with region_context(request, slug, roles=APPROVERS) as region:
        assignment = access.assignment_to_decide(staffing_reader(request, region), assignment_id)
        review = services.week_approve(
            assignment=assignment, week_start=payload.week_start, actor=signed_in_user(request)
        )
        return week_body(review)


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/time-records/return",
    auth=signed_in,
    response={200: WeekOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Return a submitted week with a comment; it becomes editable again",
)
def week_return(request: HttpRequest, slug: Slug, assignment_id: Id, payload: ReturnIn):
    with region_context(request, slug, roles=APPROVERS) as region:
        assignment = access.assignment_to_decide(staffing_reader(request, region), assignment_id)
        review = services.week_return(
            assignment=assignment,
            week_start=payload.week_start,
            comment=payload.comment,
            actor=signed_in_user(request),
        )
        return week_body(review)


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/time-records/corrections",
    auth=signed_in,
    response={201: TimeRecordOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Correct an approved or paid day with an adjusting record (operator)",
)
def time_record_correct(request: HttpRequest, slug: Slug, assignment_id: Id, payload: CorrectionIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        assignment = assignment_visible(staffing_reader(request, region), assignment_id)
        adjusts = None
        if payload.adjusts_id is not None:
            adjusts = TimeRecord.objects.filter(
                assignment=assignment, pk=payload.adjusts_id
            ).first()
            if adjusts is None:
                raise ValidationError(
                    {
                        "adjusts_id": ValidationError(
                            _("No such record on this assignment. Choose the day to correct.")
                        )
                    }
                )
        record = services.time_record_correct(
            assignment=assignment,
            data=day_input(payload),
            reason=payload.reason,
            adjusts=adjusts,
            actor=signed_in_user(request),
        )
        return Status(201, record_body(record))


@router.get(
    "/regions/{slug}/weeks-to-approve",
    auth=signed_in,
    response=list[WeekWaitingOut],
    summary="Submitted weeks the caller may approve, oldest first (client, operator)",
)
def weeks_waiting(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=APPROVERS) as region:
        reader = staffing_reader(request, region)
        return [
            {
                **week_body(review),
                "participant_id": review.assignment.participant_id,
                "participant": review.assignment.participant.person.full_name,
                "project_id": review.assignment.project_id,
                "project": review.assignment.project.title,
                "worked_minutes": review.worked_minutes,  # type: ignore[attr-defined]
                "record_count": review.record_count,  # type: ignore[attr-defined]
            }
            for review in selectors.weeks_waiting(reader=reader)[:200]
        ]


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/time-records/{record_id}/delete",
    auth=signed_in,
    response={204: None, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Delete a record that is not submitted yet",
)
def time_record_delete(request: HttpRequest, slug: Slug, assignment_id: Id, record_id: Id):
    with region_context(request, slug, roles=RECORDERS) as region:
        record = access.time_record_visible(
            staffing_reader(request, region), assignment_id, record_id
        )
        services.time_record_delete(record=record, actor=signed_in_user(request))
        return HttpResponse(status=204)
