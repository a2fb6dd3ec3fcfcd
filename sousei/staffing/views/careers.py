"""Evaluation and career pages: the evaluations waiting (client, operator), the evaluation
form of an ended assignment, the operator's outcome list and a participant's outcome page,
and the participant's journey (私のあゆみ) for themself and for operators.

`register()` (called from StaffingConfig.ready) adds the area's audit labels and its dashboard
panel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.access import region_roles, region_view, signed_in_user
from sousei.core.audit import action_labels_register
from sousei.core.dashboard import Panel, panel_register
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.staffing import forms_careers as forms
from sousei.staffing.access import staffing_reader
from sousei.staffing.models.careers import (
    ConversionStep,
    EvaluatorRole,
    OutcomeKind,
    Recommendation,
)
from sousei.staffing.models.projects import ProjectSkill
from sousei.staffing.selectors import careers as selectors
from sousei.staffing.services.careers import (
    career_outcome_record,
    evaluation_ready,
    evaluation_record,
    opening_notice_late,
)
from sousei.training.models import Skill

EVALUATORS = [Role.OPERATOR, Role.CLIENT]
EVALUATION_READERS = [Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT]
OPERATORS = [Role.OPERATOR]
PARTICIPANTS = [Role.PARTICIPANT]
T = TypeVar("T")

CAREER_LABELS = {
    "evaluation.record": gettext_lazy("Assignment evaluated"),
    "career_outcome.record": gettext_lazy("Career outcome recorded"),
}


def _run(form: Any, call: Callable[[], T]) -> T | None:
    """Call one service; when it refuses, its reasons go onto the form and None comes back."""
    try:
        return call()
    except ValidationError as error:
        form.add_service_errors(error)
    except Conflict as conflict:
        form.add_error(None, str(conflict))
    return None


def skill_name(skill: Skill) -> str:
    english = (translation.get_language() or "ja").startswith("en")
    return skill.name_en if english else skill.name_ja


# --- evaluations -------------------------------------------------------------------------


@region_view(roles=EVALUATORS)
def evaluation_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Ended assignments waiting for their evaluation, and the latest evaluations."""
    reader = staffing_reader(request, region)
    return render(
        request,
        "staffing/evaluation_list.html",
        {
            "region": region,
            "queue": selectors.evaluation_queue(reader=reader),
            "recent": selectors.evaluations_recent(reader=reader),
        },
    )


@region_view(roles=EVALUATION_READERS)
def evaluation_page(request: HttpRequest, region: Region, assignment_id: int) -> HttpResponse:
    """The evaluation of an assignment; the form while it has none and may be evaluated."""
    reader = staffing_reader(request, region)
    assignment = reader.assignment(assignment_id)
    if reader.sees_everything:
        role: str | None = EvaluatorRole.OPERATOR
    elif reader.is_client_of(assignment.project):
        role = EvaluatorRole.CLIENT
    else:
        role = None  # the participant reads their own evaluation
    if request.method == "POST" and role is None:
        raise PermissionDenied
    evaluation = selectors.evaluation_of(assignment=assignment)
    skills = list(
        ProjectSkill.objects.filter(project_id=assignment.project_id)
        .select_related("skill")
        .order_by("-required", "skill__code")
    )
    form = None
    if evaluation is None and role is not None and evaluation_ready(assignment):
        form = forms.EvaluationForm(request.POST or None, skills=skills)
        if request.method == "POST" and form.is_valid():
            user, valid = signed_in_user(request), form
            made = _run(
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
        "staffing/evaluation_form.html",
        {
            "region": region,
            "assignment": assignment,
            "person": assignment.participant.person,
            "evaluation": evaluation,
            "form": form,
            "can_evaluate": role is not None,
            "ready": evaluation_ready(assignment),
            "levels": forms.SKILL_LEVELS,
            "skill_names": {s.skill_id: skill_name(s.skill) for s in skills},
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
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    page = selectors.outcome_page(kind=kind, page=number, size=settings.SOUSEI_API_PAGE_SIZE)
    return render(
        request,
        "staffing/career_list.html",
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
        made = _run(
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
        "staffing/career_outcome.html",
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


@dataclass(frozen=True)
class ChartBar:
    label: str
    title: str
    x: int
    y: int
    height: int
    gross_jpy: int


CHART_HEIGHT = 120
BAR_WIDTH = 28
BAR_GAP = 12


def earnings_chart(months: list[selectors.MonthEarnings]) -> dict[str, Any]:
    """Geometry of the monthly earnings bars (an SVG drawn by the template, no script)."""
    top = max((m.gross_jpy for m in months), default=0) or 1
    bars = []
    for n, month in enumerate(months):
        height = round(month.gross_jpy / top * CHART_HEIGHT)
        bars.append(
            ChartBar(
                label=f"{month.month.month}",
                title=f"{month.month:%Y-%m}",
                x=n * (BAR_WIDTH + BAR_GAP) + BAR_GAP,
                y=CHART_HEIGHT - height + 20,
                height=height,
                gross_jpy=month.gross_jpy,
            )
        )
    return {
        "bars": bars,
        "width": max(1, len(months)) * (BAR_WIDTH + BAR_GAP) + BAR_GAP,
        "height": CHART_HEIGHT + 40,
        "bar_width": BAR_WIDTH,
        "baseline": CHART_HEIGHT + 20,
    }


def _journey(
    request: HttpRequest, region: Region, participant_id: int, *, own: bool
) -> HttpResponse:
    journey = selectors.journey_get(participant_id=participant_id)
    return render(
        request,
        "staffing/journey.html",
        {
            "region": region,
            "journey": journey,
            "person": journey.person,
            "own": own,
            "chart": earnings_chart(journey.months),
            "late": bool(journey.outcome and opening_notice_late(journey.outcome)),
            "steps": _steps(journey.outcome),
            "is_operator": Role.OPERATOR in region_roles(request, region),
            "recommendations": dict(Recommendation.choices),
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
    participant = selectors.participant_get(participant_id=participant_id)
    own = participant.person.user_id == signed_in_user(request).pk
    if Role.OPERATOR not in region_roles(request, region) and not own:
        raise Http404("No such participant.")
    return _journey(request, region, participant.pk, own=own)


# --- dashboard and registration ----------------------------------------------------------


def panel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    roles = region_roles(request, region)
    context: dict[str, Any] = {"summary": selectors.outcome_summary(), "operator": False}
    if Role.OPERATOR in roles:
        context["operator"] = True
        context["moved_away"] = selectors.moved_away(limit=5)
        context["waiting"] = len(
            selectors.evaluation_queue(reader=staffing_reader(request, region))
        )
    return context


def register() -> None:
    action_labels_register(CAREER_LABELS)
    panel_register(
        Panel(
            name="staffing.careers",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="staffing/career_panel.html",
            context=panel_context,
        )
    )
