"""The matching engine: rank a region's participants for one client project (案件マッチング).

Operators staff a project by looking at a ranked list of people with the reasons for each
rank (issue 4, point 2). The list must stay fast when the pool is national (100,000 people
over 1,000 skills, p50 under 50 ms: bench/staffing_engines.py), so everything here is
vectorised over participants with numpy and scipy.sparse; the only Python loop is over the
top N results, to build their reasons. Pure by design (DESIGN.md §4 "pure engines"): no ORM,
plain arrays in and frozen dataclasses out; the service layer loads the pool and filters who
is eligible (completed training, or about to complete) before calling `rank_participants`.

Scoring formula (all weights are the named constants below; scores are in 0–100)::

    For each requirement j (skill s_j, minimum level m_j, required or nice-to-have):
        credit_ij = min(level_i(s_j) / m_j, 1)          partial credit below the minimum
        w_j       = REQUIRED_WEIGHT or NICE_TO_HAVE_WEIGHT
    skill_fit_i        = Σ_j w_j · credit_ij / Σ_j w_j          (1 with no requirements)
    certificate_fit_i  = Σ_j w_j · [certified_i(s_j)] / Σ_j w_j (0 with no requirements)
    availability_fit_i = min(available_hours_i / hours_per_week, 1)   (1 if the project
                         asks for 0 h)
    evaluation_fit_i   = (average_i − 1) / 3 on the 1–4 scale, EVALUATION_NEUTRAL_FIT when
                         the person has no evaluation yet (a newcomer is neither good nor bad)
    base_i  = SKILL_WEIGHT · skill_fit + AVAILABILITY_WEIGHT · availability_fit
            + CERTIFICATE_WEIGHT · certificate_fit + EVALUATION_WEIGHT · evaluation_fit
            + RESIDENCE_WEIGHT · [lives in the region]                (weights sum to 100)
    score_i = max(0, base_i − MISSING_REQUIRED_PENALTY · (required skills below minimum)
                            − WORKLOAD_PENALTY · min(current_projects_i, WORKLOAD_PENALTY_CAP))

Why these choices: a required skill below its minimum does not disqualify the person (a
level-2 person may still be the best the region has for a level-3 need, and training can
close the gap), but it costs partial credit *and* a flat penalty, and it is listed as
missing so the operator decides knowingly. People already on a project rank lower so that
work spreads over the region's residents (the program's aim is raising their income), but
they are not hidden. Ties are broken by participant id so the ranking is reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

MIN_LEVEL = 1
MAX_LEVEL = 4

# Weights of the base score; they sum to 100 so a perfect, free, resident, top-rated person
# with every certificate scores 100.
SKILL_WEIGHT = 50.0
AVAILABILITY_WEIGHT = 20.0
CERTIFICATE_WEIGHT = 10.0
EVALUATION_WEIGHT = 10.0
RESIDENCE_WEIGHT = 10.0
# Relative weight of one requirement inside skill_fit and certificate_fit.
REQUIRED_WEIGHT = 3.0
NICE_TO_HAVE_WEIGHT = 1.0
# Penalties, in score points.
MISSING_REQUIRED_PENALTY = 10.0
WORKLOAD_PENALTY = 15.0
WORKLOAD_PENALTY_CAP = 2  # a third concurrent project costs no more than the second
EVALUATION_NEUTRAL_FIT = 0.5
# Integer scores for the assignment solver (min-cost flow needs integer costs): 0.01 steps.
INTEGER_SCORE_SCALE = 100

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class MatchingInputError(ValueError):
    """Inputs the engine cannot rank (shapes that disagree, levels outside 0–4, …)."""


@dataclass(frozen=True)
class Requirement:
    """One skill a project asks for: its column in the skill matrix and the minimum level."""

    skill: int
    min_level: int
    required: bool = True

    @property
    def weight(self) -> float:
        return REQUIRED_WEIGHT if self.required else NICE_TO_HAVE_WEIGHT


@dataclass(frozen=True)
class ProjectProfile:
    """What ranking needs to know of a project (not the ORM row)."""

    requirements: tuple[Requirement, ...]
    hours_per_week: float


@dataclass(frozen=True)
class ParticipantRecord:
    """One participant as plain data, for building a pool from rows (and for tests)."""

    participant_id: int
    skills: Mapping[int, int]  # skill index → level 1–4
    available_hours: float
    current_projects: int = 0
    resident: bool = True
    evaluation_average: float | None = None
    certificates: frozenset[int] = frozenset()  # skill indices the person holds a tool cert for


@dataclass(frozen=True, eq=False)
class ParticipantPool:
    """Every candidate of a region as columns: row i of each array is one participant.

    `levels` is participants × skills (levels 0–4, 0 meaning none, stored sparse: a person
    has about ten skills out of a thousand); `certificates` has the same shape with 1 where a
    tool certificate counts for that skill. Column (CSC) copies are made once here because
    ranking reads a handful of skill columns over all rows, which CSC does in O(column).
    """

    participant_ids: IntArray
    levels: Any  # scipy.sparse CSR matrix, participants × skills
    available_hours: FloatArray
    current_projects: IntArray
    resident: BoolArray
    evaluation_average: FloatArray  # NaN where the person has no evaluation yet
    certificates: Any = None  # scipy.sparse matrix of 0/1, or None when nobody has one
    _levels_csc: Any = field(init=False, repr=False)
    _certificates_csc: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        count = len(self.participant_ids)
        levels = sparse.csr_matrix(self.levels)
        if levels.shape[0] != count:
            raise MatchingInputError(f"levels has {levels.shape[0]} rows for {count} participants")
        if levels.nnz and (levels.data.min() < 0 or levels.data.max() > MAX_LEVEL):
            raise MatchingInputError(f"skill levels must be 0–{MAX_LEVEL}")
        for name in ("available_hours", "current_projects", "resident", "evaluation_average"):
            if len(getattr(self, name)) != count:
                raise MatchingInputError(f"{name} has {len(getattr(self, name))} rows, not {count}")
        certificates = (
            sparse.csr_matrix(levels.shape, dtype=np.int8)
            if self.certificates is None
            else sparse.csr_matrix(self.certificates)
        )
        if certificates.shape != levels.shape:
            raise MatchingInputError("certificates must have the shape of levels")
        object.__setattr__(self, "levels", levels)
        object.__setattr__(self, "certificates", certificates)
        object.__setattr__(self, "_levels_csc", levels.tocsc())
        object.__setattr__(self, "_certificates_csc", certificates.tocsc())

    @property
    def skill_count(self) -> int:
        return int(self.levels.shape[1])

    def __len__(self) -> int:
        return len(self.participant_ids)

    @classmethod
    def from_records(
        cls, records: Sequence[ParticipantRecord], skill_count: int
    ) -> ParticipantPool:
        """Build the columnar pool from per-person records (loops once, at load time)."""
        rows: list[int] = []
        cols: list[int] = []
        vals: list[int] = []
        cert_rows: list[int] = []
        cert_cols: list[int] = []
        for row, record in enumerate(records):
            for skill, level in record.skills.items():
                if not 0 <= level <= MAX_LEVEL:
                    raise MatchingInputError(
                        f"participant {record.participant_id}: level {level} of skill {skill}"
                    )
                rows.append(row)
                cols.append(skill)
                vals.append(level)
            for skill in record.certificates:
                cert_rows.append(row)
                cert_cols.append(skill)
        shape = (len(records), skill_count)
        levels = sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.int8)
        certificates = sparse.csr_matrix(
            (np.ones(len(cert_rows), dtype=np.int8), (cert_rows, cert_cols)), shape=shape
        )
        return cls(
            participant_ids=np.array([r.participant_id for r in records], dtype=np.int64),
            levels=levels,
            available_hours=np.array([r.available_hours for r in records], dtype=np.float64),
            current_projects=np.array([r.current_projects for r in records], dtype=np.int64),
            resident=np.array([r.resident for r in records], dtype=np.bool_),
            evaluation_average=np.array(
                [np.nan if r.evaluation_average is None else r.evaluation_average for r in records],
                dtype=np.float64,
            ),
            certificates=certificates,
        )

    def columns(self, skills: Sequence[int]) -> tuple[IntArray, BoolArray]:
        """Dense participants × len(skills) levels and certificate flags for these skills."""
        index = np.asarray(skills, dtype=np.int64)
        levels = np.asarray(self._levels_csc[:, index].toarray(), dtype=np.int64)
        certified = np.asarray(self._certificates_csc[:, index].toarray()) > 0
        return levels, certified


@dataclass(frozen=True)
class SkillMatch:
    """A required or nice-to-have skill and the participant's level in it."""

    skill: int
    level: int  # the participant's level (0 = none)
    min_level: int  # the level the project asks for
    required: bool
    certified: bool


@dataclass(frozen=True)
class Candidate:
    """One ranked participant with the reasons an operator sees next to the score."""

    participant_id: int
    score: float  # 0–100, rounded to 2 decimals
    matched_skills: tuple[SkillMatch, ...]  # level ≥ minimum
    missing_skills: tuple[SkillMatch, ...]  # level < minimum (required first)
    certified_skills: tuple[int, ...]  # requirement skills with a tool certificate
    availability_fit: float  # 0–1
    available_hours: float
    current_projects: int
    resident: bool
    evaluation_average: float | None
    reasons: tuple[str, ...]  # stable codes, e.g. "missing_required:12:3"

    @property
    def integer_score(self) -> int:
        """The score as the integer the assignment solver takes."""
        return integer_score(self.score)


def integer_score(score: float) -> int:
    """0–100 float score → integer in 0.01 steps (min-cost flow costs must be integers)."""
    return round(score * INTEGER_SCORE_SCALE)


@dataclass(frozen=True)
class ScoreColumns:
    """The vectorised intermediate results, one entry per participant (for bulk use)."""

    score: FloatArray
    availability_fit: FloatArray
    levels: IntArray  # participants × requirements
    certified: BoolArray  # participants × requirements
    missing_required: IntArray


def _validate_project(project: ProjectProfile, skill_count: int) -> None:
    seen: set[int] = set()
    for requirement in project.requirements:
        if not 0 <= requirement.skill < skill_count:
            raise MatchingInputError(f"skill {requirement.skill} is not in the skill matrix")
        if not MIN_LEVEL <= requirement.min_level <= MAX_LEVEL:
            raise MatchingInputError(
                f"minimum level {requirement.min_level} of skill {requirement.skill} "
                f"is outside {MIN_LEVEL}–{MAX_LEVEL}"
            )
        if requirement.skill in seen:
            raise MatchingInputError(f"skill {requirement.skill} is required twice")
        seen.add(requirement.skill)
    if project.hours_per_week < 0:
        raise MatchingInputError("hours per week cannot be negative")


def score_all(pool: ParticipantPool, project: ProjectProfile) -> ScoreColumns:
    """The score of every participant in the pool, with no loop over participants."""
    _validate_project(project, pool.skill_count)
    requirements = project.requirements
    count = len(pool)
    levels, certified = pool.columns([r.skill for r in requirements])
    if requirements:
        minimum = np.array([r.min_level for r in requirements], dtype=np.float64)
        weight = np.array([r.weight for r in requirements], dtype=np.float64)
        required = np.array([r.required for r in requirements], dtype=np.bool_)
        credit = np.minimum(levels / minimum, 1.0)
        skill_fit = credit @ weight / weight.sum()
        certificate_fit = certified.astype(np.float64) @ weight / weight.sum()
        missing_required = ((levels < minimum) & required).sum(axis=1).astype(np.int64)
    else:
        skill_fit = np.ones(count)
        certificate_fit = np.zeros(count)
        missing_required = np.zeros(count, dtype=np.int64)
    if project.hours_per_week > 0:
        availability_fit = np.clip(pool.available_hours / project.hours_per_week, 0.0, 1.0)
    else:
        availability_fit = np.ones(count)
    evaluation = pool.evaluation_average
    evaluation_fit = np.where(
        np.isnan(evaluation),
        EVALUATION_NEUTRAL_FIT,
        np.clip((evaluation - MIN_LEVEL) / (MAX_LEVEL - MIN_LEVEL), 0.0, 1.0),
    )
    base = (
        SKILL_WEIGHT * skill_fit
        + AVAILABILITY_WEIGHT * availability_fit
        + CERTIFICATE_WEIGHT * certificate_fit
        + EVALUATION_WEIGHT * evaluation_fit
        + RESIDENCE_WEIGHT * pool.resident
    )
    workload = np.minimum(pool.current_projects, WORKLOAD_PENALTY_CAP)
    score = np.maximum(
        base - MISSING_REQUIRED_PENALTY * missing_required - WORKLOAD_PENALTY * workload, 0.0
    )
    return ScoreColumns(
        score=np.round(score, 2),
        availability_fit=availability_fit,
        levels=levels,
        certified=certified,
        missing_required=missing_required,
    )


def top_indices(score: FloatArray, ids: IntArray, limit: int) -> IntArray:
    """Row indices of the `limit` best scores, best first, ties by ascending id.

    argpartition finds the cut in O(n); everything tied with the cut is kept and sorted so
    that which of several equal people makes the list never depends on partition order.
    """
    count = len(score)
    if limit <= 0 or count == 0:
        return np.empty(0, dtype=np.int64)
    if limit < count:
        cut = score[np.argpartition(-score, limit - 1)[limit - 1]]
        chosen = np.flatnonzero(score >= cut)
    else:
        chosen = np.arange(count)
    order = np.lexsort((ids[chosen], -score[chosen]))
    return chosen[order][:limit].astype(np.int64)


def rank_participants(
    pool: ParticipantPool, project: ProjectProfile, limit: int = 20
) -> list[Candidate]:
    """The `limit` best participants for the project, best first, each with reasons."""
    columns = score_all(pool, project)
    best = top_indices(columns.score, pool.participant_ids, limit)
    return [_candidate(pool, project, columns, int(row)) for row in best]


def _candidate(
    pool: ParticipantPool, project: ProjectProfile, columns: ScoreColumns, row: int
) -> Candidate:
    matched: list[SkillMatch] = []
    missing: list[SkillMatch] = []
    certified_skills: list[int] = []
    reasons: list[str] = []
    for j, requirement in enumerate(project.requirements):
        level = int(columns.levels[row, j])
        certified = bool(columns.certified[row, j])
        match = SkillMatch(
            requirement.skill, level, requirement.min_level, requirement.required, certified
        )
        if certified:
            certified_skills.append(requirement.skill)
        if level >= requirement.min_level:
            matched.append(match)
            reasons.append(f"matched:{requirement.skill}:{level}")
        else:
            missing.append(match)
            kind = "missing_required" if requirement.required else "missing_nice"
            reasons.append(f"{kind}:{requirement.skill}:{requirement.min_level}")
    missing.sort(key=lambda m: not m.required)
    availability_fit = float(columns.availability_fit[row])
    current_projects = int(pool.current_projects[row])
    resident = bool(pool.resident[row])
    evaluation = float(pool.evaluation_average[row])
    reasons.extend(f"certified:{skill}" for skill in certified_skills)
    reasons.append(f"availability:{availability_fit:.2f}")
    if current_projects:
        reasons.append(f"busy:{current_projects}")
    reasons.append("resident" if resident else "non_resident")
    if not np.isnan(evaluation):
        reasons.append(f"evaluation:{evaluation:.2f}")
    return Candidate(
        participant_id=int(pool.participant_ids[row]),
        score=float(columns.score[row]),
        matched_skills=tuple(matched),
        missing_skills=tuple(missing),
        certified_skills=tuple(certified_skills),
        availability_fit=availability_fit,
        available_hours=float(pool.available_hours[row]),
        current_projects=current_projects,
        resident=resident,
        evaluation_average=None if np.isnan(evaluation) else evaluation,
        reasons=tuple(reasons),
    )
