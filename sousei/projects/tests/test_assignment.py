"""The assignment solver against brute force on small random instances (no database)."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from sousei.projects.assignment import (
    AssignmentInputError,
    AssignmentProblem,
    solve_assignment,
)

INSTANCES = 200


def random_problem(rng: random.Random) -> AssignmentProblem:
    """≤ 6 people, ≤ 3 projects, headcounts 1–2, some zero scores and short availability."""
    people = list(range(1, rng.randint(1, 6) + 1))
    projects = list(range(101, 101 + rng.randint(1, 3)))
    pairs = [
        (p, q, rng.choice([0, *range(1, 30)]))
        for p in people
        for q in projects
        if rng.random() < 0.75
    ]
    return AssignmentProblem.from_pairs(
        pairs,
        {q: rng.randint(1, 2) for q in projects},
        persons=people,
        hours_per_week={q: rng.choice([10.0, 20.0, 30.0]) for q in projects},
        available_hours={p: rng.choice([5.0, 10.0, 20.0, 40.0]) for p in people},
    )


def feasible_scores(problem: AssignmentProblem) -> dict[tuple[int, int], int]:
    assert problem.hours_per_week is not None
    assert problem.available_hours is not None
    hours = dict(zip(problem.project_ids.tolist(), problem.hours_per_week.tolist(), strict=True))
    available = dict(
        zip(problem.person_ids.tolist(), problem.available_hours.tolist(), strict=True)
    )
    return {
        (p, q): s
        for p, q, s in zip(
            problem.pair_persons.tolist(),
            problem.pair_projects.tolist(),
            problem.pair_scores.tolist(),
            strict=True,
        )
        if s > 0 and available[p] >= hours[q]
    }


def brute_force(problem: AssignmentProblem) -> int:
    """Best total over every way of giving each person one project or none."""
    scores = feasible_scores(problem)
    capacity = dict(zip(problem.project_ids.tolist(), problem.headcounts.tolist(), strict=True))
    options = [None, *capacity]
    best = 0
    people = problem.person_ids.tolist()
    for choice in itertools.product(options, repeat=len(people)):
        if any(choice.count(q) > capacity[q] for q in capacity):
            continue
        if any(q is not None and (p, q) not in scores for p, q in zip(people, choice, strict=True)):
            continue
        total = sum(scores[(p, q)] for p, q in zip(people, choice, strict=True) if q is not None)
        best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(INSTANCES))
def test_optimum_equals_brute_force_and_constraints_hold(seed: int) -> None:
    problem = random_problem(random.Random(seed))
    result = solve_assignment(problem)
    assert result.total_score == brute_force(problem)
    scores = feasible_scores(problem)
    # Only feasible pairs, with their own scores, and the total adds up.
    for pair in result.pairs:
        assert scores.get((pair.person, pair.project)) == pair.score
    assert sum(pair.score for pair in result.pairs) == result.total_score
    # One project per person; at most the headcount per project.
    assigned = [pair.person for pair in result.pairs]
    assert len(assigned) == len(set(assigned))
    capacity = dict(zip(problem.project_ids.tolist(), problem.headcounts.tolist(), strict=True))
    for project, headcount in capacity.items():
        assert sum(pair.project == project for pair in result.pairs) <= headcount
    # Everyone is either assigned or listed as unassigned, never both.
    assert sorted(assigned + list(result.unassigned)) == sorted(problem.person_ids.tolist())


def test_greedy_is_beaten() -> None:
    """Greedy takes (1, A, 10) first and leaves 2 with nothing; the optimum is 9 + 8."""
    problem = AssignmentProblem.from_pairs(
        [(1, 100, 10), (1, 200, 9), (2, 100, 8)], {100: 1, 200: 1}
    )
    result = solve_assignment(problem)
    assert result.total_score == 17
    assert {(p.person, p.project) for p in result.pairs} == {(1, 200), (2, 100)}
    assert result.unassigned == ()


def test_infeasible_pairs_are_never_chosen() -> None:
    problem = AssignmentProblem.from_pairs(
        [(1, 100, 50), (2, 100, 0), (3, 100, -5), (4, 300, 9)],
        {100: 3, 300: 0},
        hours_per_week={100: 20.0, 300: 10.0},
        available_hours={1: 19.5, 2: 40.0, 3: 40.0, 4: 40.0},
    )
    result = solve_assignment(problem)
    assert result.pairs == ()
    assert result.total_score == 0
    assert result.unassigned == (1, 2, 3, 4)


def test_duplicate_pair_keeps_best_score_and_unknown_ids_are_ignored() -> None:
    problem = AssignmentProblem.from_pairs([(1, 100, 3), (1, 100, 7), (2, 999, 50)], {100: 1})
    result = solve_assignment(problem)
    assert result.total_score == 7
    assert result.unassigned == (2,)


def test_empty_problem() -> None:
    result = solve_assignment(AssignmentProblem.from_pairs([], {}))
    assert (result.pairs, result.total_score, result.unassigned) == ((), 0, ())


def test_mismatched_arrays_are_refused() -> None:
    ids = np.array([1], dtype=np.int64)
    with pytest.raises(AssignmentInputError):
        solve_assignment(
            AssignmentProblem(
                project_ids=ids,
                headcounts=np.array([1, 2], dtype=np.int64),
                person_ids=ids,
                pair_persons=ids,
                pair_projects=ids,
                pair_scores=ids,
            )
        )
