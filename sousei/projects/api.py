"""Projects, candidates, assignment proposals and assignments.

Operators create and staff projects; client users read their companies' projects and the
people on them; participants read their own assignments (sousei/projects/access.py).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from sousei.core.access import region_context
from sousei.core.bounds import Id, Slug, Word
from sousei.core.http import signed_in
from sousei.core.provision import ProvisionChannel
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.projects.access import assignment_visible, staffing_reader
from sousei.projects.models import Assignment, AssignmentProposal, ClientProject
from sousei.projects.provision import client_provision
from sousei.projects.schemas import (
    AcceptedOut,
    AcceptIn,
    AssignmentIn,
    AssignmentOut,
    CandidateOut,
    CandidatesQuery,
    EndIn,
    ProjectIn,
    ProjectOut,
    ProposalOut,
    ProposalQuery,
    RateIn,
)
from sousei.projects.selectors import projects as selectors
from sousei.projects.selectors.matching import CandidateView, project_candidates
from sousei.projects.services.assignments import (
    AssignmentInput,
    assignment_create,
    assignment_end,
    assignment_rate_change,
)
from sousei.projects.services.projects import ProjectInput, project_create, skill_needs_by_code
from sousei.projects.services.proposals import proposal_accept, proposal_create

API = ProvisionChannel.API
router = Router(tags=["projects"])
OPERATORS = {Role.OPERATOR}
PROJECT_READERS = {Role.OPERATOR, Role.CLIENT}
ASSIGNMENT_READERS = {Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT}


def project_body(project: ClientProject) -> dict[str, Any]:
    return {
        "id": project.pk,
        "client_id": project.client_id,
        "client": project.client.name,
        "title": project.title,
        "description": project.description,
        "skills": [
            {
                "code": need.skill.code,
                "name": need.skill.name_ja,
                "min_level": need.min_level,
                "required": need.required,
            }
            for need in project.skills.all()
        ],
        "tools": [tool.name for tool in project.tools.all()],
        "headcount": project.headcount,
        "staffed": getattr(project, "active_count", 0),
        "hours_per_week": project.hours_per_week,
        "start_date": project.starts_on,
        "end_date": project.ends_on,
        "place": project.place,
        "place_note": project.place_note,
        "hourly_rate_jpy": project.hourly_rate_jpy,
        "status": project.status,
    }


def candidate_body(view: CandidateView) -> dict[str, Any]:
    def skills(items: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "code": s.code,
                "name": s.name,
                "level": s.level,
                "min_level": s.min_level,
                "required": s.required,
                "certified": s.certified,
            }
            for s in items
        ]

    return {
        "participant_id": view.participant_id,
        "name": view.name,
        "score": view.score,
        "matched_skills": skills(view.matched_skills),
        "missing_skills": skills(view.missing_skills),
        "availability_fit": view.availability_fit,
        "available_hours": view.available_hours,
        "current_projects": view.current_projects,
        "resident": view.resident,
        "evaluation_average": view.evaluation_average,
        "reasons": view.reasons,
    }


def proposal_body(proposal: AssignmentProposal) -> dict[str, Any]:
    return {
        "id": proposal.pk,
        "status": proposal.status,
        "pairs": [
            {
                "project_id": pair.project_id,
                "participant_id": pair.participant_id,
                "score": pair.score,
                "reasons": pair.reasons,
                "assignment_id": pair.assignment_id,
            }
            for pair in selectors.proposal_pairs(proposal=proposal)
        ],
        "total_score": proposal.total_score,
        "unassigned": proposal.unassigned,
        "solve_ms": proposal.solve_ms,
    }


def assignment_body(assignment: Assignment) -> dict[str, Any]:
    person = assignment.participant.person
    return {
        "id": assignment.pk,
        "project_id": assignment.project_id,
        "project": assignment.project.title,
        "client": assignment.project.client.name,
        "participant_id": assignment.participant_id,
        "participant": f"{person.family_name} {person.given_name}",
        "start_date": assignment.starts_on,
        "end_date": assignment.ends_on,
        "status": assignment.status,
        "hourly_rate_jpy": selectors.current_rate(assignment),
        "rates": [
            {"effective_from": r.effective_from, "hourly_rate_jpy": r.hourly_rate_jpy}
            for r in assignment.rates.all()
        ],
    }


@router.post(
    "/regions/{slug}/projects",
    auth=signed_in,
    response={201: ProjectOut, 422: ErrorOut},
    summary="Create a client project (the rate must reach the minimum wage on its start date)",
)
def project_create_endpoint(request: HttpRequest, slug: Slug, payload: ProjectIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        project = project_create(
            region=region,
            data=ProjectInput(
                client_id=payload.client_id,
                title=payload.title,
                description=payload.description,
                skills=skill_needs_by_code(
                    [(n.code, n.min_level, n.required) for n in payload.skills]
                ),
                tool_ids=tuple(payload.tool_ids),
                headcount=payload.headcount,
                hours_per_week=payload.hours_per_week,
                starts_on=payload.start_date,
                ends_on=payload.end_date,
                place=payload.place,
                place_note=payload.place_note,
                hourly_rate_jpy=payload.hourly_rate_jpy,
            ),
            actor=request.user,  # type: ignore[arg-type]
        )
        reader = staffing_reader(request, region)
        return Status(
            201, project_body(selectors.project_get(reader=reader, project_id=project.pk))
        )


@router.get(
    "/regions/{slug}/projects",
    auth=signed_in,
    response=list[ProjectOut],
    summary="Projects: all for operators, their companies' for client users",
)
def project_list_endpoint(request: HttpRequest, slug: Slug, status: Word | None = None):
    with region_context(request, slug, roles=PROJECT_READERS) as region:
        reader = staffing_reader(request, region)
        return [project_body(p) for p in selectors.project_list(reader=reader, status=status)]


@router.get(
    "/regions/{slug}/projects/{project_id}",
    auth=signed_in,
    response=ProjectOut,
    summary="One project",
)
def project_detail_endpoint(request: HttpRequest, slug: Slug, project_id: Id):
    with region_context(request, slug, roles=PROJECT_READERS) as region:
        reader = staffing_reader(request, region)
        return project_body(selectors.project_get(reader=reader, project_id=project_id))


@router.get(
    "/regions/{slug}/projects/{project_id}/candidates",
    auth=signed_in,
    response=list[CandidateOut],
    summary="The region's participants ranked by fit for the project, best first, with reasons",
)
def project_candidates_endpoint(
    request: HttpRequest, slug: Slug, project_id: Id, query: Query[CandidatesQuery]
):
    with region_context(request, slug, roles=OPERATORS) as region:
        reader = staffing_reader(request, region)
        project = selectors.project_get(reader=reader, project_id=project_id)
        candidates = project_candidates(
            region=region, project=project, limit=query.limit, include_gone=query.include_gone
        )
        return [candidate_body(v) for v in candidates]


@router.post(
    "/regions/{slug}/assignment-proposals",
    auth=signed_in,
    response={201: ProposalOut},
    summary="Propose the optimal staffing of all open projects (min-cost flow)",
)
def proposal_create_endpoint(request: HttpRequest, slug: Slug, query: Query[ProposalQuery]):
    with region_context(request, slug, roles=OPERATORS) as region:
        proposal = proposal_create(
            region=region,
            actor=request.user,  # type: ignore[arg-type]
            include_gone=query.include_gone,
        )
        return Status(201, proposal_body(proposal))


@router.get(
    "/regions/{slug}/assignment-proposals/{proposal_id}",
    auth=signed_in,
    response=ProposalOut,
    summary="One proposal with its pairs and reasons",
)
def proposal_detail_endpoint(request: HttpRequest, slug: Slug, proposal_id: Id):
    with region_context(request, slug, roles=OPERATORS):
        return proposal_body(_proposal(proposal_id))


def _proposal(proposal_id: Id) -> AssignmentProposal:
    try:
        return selectors.proposal_get(proposal_id=proposal_id)
    except AssignmentProposal.DoesNotExist:
        raise Http404 from None


@router.post(
    "/regions/{slug}/assignment-proposals/{proposal_id}/accept",
    auth=signed_in,
    response={200: AcceptedOut, 409: ErrorOut, 422: ErrorOut},
    summary="Accept the whole proposal, or the pairs given; creates the assignments",
)
def proposal_accept_endpoint(
    request: HttpRequest, slug: Slug, proposal_id: Id, payload: AcceptIn | None = None
):
    with region_context(request, slug, roles=OPERATORS) as region:
        pairs = None
        if payload is not None and payload.pairs is not None:
            pairs = [(p.project_id, p.participant_id) for p in payload.pairs]
        created = proposal_accept(
            region=region,
            proposal_id=proposal_id,
            pairs=pairs,
            actor=request.user,  # type: ignore[arg-type]
        )
        return {"assignment_ids": created}


@router.post(
    "/regions/{slug}/assignments",
    auth=signed_in,
    response={201: AssignmentOut, 409: ErrorOut, 422: ErrorOut},
    summary="Put a participant on a project (422 below the minimum wage, 409 when full)",
)
def assignment_create_endpoint(request: HttpRequest, slug: Slug, payload: AssignmentIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        assignment = assignment_create(
            region=region,
            data=AssignmentInput(
                project_id=payload.project_id,
                participant_id=payload.participant_id,
                starts_on=payload.start_date,
                ends_on=payload.end_date,
                hourly_rate_jpy=payload.hourly_rate_jpy,
            ),
            actor=request.user,  # type: ignore[arg-type]
        )
        reader = staffing_reader(request, region)
        return Status(
            201,
            assignment_body(selectors.assignment_get(reader=reader, assignment_id=assignment.pk)),
        )


@router.get(
    "/regions/{slug}/assignments",
    auth=signed_in,
    response=list[AssignmentOut],
    summary="Assignments the caller may see (all, their company's, or their own)",
)
def assignment_list_endpoint(
    request: HttpRequest, slug: Slug, project_id: Id | None = None, active: bool = False
):
    with region_context(request, slug, roles=ASSIGNMENT_READERS) as region:
        reader = staffing_reader(request, region)
        assignments = list(
            selectors.assignment_list(reader=reader, project_id=project_id, active_only=active)
        )
        client_provision(request, region, assignments, channel=API, source="api.assignments")
        return [assignment_body(a) for a in assignments]


@router.get(
    "/regions/{slug}/assignments/{assignment_id}",
    auth=signed_in,
    response=AssignmentOut,
    summary="One assignment",
)
def assignment_detail_endpoint(request: HttpRequest, slug: Slug, assignment_id: Id):
    with region_context(request, slug, roles=ASSIGNMENT_READERS) as region:
        assignment = selectors.assignment_get(
            reader=staffing_reader(request, region), assignment_id=assignment_id
        )
        client_provision(request, region, [assignment], channel=API, source="api.assignment")
        return assignment_body(assignment)


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/rates",
    auth=signed_in,
    response={201: AssignmentOut, 422: ErrorOut},
    summary="A new hourly rate from a date on (earlier days keep theirs)",
)
def assignment_rate_endpoint(request: HttpRequest, slug: Slug, assignment_id: Id, payload: RateIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        reader = staffing_reader(request, region)
        assignment_visible(reader, assignment_id)
        assignment_rate_change(
            region=region,
            assignment_id=assignment_id,
            effective_from=payload.effective_from,
            hourly_rate_jpy=payload.hourly_rate_jpy,
            actor=request.user,  # type: ignore[arg-type]
        )
        return Status(
            201,
            assignment_body(selectors.assignment_get(reader=reader, assignment_id=assignment_id)),
        )


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/end",
    auth=signed_in,
    response={200: AssignmentOut, 409: ErrorOut, 422: ErrorOut},
    summary="End an assignment on a date (early or as planned)",
)
def assignment_end_endpoint(request: HttpRequest, slug: Slug, assignment_id: Id, payload: EndIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        reader = staffing_reader(request, region)
        assignment_visible(reader, assignment_id)
        assignment_end(
            region=region,
            assignment_id=assignment_id,
            ends_on=payload.end_date,
            actor=request.user,  # type: ignore[arg-type]
        )
        return assignment_body(selectors.assignment_get(reader=reader, assignment_id=assignment_id))
