"""Evaluation and career pages: the evaluations waiting (client, operator), the evaluation
form of an ended assignment, the operator's outcome list and a participant's outcome page,
and the participant's journey (私のあゆみ) for themself and for operators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sousei.careers import forms, selectors
from sousei.careers.access import participant_visible
from sousei.careers.models import ConversionStep, Evaluation, OutcomeKind
from sousei.careers.services import (
    career_outcome_record,
    evaluation_ready,
    evaluation_record,
    opening_notice_late,
)
from sousei.core.access import region_reader, region_roles, region_view, signed_in_user
from sousei.core.charts import Column, ColumnChart, column_chart
from sousei.core.errors import run_service
from sousei.core.models import Region
from sousei.core.pagination import page_number
from sousei.core.provision import ProvisionChannel
from sousei.core.roles import Role
from sousei.projects.access import assignment_visible, staffing_reader
from sousei.projects.models import Assignment
from sousei.projects.provision import client_provision

EVALUATORS = [Role.OPERATOR, Role.CLIENT]
EVALUATION_READERS = [Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT]
OPERATORS = [Role.OPERATOR]
PARTICIPANTS = [Role.PARTICIPANT]

# --- evaluations -------------------------------------------------------------------------


def _with_participant(evaluation: Evaluation) -> Assignment:
    """The evaluation's assignment with the participant the evaluation loaded (one and the
    same), so recording what the page shows reads nothing more."""
    assignment = evaluation.assignment
    assignment.participant = evaluation.participant
    return assignment


@region_view(roles=EVALUATORS)
def evaluation_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Ended assignments waiting for their evaluation, and the latest evaluations."""
    reader = staffing_reader(request, region)
    queue = selectors.evaluation_queue(reader=reader)
    recent = selectors.evaluations_recent(reader=reader)
    client_provision(
        request,
        region,
        [*queue, *(_with_participant(evaluation) for evaluation in recent)],
        channel=ProvisionChannel.PAGE,
        source="careers.evaluations",
    )
    return render(
        request,
        "careers/evaluation_list.html",
        {"region": region, "queue": queue, "recent": recent},
    )


@region_view(roles=EVALUATION_READERS)
def evaluation_page(request: HttpRequest, region: Region, assignment_id: int) -> HttpResponse:
    """The evaluation of an assignment; the form while it has none and may be evaluated."""
    reader = staffing_reader(request, region)
    assignment = assignment_visible(reader, assignment_id)
    client_provision(
        request, region, [assignment], channel=ProvisionChannel.PAGE, source="careers.evaluation"
    )
    role = selectors.evaluator_role(reader=reader, assignment=assignment)
    if request.method == "POST" and role is None:
        raise PermissionDenied
    evaluation = selectors.evaluation_of(assignment=assignment)
    form = None
    if evaluation is None and role is not None and evaluation_ready(assignment):
        skills = selectors.evaluation_skills(assignment=assignment)
        form = forms.EvaluationForm(request.POST or None, skills=skills)
        if request.method == "POST" and form.is_valid():
            user, valid = signed_in_user(request), form
            made = run_service(
                form,
                lambda: evaluation_record(
                    assignment_id=assignment.pk,
                    ratings=valid.ratings(),
                    recommendation=valid.cleaned_data["recommendation"],
                    comment=valid.cleaned_data["comment"],
                    actor=user,
                    evaluator_role=role,
                ),
            )
            if made is not None:
                messages.success(request, _("Evaluation saved. Thank you."))
                return redirect("evaluation-form", slug=region.slug, assignment_id=assignment.pk)
    elif request.method == "POST":
        messages.error(
            request,
            _(
                "This assignment cannot be evaluated now: it already has an evaluation or has "
                "not ended yet."
            ),
        )
        return redirect("evaluation-form", slug=region.slug, assignment_id=assignment.pk)
    status = 422 if form is not None and form.is_bound else 200
    return render(
        request,
        "careers/evaluation_form.html",
        {
            "region": region,
            "assignment": assignment,
            "person": assignment.participant.person,
            "evaluation": evaluation,
            "form": form,
            "can_evaluate": role is not None,
            "ready": evaluation_ready(assignment),
        },
        status=status,
    )


# --- career outcomes ---------------------------------------------------------------------


@region_view(roles=OPERATORS)
def career_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Participants with their current outcome; filter by outcome."""
    kind = request.GET.get("kind") or None
    if kind not in [*OutcomeKind.values, selectors.NO_OUTCOME]:
        kind = None
    page = selectors.outcome_page(
        kind=kind, page=page_number(request), size=settings.SOUSEI_API_PAGE_SIZE
    )
    return render(
        request,
        "careers/career_list.html",
        {
            "region": region,
            "page": page,
            "kind": kind or "",
            "kinds": OutcomeKind.choices,
            "no_outcome": selectors.NO_OUTCOME,
            "summary": selectors.outcome_summary(),
            "query": f"kind={kind}" if kind else "",
        },
    )


@region_view(roles=OPERATORS)
def career_outcome(request: HttpRequest, region: Region, participant_id: int) -> HttpResponse:
    """A participant's current outcome, its history, and the form for a change."""
    participant = selectors.participant_get(participant_id=participant_id)
    history = selectors.outcome_history(participant=participant)
    current = history[0] if history and history[0].current else None
    form = forms.OutcomeForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        user, valid = signed_in_user(request), form
        made = run_service(
            form,
            lambda: career_outcome_record(
                participant_id=participant.pk, data=valid.to_input(), actor=user
            ),
        )
        if made is not None:
            messages.success(request, _("Outcome recorded; the earlier one stays in the history."))
            return redirect("career-outcome", slug=region.slug, participant_id=participant.pk)
    return render(
        request,
        "careers/career_outcome.html",
        {
            "region": region,
            "participant": participant,
            "person": participant.person,
            "current": current,
            "history": history,
            "steps": _steps(current),
            "late": bool(current and opening_notice_late(current)),
            "form": form,
        },
        status=422 if form.is_bound else 200,
    )


@dataclass(frozen=True)
class StepView:
    value: str
    label: str
    day: Any
    reached: bool
    here: bool


def _steps(outcome: Any) -> list[StepView]:
    """The conversion workflow with the dates reached (declined shown only when it happened)."""
    if outcome is None or outcome.kind != OutcomeKind.FULLTIME_CONVERSION:
        return []
    shown = [s for s in ConversionStep if s != ConversionStep.DECLINED or outcome.declined_on]
    if outcome.declined_on:
        shown = [s for s in shown if s != ConversionStep.HIRED]
    return [
        StepView(
            s.value,
            str(s.label),
            getattr(outcome, f"{s.value}_on"),
            getattr(outcome, f"{s.value}_on") is not None,
            outcome.step == s.value,
        )
        for s in shown
    ]


# --- the journey -------------------------------------------------------------------------


def earnings_chart(months: list[selectors.MonthEarnings]) -> ColumnChart:
    """The monthly earnings bars (an SVG drawn by the template, no script)."""
    return column_chart(
        [
            Column(label=f"{m.month.month}", title=f"{m.month:%Y-%m}", value=m.gross_jpy)
            for m in months
        ]
    )


def _journey(
    request: HttpRequest, region: Region, participant_id: int, *, own: bool
) -> HttpResponse:
    journey = selectors.journey_get(participant_id=participant_id)
    return render(
        request,
        "careers/journey.html",
        {
            "region": region,
            "journey": journey,
            "person": journey.person,
            "own": own,
            "chart": earnings_chart(journey.months),
            "late": bool(journey.outcome and opening_notice_late(journey.outcome)),
            "steps": _steps(journey.outcome),
            "is_operator": Role.OPERATOR in region_roles(request, region),
        },
    )


@region_view(roles=PARTICIPANTS)
def my_journey(request: HttpRequest, region: Region) -> HttpResponse:
    """私のあゆみ: the signed-in participant's own journey."""
    participant = selectors.participant_of_user(user_id=signed_in_user(request).pk)
    if participant is None:
        raise Http404("You are not a participant in this region.")
    return _journey(request, region, participant.pk, own=True)


@region_view(roles=OPERATORS + PARTICIPANTS)
def participant_journey(request: HttpRequest, region: Region, participant_id: int) -> HttpResponse:
    """A participant's journey for operators (a participant sees only their own)."""
    user_id = signed_in_user(request).pk
    participant = participant_visible(region_reader(request, region), participant_id)
    return _journey(request, region, participant.pk, own=participant.person.user_id == user_id)
