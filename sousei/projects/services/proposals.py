"""The optimal staffing proposal for all open projects at once (最適配置), and accepting it.

`proposal_create` ranks the region's people for every open project (the matching engine),
keeps each project's best `PAIRS_PER_PLACE` × open places as candidate pairs, and lets the
min-cost-flow solver pick the pairs with the largest total fit: each project at most its
open places, each person at most one new project and only where their free weekly hours
cover the project's. The proposal and its pairs (with the reasons) are stored so the
operator can review them and accept all or some; accepting creates the assignments through
`assignment_create`, so headcount, minimum wage and duplicates are checked again then.
"""

from __future__ import annotations

import time
from collections.abc import Collection

import numpy as np
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.projects.assignment import AssignmentProblem, solve_assignment
from sousei.projects.matching import Candidate, rank_participants
from sousei.projects.models import (
    AssignmentProposal,
    AssignmentStatus,
    ClientProject,
    ProjectStatus,
    ProposalPair,
    ProposalStatus,
)
from sousei.projects.selectors.matching import candidate_reasons, matching_pool, project_profile
from sousei.projects.services.assignments import AssignmentInput, assignment_create

# How many ranked people per open place become candidate pairs for the solver: enough that
# the optimum is not cut off in practice, few enough that a national pool stays sparse.
PAIRS_PER_PLACE = 10
MIN_PAIRS_PER_PROJECT = 30


def open_projects_with_places() -> list[tuple[ClientProject, int]]:
    """Open projects that have not ended, with their free places (headcount − active)."""
    today = clock.today()
    projects = (
        ClientProject.objects.filter(status=ProjectStatus.OPEN, ends_on__gte=today)
        .annotate(
            active=Count("assignments", filter=Q(assignments__status=AssignmentStatus.ACTIVE))
        )
        .prefetch_related("skills")
        .order_by("pk")
    )
    return [(p, p.headcount - p.active) for p in projects if p.headcount > p.active]


def proposal_create(
    *, region: Region, actor: User, include_gone: bool = False
) -> AssignmentProposal:
    """Solve and store the proposal; earlier open proposals are superseded. People who
    left, moved away or work elsewhere are left out unless `include_gone`."""
    started = time.perf_counter()
    region_pool = matching_pool(region=region, include_gone=include_gone)
    pool = region_pool.pool
    projects = open_projects_with_places()
    ranked: dict[tuple[int, int], Candidate] = {}
    for project, places in projects:
        profile = project_profile(project, region_pool)
        limit = max(MIN_PAIRS_PER_PROJECT, PAIRS_PER_PLACE * places)
        for candidate in rank_participants(pool, profile, limit=limit):
            if candidate.score > 0:
                ranked[(candidate.participant_id, project.pk)] = candidate
    keys = list(ranked)
    problem = AssignmentProblem(
        project_ids=np.array([p.pk for p, _ in projects], dtype=np.int64),
        headcounts=np.array([places for _, places in projects], dtype=np.int64),
        person_ids=np.asarray(pool.participant_ids, dtype=np.int64),
        pair_persons=np.array([person for person, _ in keys], dtype=np.int64),
        pair_projects=np.array([project for _, project in keys], dtype=np.int64),
        pair_scores=np.array([ranked[key].integer_score for key in keys], dtype=np.int64),
        hours_per_week=np.array([p.hours_per_week for p, _ in projects], dtype=np.float64),
        available_hours=np.asarray(pool.available_hours, dtype=np.float64),
    )
    result = solve_assignment(problem)
    chosen = [ranked[(pair.person, pair.project)] for pair in result.pairs]
    reasons = candidate_reasons(chosen, region_pool)
    solve_ms = round((time.perf_counter() - started) * 1000)
    with transaction.atomic():
        AssignmentProposal.objects.filter(status=ProposalStatus.OPEN).update(
            status=ProposalStatus.SUPERSEDED
        )
        proposal = AssignmentProposal.objects.create(
            region=region,
            total_score=result.total_score,
            project_count=len(projects),
            candidate_count=len(pool),
            unassigned=[int(person) for person in result.unassigned],
            solve_ms=solve_ms,
            created_by=actor,
        )
        ProposalPair.objects.bulk_create(
            ProposalPair(
                region=region,
                proposal=proposal,
                project_id=pair.project,
                participant_id=pair.person,
                score=pair.score,
                reasons=reasons[pair.person],
            )
            for pair in result.pairs
        )
        audit_record(
            region=region,
            actor=actor,
            action="proposal.create",
            obj=proposal,
            changes={
                "pairs": len(result.pairs),
                "total_score": result.total_score,
                "projects": len(projects),
                "people": len(pool),
            },
        )
    return proposal


def proposal_accept(
    *,
    region: Region,
    proposal_id: int,
    actor: User,
    pairs: Collection[tuple[int, int]] | None = None,
) -> list[int]:
    """Accept the whole proposal, or only the (project_id, participant_id) pairs given.

    All or nothing: if one pair can no longer be staffed (the project filled up meanwhile,
    the rate is below a new minimum wage…), nothing is created and the error names the pair.
    Returns the new assignments' ids.
    """
    with transaction.atomic():
        proposal = AssignmentProposal.objects.select_for_update().filter(pk=proposal_id).first()
        if proposal is None:
            raise Http404("No such proposal.")
        if proposal.status != ProposalStatus.OPEN:
            raise Conflict(
                _("This proposal is %(status)s; make a new one to staff the open projects."),
                status=proposal.get_status_display(),
            )
        available = {
            (pair.project_id, pair.participant_id): pair
            for pair in proposal.pairs.select_related("project")
        }
        wanted = set(available) if pairs is None else set(pairs)
        unknown = wanted - set(available)
        if unknown:
            raise ValidationError(
                {
                    "pairs": ValidationError(
                        _(
                            "These pairs are not in the proposal: %(pairs)s. Accept only pairs "
                            "it lists."
                        ),
                        code="not_proposed",
                        params={
                            "pairs": ", ".join(
                                f"project {project} × participant {person}"
                                for project, person in sorted(unknown)
                            )
                        },
                    )
                }
            )
        if not wanted:
            raise ValidationError(
                {"pairs": ValidationError(_("Choose at least one pair to accept."), "required")}
            )
        today = clock.today()
        created: list[int] = []
        for key in sorted(wanted):
            pair = available[key]
            project = pair.project
            assignment = assignment_create(
                region=region,
                data=AssignmentInput(
                    project_id=project.pk,
                    participant_id=pair.participant_id,
                    starts_on=max(project.starts_on, today),
                    ends_on=project.ends_on,
                    hourly_rate_jpy=project.hourly_rate_jpy,
                ),
                actor=actor,
            )
            pair.assignment = assignment
            pair.save(update_fields=["assignment"])
            created.append(assignment.pk)
        proposal.status = (
            ProposalStatus.ACCEPTED
            if len(wanted) == len(available)
            else ProposalStatus.PARTLY_ACCEPTED
        )
        proposal.save(update_fields=["status"])
        audit_record(
            region=region,
            actor=actor,
            action="proposal.accept",
            obj=proposal,
            changes={"accepted": len(wanted), "proposed": len(available)},
        )
    return created
