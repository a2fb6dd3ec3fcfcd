"""Client projects and assignments for staffing tests (plain rows; the services have their own
tests). Call inside `region_scope(region)`."""

from __future__ import annotations

import datetime as dt

from sousei.core.models import Organization, Region
from sousei.core.tests.factories import client_company
from sousei.people.models import Participant
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.models import (
    Assignment,
    AssignmentRate,
    ClientProject,
    ProjectSkill,
)
from sousei.training.models import (
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ParticipantSkill,
    Skill,
)
from sousei.training.tests import factories as training_factories


def skill(code: str = "rpa.uipath", name: str = "UiPath") -> Skill:
    made, _ = Skill.objects.get_or_create(code=code, defaults={"name_ja": name, "name_en": name})
    return made


def project(
    region: Region,
    *,
    title: str = "請求書処理の自動化",
    headcount: int = 2,
    hours_per_week: int = 20,
    starts_on: dt.date = dt.date(2026, 12, 1),
    ends_on: dt.date = dt.date(2027, 3, 31),
    hourly_rate_jpy: int = 1_300,
    skills: tuple[tuple[str, int, bool], ...] = (("rpa.uipath", 2, True),),
    organization: Organization | None = None,
) -> ClientProject:
    made = ClientProject.objects.create(
        region=region,
        client=organization or client_company(),
        title=title,
        headcount=headcount,
        hours_per_week=hours_per_week,
        starts_on=starts_on,
        ends_on=ends_on,
        hourly_rate_jpy=hourly_rate_jpy,
    )
    for code, level, required in skills:
        ProjectSkill.objects.create(
            region=region, project=made, skill=skill(code), min_level=level, required=required
        )
    return made


def assignment(
    region: Region,
    *,
    participant: Participant | None = None,
    on: ClientProject | None = None,
    starts_on: dt.date = dt.date(2026, 12, 1),
    ends_on: dt.date = dt.date(2027, 3, 31),
    hourly_rate_jpy: int = 1_300,
    rate_changes: tuple[tuple[dt.date, int], ...] = (),
) -> Assignment:
    """An active assignment with its first rate from `starts_on` and any later rates."""
    made = Assignment.objects.create(
        region=region,
        project=on or project(region, starts_on=starts_on, ends_on=ends_on),
        participant=participant or ParticipantFactory.create(region=region),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    for day, rate in ((starts_on, hourly_rate_jpy), *rate_changes):
        AssignmentRate.objects.create(
            region=region, assignment=made, effective_from=day, hourly_rate_jpy=rate
        )
    return made


def trained_participant(
    region: Region,
    *,
    skills: dict[str, int] | None = None,
    weekly_hours: int = 20,
    participant: Participant | None = None,
) -> Participant:
    """A participant who completed a course and holds `skills` ({code: level}) with a
    certificate as evidence: eligible for matching. Plain rows, no services."""
    person = participant or ParticipantFactory.create(region=region)
    application = person.application
    application.weekly_hours_available = weekly_hours
    application.save(update_fields=["weekly_hours_available"])
    course = training_factories.course(region, title=f"研修 {person.pk}")
    today = dt.date(2026, 11, 1)
    enrolment = Enrolment.objects.create(
        region=region,
        participant=person,
        course=course,
        status=EnrolmentStatus.COMPLETED,
        start_date=today - dt.timedelta(days=60),
        daily_minutes=240,
        planned_completion_date=today,
        study_days=40,
        minutes_done=9600,
    )
    certificate = Certificate.objects.create(
        region=region,
        enrolment=enrolment,
        code=f"test-certificate-{enrolment.pk}",
        holder_name=str(person.person.family_name),
        holder_name_kana=str(person.person.family_name_kana),
        course_title=course.title,
        product_name=course.product.name,
        minutes=9600,
        completed_on=today,
    )
    for code, level in (skills or {"rpa.uipath": 2}).items():
        ParticipantSkill.objects.update_or_create(
            participant=person,
            skill=skill(code),
            defaults={"region": region, "level": level, "certificate": certificate},
        )
    return person
