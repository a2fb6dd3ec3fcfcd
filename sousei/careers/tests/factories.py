"""Rows for the careers tests: ended assignments, completed pay, a participant the cast's
"participant" user owns. Call inside `region_scope(region)`."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from sousei.core.models import Region
from sousei.people.models import Participant
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.models import Assignment, AssignmentStatus, ClientProject
from sousei.projects.tests import factories
from sousei.work.models.payroll import PayRun, PayRunStatus, PayStatement


def participant(region: Region, user: User | None = None) -> Participant:
    made = ParticipantFactory.create(region=region)
    if user is not None:
        made.person.user = user
        made.person.save(update_fields=["user"])
    return made


def ended_assignment(
    region: Region,
    *,
    participant: Participant | None = None,
    on: ClientProject | None = None,
    days_ago: int = 1,
    length: int = 60,
    status: str = AssignmentStatus.ENDED,
    skills: tuple[tuple[str, int, bool], ...] = (
        ("rpa.uipath", 2, True),
        ("nocode.kintone", 1, False),
    ),
) -> Assignment:
    """An assignment whose last day was `days_ago` days ago (status "ended" by default)."""
    ends_on = timezone.localdate() - dt.timedelta(days=days_ago)
    starts_on = ends_on - dt.timedelta(days=length)
    project = on or factories.project(region, starts_on=starts_on, ends_on=ends_on, skills=skills)
    made = factories.assignment(
        region, participant=participant, on=project, starts_on=starts_on, ends_on=ends_on
    )
    made.status = status
    made.save(update_fields=["status"])
    return made


def pay(
    region: Region,
    assignment: Assignment,
    month: dt.date,
    gross_jpy: int,
    minutes: int,
    *,
    status: str = PayRunStatus.COMPLETED,
) -> PayStatement:
    """A statement of `month` (its first day) in the month's pay run."""
    run, _created = PayRun.objects.get_or_create(
        region=region, month=month, defaults={"status": status}
    )
    return PayStatement.objects.create(
        region=region,
        pay_run=run,
        assignment=assignment,
        participant_id=assignment.participant_id,
        month=month,
        gross_jpy=gross_jpy,
        worked_minutes=minutes,
        overtime_minutes=0,
    )
