"""Loading the region's people for the matching and assignment engines, and reading their
answers back in the region's words (skill names, people's names).

Who is considered (issue 4, point 2): participants who completed a course, or whose course
is projected to finish within `SOON_DAYS`. Their columns: skill levels and tool certificates
(ParticipantSkill), weekly hours available (from their application) minus the hours of the
projects they are on, how many projects they are on now, whether they live in the region
(their current career outcome, else their address), and their average evaluation. Reads are
a fixed handful of queries whatever the pool size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.processing import usable
from sousei.people.models import Participant
from sousei.projects.matching import (
    Candidate,
    ParticipantPool,
    ParticipantRecord,
    ProjectProfile,
    Requirement,
    SkillMatch,
    rank_participants,
)
from sousei.projects.models import Assignment, AssignmentStatus, ClientProject
from sousei.training.models import Enrolment, EnrolmentStatus, ParticipantSkill, Skill

SOON_DAYS = 14


@dataclass(frozen=True)
class RegionPool:
    """The engine's pool plus the maps from its columns back to skills."""

    pool: ParticipantPool
    skill_ids: list[int]  # column → Skill pk
    column_of: dict[int, int]  # Skill pk → column


def eligible_participant_ids(*, today: dt.date) -> list[int]:
    """Participants who completed training, or whose course ends within SOON_DAYS."""
    soon = today + dt.timedelta(days=SOON_DAYS)
    return list(
        Enrolment.objects.filter(
            Q(status=EnrolmentStatus.COMPLETED)
            | Q(status=EnrolmentStatus.ACTIVE, projected_completion_date__lte=soon)
            | Q(
                status=EnrolmentStatus.ACTIVE,
                projected_completion_date__isnull=True,
                planned_completion_date__lte=soon,
            )
        )
        .values_list("participant_id", flat=True)
        .distinct()
        .order_by("participant_id")
    )


def matching_pool(
    *, region: Region, today: dt.date | None = None, include_gone: bool = False
) -> RegionPool:
    """The region's eligible people as the engine's columnar pool (seven queries).

    People who left the program, took a job elsewhere or moved out of the region are left
    out unless `include_gone`: nobody expects to see them proposed for a project."""
    today = today or clock.today()
    # Nobody who asked to stop the use of their data (APPI art. 35) is ranked or proposed,
    # whatever `include_gone` says.
    ids = list(
        usable(
            Participant.objects.filter(pk__in=eligible_participant_ids(today=today)),
            person="person",
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not include_gone:
        ids = list(
            Participant.objects.filter(pk__in=ids, available_for_projects=True)
            .exclude(lives_in_region=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    skills: dict[int, dict[int, int]] = defaultdict(dict)
    certified: dict[int, set[int]] = defaultdict(set)
    skill_ids = sorted(Skill.objects.values_list("pk", flat=True))
    column_of = {skill_id: column for column, skill_id in enumerate(skill_ids)}
    for participant_id, skill_id, level, certificate_id in ParticipantSkill.objects.filter(
        participant_id__in=ids
    ).values_list("participant_id", "skill_id", "level", "certificate_id"):
        skills[participant_id][column_of[skill_id]] = level
        if certificate_id is not None:
            certified[participant_id].add(column_of[skill_id])
    busy_hours: dict[int, int] = defaultdict(int)
    busy_projects: dict[int, int] = defaultdict(int)
    for participant_id, hours in Assignment.objects.filter(
        participant_id__in=ids, status=AssignmentStatus.ACTIVE, ends_on__gte=today
    ).values_list("participant_id", "project__hours_per_week"):
        busy_hours[participant_id] += hours
        busy_projects[participant_id] += 1
    # Where someone lives now: their current career outcome says so once one is recorded
    # (people move; careers keeps it on the participant); until then, the address they
    # applied with. The mean rating over their evaluations is kept there too.
    people = Participant.objects.filter(pk__in=ids).values_list(
        "pk",
        "application__weekly_hours_available",
        "person__municipality_code",
        "lives_in_region",
        "evaluation_mean",
    )
    records = [
        ParticipantRecord(
            participant_id=pk,
            skills=skills.get(pk, {}),
            available_hours=float(max(weekly - busy_hours.get(pk, 0), 0)),
            current_projects=busy_projects.get(pk, 0),
            resident=municipality == region.code if lives_here is None else lives_here,
            evaluation_average=None if mean is None else float(mean),
            certificates=frozenset(certified.get(pk, set())),
        )
        for pk, weekly, municipality, lives_here, mean in people
    ]
    return RegionPool(
        pool=ParticipantPool.from_records(records, skill_count=len(skill_ids)),
        skill_ids=skill_ids,
        column_of=column_of,
    )


def project_profile(project: ClientProject, region_pool: RegionPool) -> ProjectProfile:
    """The project's needs in the pool's columns (reads `project.skills`; prefetch it)."""
    return ProjectProfile(
        requirements=tuple(
            Requirement(
                skill=region_pool.column_of[need.skill_id],
                min_level=need.min_level,
                required=need.required,
            )
            for need in project.skills.all()
        ),
        hours_per_week=float(project.hours_per_week),
    )


@dataclass(frozen=True)
class SkillView:
    skill_id: int
    code: str
    name: str
    level: int
    min_level: int
    required: bool
    certified: bool


@dataclass(frozen=True)
class CandidateView:
    """A ranked participant, in the region's words: names, skill codes and names."""

    participant_id: int
    name: str
    name_kana: str
    score: float
    matched_skills: list[SkillView]
    missing_skills: list[SkillView]
    availability_fit: float
    available_hours: float
    current_projects: int
    resident: bool
    evaluation_average: float | None
    reasons: list[str]


def project_candidates(
    *, region: Region, project: ClientProject, limit: int = 20, include_gone: bool = False
) -> list[CandidateView]:
    """The region's participants ranked for the project, best first, with reasons.
    The project's `skills` should be prefetched (project_get does)."""
    region_pool = matching_pool(region=region, include_gone=include_gone)
    ranked = rank_participants(region_pool.pool, project_profile(project, region_pool), limit)
    return candidate_views(ranked, region_pool)


def _skills_by_column(candidates: Sequence[Candidate], region_pool: RegionPool) -> dict[int, Skill]:
    """The skills the candidates' matches name, by pool column (one query)."""
    columns = {m.skill for c in candidates for m in (*c.matched_skills, *c.missing_skills)}
    return {
        region_pool.column_of[skill.pk]: skill
        for skill in Skill.objects.filter(
            pk__in=[region_pool.skill_ids[column] for column in columns]
        )
    }


def candidate_reasons(
    candidates: Sequence[Candidate], region_pool: RegionPool
) -> dict[int, list[str]]:
    """participant → the engine's reasons with skill codes for columns (one query)."""
    skill_by_column = _skills_by_column(candidates, region_pool)
    return {
        c.participant_id: [_reason_in_codes(r, skill_by_column) for r in c.reasons]
        for c in candidates
    }


def candidate_views(
    candidates: Sequence[Candidate], region_pool: RegionPool
) -> list[CandidateView]:
    """Engine results with skill columns mapped back to skills and people named (2 queries)."""
    participant_ids = [c.participant_id for c in candidates]
    names = {
        pk: (f"{family} {given}", f"{family_kana} {given_kana}")
        for pk, family, given, family_kana, given_kana in Participant.objects.filter(
            pk__in=participant_ids
        ).values_list(
            "pk",
            "person__family_name",
            "person__given_name",
            "person__family_name_kana",
            "person__given_name_kana",
        )
    }
    skill_by_column = _skills_by_column(candidates, region_pool)

    def view(match: SkillMatch) -> SkillView:
        skill = skill_by_column[match.skill]
        return SkillView(
            skill_id=skill.pk,
            code=skill.code,
            name=skill.name_ja,
            level=match.level,
            min_level=match.min_level,
            required=match.required,
            certified=match.certified,
        )

    result = []
    for candidate in candidates:
        name, kana = names.get(candidate.participant_id, ("", ""))
        result.append(
            CandidateView(
                participant_id=candidate.participant_id,
                name=name,
                name_kana=kana,
                score=candidate.score,
                matched_skills=[view(m) for m in candidate.matched_skills],
                missing_skills=[view(m) for m in candidate.missing_skills],
                availability_fit=candidate.availability_fit,
                available_hours=candidate.available_hours,
                current_projects=candidate.current_projects,
                resident=candidate.resident,
                evaluation_average=candidate.evaluation_average,
                reasons=[_reason_in_codes(r, skill_by_column) for r in candidate.reasons],
            )
        )
    return result


def _reason_in_codes(reason: str, skill_by_column: dict[int, Skill]) -> str:
    """The engine's reasons name skill columns ("matched:12:3"); the API names skill codes
    ("matched:rpa.uipath:3") so a reason means the same in every region."""
    kind, _, rest = reason.partition(":")
    if kind in {"matched", "missing_required", "missing_nice", "certified"}:
        column, _, level = rest.partition(":")
        skill = skill_by_column.get(int(column))
        code = skill.code if skill else column
        return f"{kind}:{code}:{level}" if level else f"{kind}:{code}"
    return reason
