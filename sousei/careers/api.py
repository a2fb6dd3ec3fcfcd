"""Evaluations of ended assignments, participants' career outcomes and their journey.

Who may do what: the project's client users and operators evaluate an assignment (its
participant may read the evaluation); operators record career outcomes and read anyone's
journey; a participant reads their own outcomes and journey; the city reads only the counts
(`career-outcomes/summary`), never a person's outcome (DESIGN.md §2).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Status

from sousei.careers import selectors
from sousei.careers.access import participant_visible
from sousei.careers.models import CareerOutcome, Evaluation
from sousei.careers.schemas import (
    EvaluationIn,
    EvaluationOut,
    JourneyOut,
    OutcomeIn,
    OutcomeOut,
    SummaryOut,
)
from sousei.careers.services import (
    OutcomeInput,
    SkillRating,
    career_outcome_record,
    evaluation_record,
    opening_notice_late,
)
from sousei.core.access import region_context, region_reader, signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.projects.access import assignment_visible, staffing_reader

router = Router(tags=["careers"])
EVALUATORS = {Role.OPERATOR, Role.CLIENT}
EVALUATION_READERS = {Role.OPERATOR, Role.CLIENT, Role.PARTICIPANT}
OPERATORS = {Role.OPERATOR}
SELF_OR_OPERATOR = {Role.OPERATOR, Role.PARTICIPANT}
SUMMARY_READERS = {Role.OPERATOR, Role.MUNICIPALITY}


# --- schemas -----------------------------------------------------------------------------


# --- bodies ------------------------------------------------------------------------------


def evaluation_body(evaluation: Evaluation) -> dict[str, Any]:
    ratings = list(evaluation.ratings.all())
    return {
        "id": evaluation.pk,
        "assignment_id": evaluation.assignment_id,
        "participant_id": evaluation.participant_id,
        "project_id": evaluation.assignment.project_id,
        "evaluator_role": evaluation.evaluator_role,
        "evaluated_at": evaluation.evaluated_at,
        "recommendation": evaluation.recommendation,
        "comment": evaluation.comment,
        "average": round(sum(r.rating for r in ratings) / len(ratings), 2) if ratings else None,
        "ratings": [
            {
                "skill": r.skill.code,
                "skill_name": r.skill.name_ja,
                "rating": r.rating,
                "note": r.note,
                "level_before": r.level_before,
                "level_after": r.level_after,
                "raised": r.raised,
            }
            for r in ratings
        ],
    }


def outcome_body(outcome: CareerOutcome) -> dict[str, Any]:
    return {
        "id": outcome.pk,
        "participant_id": outcome.participant_id,
        "kind": outcome.kind,
        "effective_on": outcome.effective_on,
        "current": outcome.current,
        "step": outcome.step,
        "steps": {step: day for step, _label, day in outcome.step_dates()},
        "employer": outcome.employer,
        "business_started_on": outcome.business_started_on,
        "opening_notice_filed_on": outcome.opening_notice_filed_on,
        "opening_notice_late": opening_notice_late(outcome),
        "employment_insured": outcome.employment_insured,
        "lives_in_region": outcome.lives_in_region,
        "municipality_code": outcome.municipality_code,
        "note": outcome.note,
        "recorded_at": outcome.recorded_at,
    }


def _month(month: selectors.MonthEarnings) -> dict[str, Any]:
    return {"month": f"{month.month:%Y-%m}", "hours": month.hours, "gross_jpy": month.gross_jpy}


def journey_body(journey: selectors.Journey) -> dict[str, Any]:
    person, application = journey.person, journey.application
    return {
        "participant_id": journey.participant.pk,
        "name": person.full_name,
        "name_kana": person.full_name_kana,
        "application": {
            "id": application.pk,
            "submitted_at": application.submitted_at,
            "status": application.status,
            "decided_at": application.decided_at,
            "baseline_monthly_income_jpy": application.baseline_monthly_income_jpy,
        },
        "training": [
            {
                "enrolment_id": e.pk,
                "course": e.course.title,
                "tool": e.course.product.name,
                "status": e.status,
                "start_date": e.start_date,
                "completed_at": e.completed_at,
                "certificate": _certificate(e),
            }
            for e in journey.enrolments
        ],
        "skills": [
            {"code": s.skill.code, "name": s.skill.name_ja, "level": s.level, "source": s.source}
            for s in journey.skills
        ],
        "projects": [
            {
                "assignment_id": stint.assignment.pk,
                "project_id": stint.assignment.project_id,
                "project": stint.assignment.project.title,
                "client": stint.assignment.project.client.name,
                "start_date": stint.assignment.starts_on,
                "end_date": stint.assignment.ends_on,
                "status": stint.assignment.status,
                "hourly_rate_jpy": stint.hourly_rate_jpy,
                "hours": stint.hours,
                "earned_jpy": stint.gross_jpy,
                "months": [_month(m) for m in stint.months],
                "evaluation_id": stint.evaluation.pk if stint.evaluation else None,
            }
            for stint in journey.stints
        ],
        "earnings_by_month": [_month(m) for m in journey.months],
        "total_earned_jpy": journey.total_jpy,
        "total_hours": round(journey.total_minutes / 60, 1),
        "average_month_jpy": journey.average_month_jpy,
        "evaluations": [evaluation_body(e) for e in journey.evaluations],
        "outcome": outcome_body(journey.outcome) if journey.outcome else None,
        "outcome_history": [outcome_body(o) for o in journey.outcomes],
    }


def _certificate(enrolment: Any) -> dict[str, Any] | None:
    certificate = getattr(enrolment, "certificate", None)
    if certificate is None:
        return None
    return {"code": certificate.code, "completed_on": certificate.completed_on}


# --- endpoints ---------------------------------------------------------------------------


@router.post(
    "/regions/{slug}/assignments/{assignment_id}/evaluation",
    auth=signed_in,
    response={201: EvaluationOut, 409: ErrorOut, 422: ErrorOut},
    summary="Evaluate an ended assignment (the project's client or an operator); raises skills",
)
def evaluation_create_endpoint(
    request: HttpRequest, slug: Slug, assignment_id: Id, payload: EvaluationIn
):
    with region_context(request, slug, roles=EVALUATORS) as region:
        reader = staffing_reader(request, region)
        assignment = assignment_visible(reader, assignment_id)
        role = selectors.evaluator_role(reader=reader, assignment=assignment)
        if role is None:
            raise PermissionDenied
        evaluation_record(
            assignment_id=assignment.pk,
            ratings=[SkillRating(r.skill, r.rating, r.note) for r in payload.ratings],
            recommendation=payload.recommendation,
            comment=payload.comment,
            actor=signed_in_user(request),
            evaluator_role=role,
        )
        return Status(201, evaluation_body(selectors.evaluation_get(assignment=assignment)))


@router.get(
    "/regions/{slug}/assignments/{assignment_id}/evaluation",
    auth=signed_in,
    response={200: EvaluationOut, 404: ErrorOut},
    summary="The assignment's evaluation (its client, its participant, operators); 404 if none",
)
def evaluation_detail_endpoint(request: HttpRequest, slug: Slug, assignment_id: Id):
    with region_context(request, slug, roles=EVALUATION_READERS) as region:
        assignment = assignment_visible(staffing_reader(request, region), assignment_id)
        return evaluation_body(selectors.evaluation_get(assignment=assignment))


@router.post(
    "/regions/{slug}/participants/{participant_id}/career-outcomes",
    auth=signed_in,
    response={201: OutcomeOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record a participant's career outcome from a date on (history is kept)",
)
def outcome_create_endpoint(
    request: HttpRequest, slug: Slug, participant_id: Id, payload: OutcomeIn
):
    with region_context(request, slug, roles=OPERATORS):
        participant = selectors.participant_get(participant_id=participant_id)
        outcome = career_outcome_record(
            participant_id=participant.pk,
            data=OutcomeInput(**payload.model_dump()),
            actor=signed_in_user(request),
        )
        return Status(201, outcome_body(outcome))


@router.get(
    "/regions/{slug}/participants/{participant_id}/career-outcomes",
    auth=signed_in,
    response=list[OutcomeOut],
    summary="A participant's outcomes, the current first (operators; the participant)",
)
def outcome_list_endpoint(request: HttpRequest, slug: Slug, participant_id: Id):
    with region_context(request, slug, roles=SELF_OR_OPERATOR) as region:
        participant = participant_visible(region_reader(request, region), participant_id)
        return [outcome_body(o) for o in selectors.outcome_history(participant=participant)]


@router.get(
    "/regions/{slug}/career-outcomes/summary",
    auth=signed_in,
    response=SummaryOut,
    summary="Current outcomes in numbers: per kind, conversion step, still in the region",
)
def outcome_summary_endpoint(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=SUMMARY_READERS):
        summary = selectors.outcome_summary()
        return {
            "participants": summary.participants,
            "with_outcome": summary.with_outcome,
            "without_outcome": summary.without_outcome,
            "in_region": summary.in_region,
            "moved_away": summary.moved_away,
            "kinds": [
                {"kind": k.kind, "count": k.count, "in_region": k.in_region} for k in summary.kinds
            ],
            "conversion_steps": {step: n for step, _label, n in summary.conversion_steps},
        }


@router.get(
    "/regions/{slug}/participants/{participant_id}/journey",
    auth=signed_in,
    response=JourneyOut,
    summary="The participant's journey: application, training, projects and pay, outcome",
)
def journey_endpoint(request: HttpRequest, slug: Slug, participant_id: Id):
    with region_context(request, slug, roles=SELF_OR_OPERATOR) as region:
        participant = participant_visible(region_reader(request, region), participant_id)
        return journey_body(selectors.journey_get(participant_id=participant.pk))
