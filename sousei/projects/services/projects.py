"""Writing client projects (案件): what the client needs, for how long, at what rate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core.audit import audit_record
from sousei.core.models import Organization, Region, RegionOrganization
from sousei.projects.models import ClientProject, Place, ProjectSkill, ProjectStatus
from sousei.projects.validation import end_before_start_error, hourly_rate_check
from sousei.training.models import Skill, ToolProduct

MAX_HOURS_PER_WEEK = 40


@dataclass(frozen=True, kw_only=True)
class SkillNeed:
    skill_id: int
    min_level: int
    required: bool = True


@dataclass(frozen=True, kw_only=True)
class ProjectInput:
    client_id: int
    title: str
    description: str = ""
    skills: tuple[SkillNeed, ...] = ()
    tool_ids: tuple[int, ...] = ()
    headcount: int
    hours_per_week: int
    starts_on: dt.date
    ends_on: dt.date
    place: str = Place.REMOTE
    place_note: str = ""
    hourly_rate_jpy: int


def skill_needs_by_code(needs: Iterable[tuple[str, int, bool]]) -> tuple[SkillNeed, ...]:
    """(skill code, minimum level, required) → SkillNeed; unknown codes are refused at once."""
    wanted = list(needs)
    codes = {code for code, _level, _required in wanted}
    known = dict(Skill.objects.filter(code__in=codes).values_list("code", "pk"))
    missing = sorted(codes - set(known))
    if missing:
        raise ValidationError(
            {
                "skills": ValidationError(
                    _("Unknown skill codes: %(codes)s. Use codes from the skill list."),
                    code="unknown_skill",
                    params={"codes": ", ".join(missing)},
                )
            }
        )
    return tuple(
        SkillNeed(skill_id=known[code], min_level=level, required=required)
        for code, level, required in wanted
    )


def _check(region: Region, data: ProjectInput) -> None:
    """Every rule at once, as errors per field; the minimum wage last (it needs a valid date)."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: ValidationError) -> None:
        errors.setdefault(field, []).append(message)

    client_in_region = RegionOrganization.objects.filter(
        organization_id=data.client_id, organization__kind=Organization.Kind.CLIENT
    ).exists()
    if not client_in_region:
        add(
            "client_id",
            ValidationError(
                _("Choose a client company that takes part in this region's program."),
                code="unknown_client",
            ),
        )
    if not data.title.strip():
        add("title", ValidationError(_("Enter the project title."), code="required"))
    if not 1 <= data.headcount <= 500:
        add(
            "headcount",
            ValidationError(_("Headcount is the number of people, from 1 to 500."), code="range"),
        )
    if not 1 <= data.hours_per_week <= MAX_HOURS_PER_WEEK:
        add(
            "hours_per_week",
            ValidationError(
                _("Hours per week go from 1 to 40 (the statutory week, LSA art. 32)."),
                code="range",
            ),
        )
    if data.place not in Place.values:
        add("place", ValidationError(_("Choose remote or the region's shared office."), "choice"))
    skill_ids = [need.skill_id for need in data.skills]
    if len(set(skill_ids)) != len(skill_ids):
        add("skills", ValidationError(_("List each skill once."), code="duplicate"))
    if any(not 1 <= need.min_level <= 4 for need in data.skills):
        add(
            "skills",
            ValidationError(_("Skill levels go from 1 (basic) to 4 (expert)."), code="range"),
        )
    if Skill.objects.filter(pk__in=skill_ids).count() != len(set(skill_ids)):
        add("skills", ValidationError(_("Choose skills from the list."), code="unknown_skill"))
    if ToolProduct.objects.filter(pk__in=data.tool_ids).count() != len(set(data.tool_ids)):
        add("tool_ids", ValidationError(_("Choose tools from the list."), code="unknown_tool"))
    if data.ends_on < data.starts_on:
        add("end_date", end_before_start_error(starts_on=data.starts_on, ends_on=data.ends_on))
    if data.hourly_rate_jpy < 1:
        add(
            "hourly_rate_jpy",
            ValidationError(_("Enter the hourly rate in whole yen."), code="range"),
        )
    if errors:
        raise ValidationError(errors)
    hourly_rate_check(region=region, day=data.starts_on, hourly_rate_jpy=data.hourly_rate_jpy)


def project_create(*, region: Region, data: ProjectInput, actor: User) -> ClientProject:
    """A new open project. Its rate must reach the minimum wage in force on the start date."""
    _check(region, data)
    with transaction.atomic():
        project = ClientProject.objects.create(
            region=region,
            client_id=data.client_id,
            title=data.title.strip(),
            description=data.description.strip(),
            headcount=data.headcount,
            hours_per_week=data.hours_per_week,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            place=data.place,
            place_note=data.place_note.strip(),
            hourly_rate_jpy=data.hourly_rate_jpy,
            status=ProjectStatus.OPEN,
            created_by=actor,
        )
        project.tools.set(data.tool_ids)
        ProjectSkill.objects.bulk_create(
            ProjectSkill(
                region=region,
                project=project,
                skill_id=need.skill_id,
                min_level=need.min_level,
                required=need.required,
            )
            for need in data.skills
        )
        audit_record(
            region=region,
            actor=actor,
            action="project.create",
            obj=project,
            changes={
                "title": project.title,
                "client_id": data.client_id,
                "headcount": data.headcount,
                "hourly_rate_jpy": data.hourly_rate_jpy,
                "starts_on": data.starts_on.isoformat(),
                "ends_on": data.ends_on.isoformat(),
            },
        )
    return project


def project_status_set(*, project_id: int, status: str, actor: User) -> ClientProject:
    """Open, mark staffed or close a project (closing keeps its assignments as they are)."""
    if status not in ProjectStatus.values:
        raise ValidationError(
            {"status": ValidationError(_("Choose a project status from the list."), "choice")}
        )
    with transaction.atomic():
        project = ClientProject.objects.select_for_update().get(pk=project_id)
        before = project.status
        project.status = status
        project.save(update_fields=["status"])
        audit_record(
            region=project.region,
            actor=actor,
            action="project.status",
            obj=project,
            changes={"status": [before, status]},
        )
    return project
