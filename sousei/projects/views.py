"""Project pages: the list, a new project, one project with its people and ranked candidates,
and the region-wide staffing proposal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import region_view, signed_in_user
from sousei.core.errors import Conflict, run_service
from sousei.core.models import Region
from sousei.core.provision import ProvisionChannel
from sousei.core.roles import Role
from sousei.projects import forms
from sousei.projects.access import staffing_reader
from sousei.projects.models import AssignmentStatus, ProjectStatus
from sousei.projects.provision import client_provision
from sousei.projects.selectors import projects as selectors
from sousei.projects.selectors.matching import project_candidates
from sousei.projects.services.assignments import assignment_create
from sousei.projects.services.projects import project_create
from sousei.projects.services.proposals import proposal_accept, proposal_create
from sousei.training.models import Skill

OPERATORS = [Role.OPERATOR]
PROJECT_READERS = [Role.OPERATOR, Role.CLIENT]


@region_view(roles=PROJECT_READERS)
def project_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Operators see every project; client users their companies' projects."""
    status = request.GET.get("status") or None
    if status not in ProjectStatus.values:
        status = None
    reader = staffing_reader(request, region)
    return render(
        request,
        "projects/project_list.html",
        {
            "region": region,
            "projects": list(selectors.project_list(reader=reader, status=status)),
            "status": status,
            "statuses": ProjectStatus.choices,
            "operator": reader.sees_everything,
        },
    )


@region_view(roles=OPERATORS)
def project_new(request: HttpRequest, region: Region) -> HttpResponse:
    form = forms.ProjectForm(request.POST or None, clients=selectors.client_companies())
    if request.method == "POST" and form.is_valid():
        project = run_service(
            form,
            lambda: project_create(
                region=region, data=form.to_input(), actor=signed_in_user(request)
            ),
        )
        if project is not None:
            messages.success(request, _("Project created. Rank the candidates to staff it."))
            return redirect("project-detail", slug=region.slug, project_id=project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"region": region, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@dataclass(frozen=True)
class CandidateRow:
    view: Any
    form: forms.AssignForm


@region_view(roles=PROJECT_READERS)
def project_detail(request: HttpRequest, region: Region, project_id: int) -> HttpResponse:
    """The project, the people on it; for operators the ranked candidates with reasons."""
    return _detail_page(request, region, project_id)


def _detail_page(
    request: HttpRequest,
    region: Region,
    project_id: int,
    *,
    refused: forms.AssignForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The project page; a refused assignment form comes back in its candidate's place
    with what was typed and the errors next to the fields."""
    reader = staffing_reader(request, region)
    project = selectors.project_get(reader=reader, project_id=project_id)
    assignments = list(selectors.assignment_list(reader=reader, project_id=project.pk))
    client_provision(
        request, region, assignments, channel=ProvisionChannel.PAGE, source="projects.detail"
    )
    rows: list[CandidateRow] = []
    include_gone = request.GET.get("include") == "gone"
    if reader.sees_everything:
        today = clock.today()
        rows = [
            CandidateRow(
                view=view,
                form=refused
                if refused is not None and refused.prefix == f"p{view.participant_id}"
                else forms.AssignForm(
                    prefix=f"p{view.participant_id}",
                    initial={
                        "participant": view.participant_id,
                        "start_date": max(project.starts_on, today),
                        "end_date": project.ends_on,
                        "hourly_rate_jpy": project.hourly_rate_jpy,
                    },
                ),
            )
            for view in project_candidates(
                region=region, project=project, include_gone=include_gone
            )
        ]
    if refused is not None and not any(row.form is refused for row in rows):
        for errors in refused.errors.values():
            for message in errors:
                messages.error(request, str(message))
    on_project = {a.participant_id for a in assignments if a.status == AssignmentStatus.ACTIVE}
    return render(
        request,
        "projects/project_detail.html",
        {
            "region": region,
            "project": project,
            "assignments": assignments,
            "rows": rows,
            "on_project": on_project,
            "operator": reader.sees_everything,
            "include_gone": include_gone,
        },
        status=status,
    )


@require_POST
@region_view(roles=OPERATORS)
def project_assign(request: HttpRequest, region: Region, project_id: int) -> HttpResponse:
    reader = staffing_reader(request, region)
    project = selectors.project_get(reader=reader, project_id=project_id)
    participant = request.POST.get("participant", "")
    form = forms.AssignForm(
        request.POST, prefix=f"p{participant}" if participant.isdigit() else None
    )
    if form.is_valid():
        assignment = run_service(
            form,
            lambda: assignment_create(
                region=region, data=form.to_input(project.pk), actor=signed_in_user(request)
            ),
        )
        if assignment is not None:
            messages.success(request, _("Assigned. Pay starts on the start date."))
            return redirect("project-detail", slug=region.slug, project_id=project.pk)
    if form.prefix is None:  # no candidate named: nothing to put the errors next to
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("project-detail", slug=region.slug, project_id=project.pk)
    return _detail_page(request, region, project.pk, refused=form, status=422)


@dataclass(frozen=True)
class PairRow:
    pair: Any
    reasons: list[str]


def reason_texts(codes: list[str], skills: dict[str, str]) -> list[str]:
    """The engine's reason codes in the reader's language."""
    texts: list[str] = []
    for code in codes:
        kind, _sep, rest = code.partition(":")
        skill_code, _sep, level = rest.partition(":")
        name = skills.get(skill_code, skill_code)
        if kind == "matched":
            texts.append(_("%(skill)s level %(level)s") % {"skill": name, "level": level})
        elif kind == "missing_required":
            texts.append(
                _("Needs %(skill)s at level %(level)s (required)") % {"skill": name, "level": level}
            )
        elif kind == "missing_nice":
            texts.append(_("Lacks %(skill)s level %(level)s") % {"skill": name, "level": level})
        elif kind == "certified":
            texts.append(_("Certificate for %(skill)s") % {"skill": name})
        elif kind == "availability":
            texts.append(
                _("Weekly hours fit %(percent)s%%") % {"percent": round(float(rest) * 100)}
            )
        elif kind == "busy":
            texts.append(_("Already on %(count)s project(s)") % {"count": rest})
        elif kind == "resident":
            texts.append(_("Lives in the region"))
        elif kind == "non_resident":
            texts.append(_("Lives outside the region"))
        elif kind == "evaluation":
            texts.append(_("Evaluations average %(average)s / 4") % {"average": rest})
        else:
            texts.append(code)
    return texts


@region_view(roles=OPERATORS)
def proposal_page(request: HttpRequest, region: Region) -> HttpResponse:
    """GET: the latest proposal with its pairs and reasons. POST: solve a new one."""
    if request.method == "POST":
        made = proposal_create(
            region=region,
            actor=signed_in_user(request),
            include_gone=request.POST.get("include") == "gone",
        )
        messages.success(
            request,
            _("Proposal made: %(pairs)s pairs for %(projects)s projects.")
            % {"pairs": made.pairs.count(), "projects": made.project_count},
        )
        return redirect("proposal", slug=region.slug)
    proposal = selectors.latest_proposal()
    rows: list[PairRow] = []
    unassigned: list[Any] = []
    if proposal is not None:
        pairs = list(selectors.proposal_pairs(proposal=proposal))
        skills = dict(Skill.objects.values_list("code", "name_ja"))
        rows = [PairRow(pair=p, reasons=reason_texts(p.reasons, skills)) for p in pairs]
        unassigned = selectors.proposal_unassigned(proposal=proposal)
    return render(
        request,
        "projects/proposal.html",
        {
            "region": region,
            "proposal": proposal,
            "rows": rows,
            "unassigned": unassigned,
            "open": proposal is not None and proposal.status == "open",
        },
    )


@require_POST
@region_view(roles=OPERATORS)
def proposal_accept_view(request: HttpRequest, region: Region, proposal_id: int) -> HttpResponse:
    chosen: list[tuple[int, int]] = []
    for value in request.POST.getlist("pair"):
        project, _sep, person = value.partition(":")
        if project.isdigit() and person.isdigit():
            chosen.append((int(project), int(person)))
    try:
        created = proposal_accept(
            region=region, proposal_id=proposal_id, pairs=chosen, actor=signed_in_user(request)
        )
    except (ValidationError, Conflict) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return redirect("proposal", slug=region.slug)
    messages.success(
        request, _("%(count)s assignments created from the proposal.") % {"count": len(created)}
    )
    return redirect("project-list", slug=region.slug)
