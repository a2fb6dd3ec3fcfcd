"""The assignment engine: who goes to which open project, maximising total fit (最適配置).

Issue 4, point 3: for all open projects of a region at once, propose pairs so that the sum
of fit scores is maximal, each project gets at most its headcount, each person at most one
new project and only where feasible (weekly availability ≥ the project's hours, score > 0);
people may stay unassigned. A greedy loop (best pair first) is not optimal, so this is a
min-cost flow solved by OR-Tools (SimpleMinCostFlow)::

    source ──(cap 1, cost 0)──▶ person ──(cap 1, cost −score)──▶ project ──(cap headcount)──▶ sink
                                person ──(cap 1, cost 0, "unassigned")────────────────────▶ sink

The source supplies one unit per person and the sink takes them all, so a flow always exists
(the unassigned arc) and the minimum cost is minus the best total score. Integer flows are
guaranteed by the network's integer capacities, so each person's unit goes to exactly one
project or stays unassigned.

Input is sparse candidate pairs (person, project, integer score), usually each person's
top-k projects from the matching engine, so 100,000 people × 10,000 projects is about two
million arcs rather than a billion (bench/staffing_engines.py: target under 10 s). Arcs are
added and read back as numpy arrays; there is no Python loop over pairs. Pure by design
(DESIGN.md §4): ids are whatever integers the caller uses (participant and project pks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class AssignmentInputError(ValueError):
    """Inputs the solver cannot take (arrays of different lengths, negative headcount, …)."""


class AssignmentSolverError(RuntimeError):
    """OR-Tools did not report an optimum (should not happen: the network is always feasible)."""


@dataclass(frozen=True, eq=False)
class AssignmentProblem:
    """Projects, people and candidate pairs as parallel arrays.

    `person_ids` lists everyone to consider (someone with no candidate pair ends up
    unassigned); `available_hours` and `hours_per_week` are optional: when both are given,
    pairs whose person has fewer weekly hours than the project needs are infeasible.
    """

    project_ids: IntArray
    headcounts: IntArray
    person_ids: IntArray
    pair_persons: IntArray
    pair_projects: IntArray
    pair_scores: IntArray
    hours_per_week: FloatArray | None = None  # per project
    available_hours: FloatArray | None = None  # per person

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[int, int, int]],
        headcounts: Mapping[int, int],
        *,
        persons: Iterable[int] | None = None,
        hours_per_week: Mapping[int, float] | None = None,
        available_hours: Mapping[int, float] | None = None,
    ) -> AssignmentProblem:
        """Build from (person, project, score) tuples and mappings (convenient, not bulk)."""
        pair_list = list(pairs)
        project_ids = np.array(sorted(headcounts), dtype=np.int64)
        person_set = {p for p, _, _ in pair_list} | set(persons or ())
        if available_hours is not None:
            person_set |= set(available_hours)
        person_ids = np.array(sorted(person_set), dtype=np.int64)
        return cls(
            project_ids=project_ids,
            headcounts=np.array([headcounts[p] for p in project_ids], dtype=np.int64),
            person_ids=person_ids,
            pair_persons=np.array([p for p, _, _ in pair_list], dtype=np.int64),
            pair_projects=np.array([q for _, q, _ in pair_list], dtype=np.int64),
            pair_scores=np.array([s for _, _, s in pair_list], dtype=np.int64),
            hours_per_week=None
            if hours_per_week is None
            else np.array([hours_per_week[p] for p in project_ids], dtype=np.float64),
            available_hours=None
            if available_hours is None
            else np.array([available_hours.get(p, 0.0) for p in person_ids], dtype=np.float64),
        )


@dataclass(frozen=True)
class AssignedPair:
    person: int
    project: int
    score: int


@dataclass(frozen=True)
class AssignmentResult:
    """The proposal: pairs (sorted by project, then person), their total, who stays free."""

    pairs: tuple[AssignedPair, ...]
    total_score: int
    unassigned: tuple[int, ...]


def _check(problem: AssignmentProblem) -> None:
    if len(problem.project_ids) != len(problem.headcounts):
        raise AssignmentInputError("project_ids and headcounts differ in length")
    if not len(problem.pair_persons) == len(problem.pair_projects) == len(problem.pair_scores):
        raise AssignmentInputError("pair arrays differ in length")
    if (problem.headcounts < 0).any():
        raise AssignmentInputError("a headcount cannot be negative")
    if len(np.unique(problem.project_ids)) != len(problem.project_ids):
        raise AssignmentInputError("a project is listed twice")
    if len(np.unique(problem.person_ids)) != len(problem.person_ids):
        raise AssignmentInputError("a person is listed twice")
    if problem.hours_per_week is not None and len(problem.hours_per_week) != len(
        problem.project_ids
    ):
        raise AssignmentInputError("hours_per_week must have one entry per project")
    if problem.available_hours is not None and len(problem.available_hours) != len(
        problem.person_ids
    ):
        raise AssignmentInputError("available_hours must have one entry per person")


def _lookup(ids: IntArray, wanted: IntArray) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Positions of `wanted` in `ids` (vectorised), and which of them were found."""
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    pos = np.searchsorted(sorted_ids, wanted)
    pos_clipped = np.minimum(pos, max(len(ids) - 1, 0))
    found = (
        (pos < len(ids)) & (sorted_ids[pos_clipped] == wanted)
        if len(ids)
        else np.zeros(len(wanted), dtype=np.bool_)
    )
    return order[pos_clipped].astype(np.int64) if len(ids) else pos.astype(np.int64), found


def feasible_pairs(problem: AssignmentProblem) -> tuple[IntArray, IntArray, IntArray]:
    """(person index, project index, score) of the pairs the solver may choose.

    Dropped: score ≤ 0, unknown person or project, a project with headcount 0, and pairs
    whose person has fewer available hours than the project needs. A pair given twice keeps
    its best score.
    """
    _check(problem)
    person_index, person_found = _lookup(problem.person_ids, problem.pair_persons)
    project_index, project_found = _lookup(problem.project_ids, problem.pair_projects)
    keep = person_found & project_found & (problem.pair_scores > 0)
    person_index, project_index = person_index[keep], project_index[keep]
    scores = problem.pair_scores[keep]
    keep = problem.headcounts[project_index] > 0
    if problem.hours_per_week is not None and problem.available_hours is not None:
        keep &= problem.available_hours[person_index] >= problem.hours_per_week[project_index]
    person_index, project_index, scores = person_index[keep], project_index[keep], scores[keep]
    # Duplicates: sort by (person, project, −score) and keep the first of each pair.
    order = np.lexsort((-scores, project_index, person_index))
    person_index, project_index, scores = person_index[order], project_index[order], scores[order]
    first = np.ones(len(scores), dtype=np.bool_)
    first[1:] = (person_index[1:] != person_index[:-1]) | (project_index[1:] != project_index[:-1])
    return person_index[first], project_index[first], scores[first]


def solve_assignment(problem: AssignmentProblem) -> AssignmentResult:
    """The optimal proposal (maximal total score) for the problem, by min-cost flow."""
    persons, projects, scores = feasible_pairs(problem)
    person_count = len(problem.person_ids)
    project_count = len(problem.project_ids)
    if person_count == 0:
        return AssignmentResult(pairs=(), total_score=0, unassigned=())
    # Nodes: 0 = source, 1..P = people, P+1..P+Q = projects, P+Q+1 = sink.
    source, sink = 0, person_count + project_count + 1
    person_nodes = np.arange(1, person_count + 1, dtype=np.int64)
    project_nodes = np.arange(person_count + 1, person_count + project_count + 1, dtype=np.int64)
    ones = np.ones(person_count, dtype=np.int64)
    zeros = np.zeros(person_count, dtype=np.int64)
    tails = np.concatenate(
        [
            np.full(person_count, source, dtype=np.int64),  # source → person
            person_nodes,  # person → sink (unassigned)
            project_nodes,  # project → sink
            person_nodes[persons],  # person → project
        ]
    )
    heads = np.concatenate(
        [
            person_nodes,
            np.full(person_count, sink, dtype=np.int64),
            np.full(project_count, sink, dtype=np.int64),
            project_nodes[projects],
        ]
    )
    capacities = np.concatenate(
        [ones, ones, problem.headcounts.astype(np.int64), np.ones(len(scores), dtype=np.int64)]
    )
    costs = np.concatenate([zeros, zeros, np.zeros(project_count, dtype=np.int64), -scores])
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_node_supply(source, person_count)
    flow.set_node_supply(sink, -person_count)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise AssignmentSolverError(f"min-cost flow ended with status {status}")
    pair_arcs = arcs[2 * person_count + project_count :]
    chosen = np.flatnonzero(flow.flows(pair_arcs) > 0) if len(pair_arcs) else np.empty(0, int)
    chosen_persons = problem.person_ids[persons[chosen]]
    chosen_projects = problem.project_ids[projects[chosen]]
    chosen_scores = scores[chosen]
    order = np.lexsort((chosen_persons, chosen_projects))
    pairs = tuple(
        AssignedPair(int(p), int(q), int(s))
        for p, q, s in zip(
            chosen_persons[order].tolist(),
            chosen_projects[order].tolist(),
            chosen_scores[order].tolist(),
            strict=True,
        )
    )
    assigned = np.zeros(person_count, dtype=np.bool_)
    assigned[persons[chosen]] = True
    total = int(chosen_scores.sum())
    if total != -flow.optimal_cost():
        raise AssignmentSolverError("flows and optimal cost disagree")
    unassigned = tuple(int(p) for p in np.sort(problem.person_ids[~assigned]).tolist())
    return AssignmentResult(pairs=pairs, total_score=total, unassigned=unassigned)
