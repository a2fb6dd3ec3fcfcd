"""Client projects and assignments for staffing tests (plain rows; the services have their own
tests). Call inside `region_scope(region)`."""

from __future__ import annotations

import datetime as dt

from sousei.core.models import Organization, Region
from sousei.people.models import Participant
from sousei.staffing.models.projects import (
    Assignment,
    AssignmentRate,
    ClientProject,
    ProjectSkill,
)
from sousei.testing.factories import ParticipantFactory, client_company
from sousei.training.models import Skill


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
