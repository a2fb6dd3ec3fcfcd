"""The matching engine on small pools whose ranking can be checked by hand (no database)."""

from __future__ import annotations

import numpy as np
import pytest

from sousei.projects.matching import (
    AVAILABILITY_WEIGHT,
    EVALUATION_NEUTRAL_FIT,
    EVALUATION_WEIGHT,
    MISSING_REQUIRED_PENALTY,
    RESIDENCE_WEIGHT,
    SKILL_WEIGHT,
    MatchingInputError,
    ParticipantPool,
    ParticipantRecord,
    ProjectProfile,
    Requirement,
    rank_participants,
    score_all,
)

SKILLS = 10
PYTHON, DJANGO, SQL, DESIGN = 0, 1, 2, 3
PROJECT = ProjectProfile(
    requirements=(
        Requirement(PYTHON, 3, required=True),
        Requirement(DJANGO, 2, required=True),
        Requirement(DESIGN, 2, required=False),
    ),
    hours_per_week=20,
)


def person(pid: int, skills: dict[int, int], **kwargs: object) -> ParticipantRecord:
    values: dict[str, object] = {"available_hours": 20.0, **kwargs}
    return ParticipantRecord(pid, skills, **values)  # type: ignore[arg-type]


def rank(*records: ParticipantRecord, project: ProjectProfile = PROJECT, limit: int = 20):
    return rank_participants(ParticipantPool.from_records(records, SKILLS), project, limit)


def test_perfect_match_outranks_partial_one() -> None:
    ranked = rank(
        person(1, {PYTHON: 2, DJANGO: 2}),
        person(2, {PYTHON: 4, DJANGO: 3, DESIGN: 2}),
    )
    assert [c.participant_id for c in ranked] == [2, 1]
    best = ranked[0]
    assert not best.missing_skills
    assert {(m.skill, m.level) for m in best.matched_skills} == {
        (PYTHON, 4),
        (DJANGO, 3),
        (DESIGN, 2),
    }
    # Hand-checked: full skills, full availability, resident, no evaluation, no certificate.
    expected = SKILL_WEIGHT + AVAILABILITY_WEIGHT + RESIDENCE_WEIGHT
    expected += EVALUATION_WEIGHT * EVALUATION_NEUTRAL_FIT
    assert best.score == pytest.approx(expected)


def test_missing_required_skill_is_reported_and_lowers_but_does_not_disqualify() -> None:
    ranked = rank(person(1, {PYTHON: 2, DJANGO: 2, DESIGN: 2}))
    assert len(ranked) == 1
    (candidate,) = ranked
    (missing,) = candidate.missing_skills
    assert (missing.skill, missing.level, missing.min_level, missing.required) == (
        PYTHON,
        2,
        3,
        True,
    )
    assert "missing_required:0:3" in candidate.reasons
    # Skill fit: Python 2/3 credit at weight 3, Django and Design full: (2 + 3 + 1) / 7.
    skill_fit = (3 * 2 / 3 + 3 + 1) / 7
    expected = (
        SKILL_WEIGHT * skill_fit
        + AVAILABILITY_WEIGHT
        + RESIDENCE_WEIGHT
        + EVALUATION_WEIGHT * EVALUATION_NEUTRAL_FIT
        - MISSING_REQUIRED_PENALTY
    )
    assert candidate.score == pytest.approx(expected, abs=0.01)


def test_missing_nice_to_have_is_listed_after_required() -> None:
    (candidate,) = rank(person(1, {DJANGO: 1}))
    assert [(m.skill, m.required) for m in candidate.missing_skills] == [
        (PYTHON, True),
        (DJANGO, True),
        (DESIGN, False),
    ]
    assert "missing_nice:3:2" in candidate.reasons


def test_busy_person_ranks_below_an_equal_free_one() -> None:
    skills = {PYTHON: 3, DJANGO: 2}
    ranked = rank(person(1, skills, current_projects=1), person(2, skills))
    assert [c.participant_id for c in ranked] == [2, 1]
    assert ranked[0].score > ranked[1].score
    assert "busy:1" in ranked[1].reasons


def test_availability_below_project_hours_lowers_fit() -> None:
    skills = {PYTHON: 3, DJANGO: 2}
    ranked = rank(person(1, skills, available_hours=10.0), person(2, skills, available_hours=30.0))
    assert [c.participant_id for c in ranked] == [2, 1]
    assert ranked[0].availability_fit == 1.0
    assert ranked[1].availability_fit == pytest.approx(0.5)
    assert ranked[0].score - ranked[1].score == pytest.approx(AVAILABILITY_WEIGHT * 0.5)


def test_residence_certificates_and_evaluation_raise_the_score() -> None:
    skills = {PYTHON: 3, DJANGO: 2}
    ranked = rank(
        person(1, skills, resident=False),
        person(2, skills),
        person(3, skills, certificates=frozenset({PYTHON})),
        person(4, skills, evaluation_average=4.0),
    )
    assert ranked[-1].participant_id == 1
    certified = next(c for c in ranked if c.participant_id == 3)
    assert certified.certified_skills == (PYTHON,)
    assert "certified:0" in certified.reasons
    top_rated = next(c for c in ranked if c.participant_id == 4)
    plain = next(c for c in ranked if c.participant_id == 2)
    assert top_rated.score > plain.score


def test_ties_break_by_participant_id_and_limit_cuts() -> None:
    skills = {PYTHON: 3, DJANGO: 2}
    ranked = rank(*(person(pid, skills) for pid in (9, 3, 7, 5)), limit=3)
    assert [c.participant_id for c in ranked] == [3, 5, 7]


def test_score_is_never_negative() -> None:
    project = ProjectProfile(tuple(Requirement(s, 4) for s in range(6)), hours_per_week=40)
    (candidate,) = rank(
        person(1, {}, available_hours=0.0, resident=False, current_projects=3), project=project
    )
    assert candidate.score == 0.0


def test_vectorised_scores_match_ranked_scores_on_a_random_pool() -> None:
    rng = np.random.default_rng(7)
    records = [
        person(
            pid,
            {int(s): int(rng.integers(1, 5)) for s in rng.choice(SKILLS, 4, replace=False)},
            available_hours=float(rng.integers(0, 41)),
            current_projects=int(rng.integers(0, 3)),
            resident=bool(rng.random() < 0.7),
        )
        for pid in range(200)
    ]
    pool = ParticipantPool.from_records(records, SKILLS)
    ranked = rank_participants(pool, PROJECT, limit=200)
    columns = score_all(pool, PROJECT)
    assert [c.score for c in ranked] == sorted(columns.score.tolist(), reverse=True)
    assert all(0 <= c.score <= 100 for c in ranked)


@pytest.mark.parametrize(
    "project",
    [
        ProjectProfile((Requirement(SKILLS, 1),), 10),
        ProjectProfile((Requirement(0, 5),), 10),
        ProjectProfile((Requirement(0, 1), Requirement(0, 2)), 10),
    ],
)
def test_invalid_projects_are_refused(project: ProjectProfile) -> None:
    with pytest.raises(MatchingInputError):
        rank(person(1, {}), project=project)


def test_levels_outside_range_are_refused() -> None:
    with pytest.raises(MatchingInputError):
        ParticipantPool.from_records([person(1, {0: 5})], SKILLS)
