"""Putting participants on projects (参画): one at a time, or by accepting the solver's proposal.

Headcount is capacity: `assignment_create` locks the project row, counts its active
assignments and inserts in one transaction, so two operators staffing the last place at the
same moment cannot both succeed (DESIGN.md §4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.text import date_text
from sousei.people.models import Participant
from sousei.projects import notifications
from sousei.projects.models import (
    Assignment,
    AssignmentRate,
    AssignmentStatus,
    ClientProject,
    ProjectStatus,
)
from sousei.projects.validation import dates_in_order, hourly_rate_check

# Switched off only by the concurrency test's control case, to show the race it prevents.
LOCK_PROJECT = True


@dataclass(frozen=True, kw_only=True)
class AssignmentInput:
    project_id: int
    participant_id: int
    starts_on: dt.date
    ends_on: dt.date
    hourly_rate_jpy: int


def _check_dates(project: ClientProject, data: AssignmentInput) -> None:
    dates_in_order(starts_on=data.starts_on, ends_on=data.ends_on)
    if data.starts_on < project.starts_on or data.ends_on > project.ends_on:
        raise ValidationError(
            {
                "start_date": ValidationError(
                    _(
                        "The assignment must lie within the project, %(start)s to %(end)s. "
                        "Move its dates inside the project's."
                    ),
                    code="outside_project",
                    params={
                        "start": date_text(project.starts_on),
                        "end": date_text(project.ends_on),
                    },
                )
            }
        )


def assignment_create(*, region: Region, data: AssignmentInput, actor: User) -> Assignment:
    """Put a participant on a project from `starts_on` (pay starts that day) at a rate that
    reaches the minimum wage in force then; 409 when the project is full or closed, or the
    person is already on it."""
    if data.hourly_rate_jpy < 1:
        raise ValidationError(
            {"hourly_rate_jpy": ValidationError(_("Enter the hourly rate in whole yen."), "range")}
        )
    if not Participant.objects.filter(pk=data.participant_id).exists():
        raise ValidationError(
            {
                "participant_id": ValidationError(
                    _("No such participant in this region. Choose one from the candidates."),
                    code="unknown_participant",
                )
            }
        )
    with transaction.atomic():
        projects = ClientProject.objects.all()
        if LOCK_PROJECT:
            projects = projects.select_for_update()
        project = projects.filter(pk=data.project_id).first()
        if project is None:
            raise Http404("No such project.")
        _check_dates(project, data)
        hourly_rate_check(region=region, day=data.starts_on, hourly_rate_jpy=data.hourly_rate_jpy)
        if project.status in (ProjectStatus.CLOSED, ProjectStatus.DRAFT):
            raise Conflict(
                _("The project “%(title)s” is not open for staffing. Open it first."),
                title=project.title,
            )
        active = list(
            Assignment.objects.filter(project=project, status=AssignmentStatus.ACTIVE).values_list(
                "participant_id", flat=True
            )
        )
        if data.participant_id in active:
            raise Conflict(_("This participant is already on “%(title)s”."), title=project.title)
        if len(active) >= project.headcount:
            raise Conflict(
                _(
                    "“%(title)s” is fully staffed (%(headcount)s people). Raise its headcount "
                    "or end another assignment first."
                ),
                title=project.title,
                headcount=project.headcount,
            )
        assignment = Assignment.objects.create(
            region=region,
            project=project,
            participant_id=data.participant_id,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            created_by=actor,
        )
        AssignmentRate.objects.create(
            region=region,
            assignment=assignment,
            effective_from=data.starts_on,
            hourly_rate_jpy=data.hourly_rate_jpy,
            created_by=actor,
        )
        if len(active) + 1 == project.headcount and project.status == ProjectStatus.OPEN:
            project.status = ProjectStatus.STAFFED
            project.save(update_fields=["status"])
        audit_record(
            region=region,
            actor=actor,
            action="assignment.create",
            obj=assignment,
            changes={
                "project_id": project.pk,
                "participant_id": data.participant_id,
                "starts_on": data.starts_on.isoformat(),
                "ends_on": data.ends_on.isoformat(),
                "hourly_rate_jpy": data.hourly_rate_jpy,
            },
        )
        notifications.notify_assignment_made(
            assignment=assignment, hourly_rate_jpy=data.hourly_rate_jpy
        )
        domain_event_publish(
            kind="assignment.started",
            region=region,
            payload={
                "assignment_id": assignment.pk,
                "project_id": project.pk,
                "participant_id": data.participant_id,
                "starts_on": data.starts_on.isoformat(),
            },
        )
    return assignment


def assignment_rate_change(
    *,
    region: Region,
    assignment_id: int,
    effective_from: dt.date,
    hourly_rate_jpy: int,
    actor: User,
) -> AssignmentRate:
    """A new rate from a date on (a raise, or a new minimum wage); earlier days keep theirs."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment_id)
        if not assignment.starts_on <= effective_from <= assignment.ends_on:
            raise ValidationError(
                {
                    "effective_from": ValidationError(
                        _("A new rate must start within the assignment, %(start)s to %(end)s."),
                        code="outside_assignment",
                        params={
                            "start": date_text(assignment.starts_on),
                            "end": date_text(assignment.ends_on),
                        },
                    )
                }
            )
        hourly_rate_check(region=region, day=effective_from, hourly_rate_jpy=hourly_rate_jpy)
        rate, _created = AssignmentRate.objects.update_or_create(
            assignment=assignment,
            effective_from=effective_from,
            defaults={"region": region, "hourly_rate_jpy": hourly_rate_jpy, "created_by": actor},
        )
        audit_record(
            region=region,
            actor=actor,
            action="assignment.rate",
            obj=assignment,
            changes={
                "effective_from": effective_from.isoformat(),
                "hourly_rate_jpy": hourly_rate_jpy,
            },
        )
    return rate


def assignment_end(
    *, region: Region, assignment_id: int, ends_on: dt.date, actor: User
) -> Assignment:
    """End an assignment on `ends_on` (early, or as planned): the place on the project frees."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment_id)
        if assignment.status != AssignmentStatus.ACTIVE:
            raise Conflict(_("This assignment has already ended."))
        if not assignment.starts_on <= ends_on <= assignment.ends_on:
            raise ValidationError(
                {
                    "ends_on": ValidationError(
                        _("The last day must be within the assignment, %(start)s to %(end)s."),
                        code="outside_assignment",
                        params={
                            "start": date_text(assignment.starts_on),
                            "end": date_text(assignment.ends_on),
                        },
                    )
                }
            )
        before = assignment.ends_on
        assignment.ends_on = ends_on
        assignment.status = AssignmentStatus.ENDED
        assignment.save(update_fields=["ends_on", "status"])
        audit_record(
            region=region,
            actor=actor,
            action="assignment.end",
            obj=assignment,
            changes={"ends_on": [before.isoformat(), ends_on.isoformat()]},
        )
    return assignment
