"""Reading projects, assignments and proposals as the caller may see them (StaffingReader)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from sousei.core import clock
from sousei.core.models import Organization, RegionOrganization
from sousei.people.models import Participant
from sousei.projects.access import StaffingReader
from sousei.projects.models import (
    Assignment,
    AssignmentProposal,
    AssignmentRate,
    AssignmentStatus,
    ClientProject,
    ProjectSkill,
    ProposalPair,
)

PROJECT_ORDER = ("-starts_on", "-pk")


def _with_details(projects: QuerySet[ClientProject]) -> QuerySet[ClientProject]:
    return (
        projects.select_related("client")
        .annotate(
            active_count=Count("assignments", filter=Q(assignments__status=AssignmentStatus.ACTIVE))
        )
        .prefetch_related(
            Prefetch("skills", queryset=ProjectSkill.objects.select_related("skill")),
            "tools",
        )
    )


def project_list(*, reader: StaffingReader, status: str | None = None) -> QuerySet[ClientProject]:
    """The caller's projects, newest first, with client, skills, tools and staffed count
    (four queries whatever the number of projects)."""
    projects = reader.projects()
    if status:
        projects = projects.filter(status=status)
    return _with_details(projects).order_by(*PROJECT_ORDER)


def project_get(*, reader: StaffingReader, project_id: int) -> ClientProject:
    """One project the caller may see (404 otherwise), with the same details as the list."""
    found = _with_details(reader.projects().filter(pk=project_id)).first()
    if found is None:
        raise Http404("No such project.")
    return found


def assignment_list(
    *, reader: StaffingReader, project_id: int | None = None, active_only: bool = False
) -> QuerySet[Assignment]:
    """The caller's assignments with project, client, person and dated rates."""
    assignments = reader.assignments()
    if project_id is not None:
        assignments = assignments.filter(project_id=project_id)
    if active_only:
        assignments = assignments.filter(status=AssignmentStatus.ACTIVE)
    return (
        assignments.select_related("project__client", "participant__person")
        .prefetch_related(
            Prefetch("rates", queryset=AssignmentRate.objects.order_by("effective_from"))
        )
        .order_by("-starts_on", "-pk")
    )


def assignment_get(*, reader: StaffingReader, assignment_id: int) -> Assignment:
    """One assignment the caller may see (404 otherwise), with the list's details."""
    found = assignment_list(reader=reader).filter(pk=assignment_id).first()
    if found is None:
        raise Http404("No such assignment.")
    return found


def current_rate(assignment: Assignment) -> int | None:
    """The rate in force today from prefetched `rates` (the latest that has started)."""
    today = clock.today()
    rates = [r for r in assignment.rates.all() if r.effective_from <= today]
    if not rates:
        rates = list(assignment.rates.all())[:1]
    return rates[-1].hourly_rate_jpy if rates else None


def proposal_get(*, proposal_id: int) -> AssignmentProposal:
    return AssignmentProposal.objects.get(pk=proposal_id)


def proposal_pairs(*, proposal: AssignmentProposal) -> QuerySet[ProposalPair]:
    return proposal.pairs.select_related("project__client", "participant__person").order_by(
        "project__title", "-score"
    )


def latest_proposal() -> AssignmentProposal | None:
    return AssignmentProposal.objects.order_by("-created_at", "-pk").first()


def proposal_unassigned(*, proposal: AssignmentProposal, limit: int = 200) -> list[Participant]:
    """The people the proposal left unassigned, with their names (the first `limit`)."""
    return list(
        Participant.objects.filter(pk__in=proposal.unassigned[:limit]).select_related("person")
    )


def client_companies() -> QuerySet[Organization]:
    """Client companies that take part in the region's program."""
    return Organization.objects.filter(
        kind=Organization.Kind.CLIENT,
        pk__in=RegionOrganization.objects.values("organization_id"),
    ).order_by("name")


def project_for_team(*, project_id: int) -> ClientProject | None:
    """A project's title and creator, for the workplace's project team (no reader: the
    workplace's own access decides who sees the team)."""
    return ClientProject.objects.select_related("created_by").filter(pk=project_id).first()


def projects_of_participant(*, participant_id: int) -> list[Assignment]:
    """A participant's assignments with their projects, newest first (their profile)."""
    return list(
        Assignment.objects.filter(participant_id=participant_id)
        .select_related("project")
        .order_by("-starts_on", "-pk")
    )


def active_assignments() -> list[Assignment]:
    """The region's active assignments with project and participant's person."""
    return list(
        Assignment.objects.filter(status=AssignmentStatus.ACTIVE)
        .select_related("project", "participant__person")
        .order_by("project_id", "starts_on", "pk")
    )


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def assignments_of_person(*, person_id: int) -> QuerySet[Assignment]:
    return Assignment.objects.filter(participant__person_id=person_id).order_by("id")
