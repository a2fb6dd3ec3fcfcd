"""Reads of evaluations and career outcomes, and a participant's whole journey (私のあゆみ):
application, training, projects with their earnings, evaluations and outcomes.

Every read here is a fixed number of queries whatever the number of rows (the tests assert
them): the journey is nine, a page of the outcome list four, the summary two.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from sousei.careers.models import (
    CareerOutcome,
    ConversionStep,
    Evaluation,
    EvaluationSkill,
    EvaluatorRole,
    OutcomeKind,
)
from sousei.core import clock
from sousei.core.pagination import Page, paginate
from sousei.people.models import Application, Participant, Person
from sousei.projects.access import StaffingReader
from sousei.projects.models import (
    Assignment,
    AssignmentRate,
    AssignmentStatus,
    ProjectSkill,
)
from sousei.training.models import Enrolment, ParticipantSkill
from sousei.work.models.payroll import PayRunStatus, PayStatement

# Above this many ids the averages read the region's evaluations whole and keep the ids asked
# for, rather than sending a parameter list SQLite and the planner dislike.
IN_LIST_LIMIT = 2_000
NO_OUTCOME = "none"


def evaluation_averages(*, participant_ids: Sequence[int]) -> dict[int, float]:
    """Mean skill rating (1–4) over all evaluations of each participant who has any.

    Kept on the participant for the ranking of project candidates (services); one query."""
    ratings = EvaluationSkill.objects.all()
    wanted = set(participant_ids)
    if len(wanted) <= IN_LIST_LIMIT:
        ratings = ratings.filter(evaluation__participant_id__in=wanted)
    rows = ratings.values("evaluation__participant_id").annotate(mean=Avg("rating"))
    return {
        row["evaluation__participant_id"]: round(float(row["mean"]), 2)
        for row in rows
        if row["evaluation__participant_id"] in wanted
    }


# --- evaluations -------------------------------------------------------------------------


def _with_ratings(qs: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    return qs.select_related("evaluated_by").prefetch_related(
        Prefetch("ratings", queryset=EvaluationSkill.objects.select_related("skill"))
    )


def evaluation_of(*, assignment: Assignment) -> Evaluation | None:
    """The assignment's evaluation with its ratings (two queries), if written."""
    return _with_ratings(Evaluation.objects.filter(assignment=assignment)).first()


def evaluation_get(*, assignment: Assignment) -> Evaluation:
    found = evaluation_of(assignment=assignment)
    if found is None:
        raise Http404("Not evaluated yet.")
    return found


def evaluator_role(*, reader: StaffingReader, assignment: Assignment) -> str | None:
    """Whom the caller evaluates the assignment as: an operator, the project's client, or
    None for a reader who may only read the evaluation (its participant)."""
    if reader.sees_everything:
        return EvaluatorRole.OPERATOR
    if reader.is_client_of(assignment.project):
        return EvaluatorRole.CLIENT
    return None


def evaluation_skills(*, assignment: Assignment) -> list[ProjectSkill]:
    """The skills the assignment's project asked for, the required first: the form's rows."""
    return list(
        ProjectSkill.objects.filter(project_id=assignment.project_id)
        .select_related("skill")
        .order_by("-required", "skill__code")
    )


def evaluation_queue(*, reader: StaffingReader, today: dt.date | None = None) -> list[Assignment]:
    """Assignments the caller may see that have ended and wait for their evaluation (one
    query), the longest-waiting first."""
    return list(
        _waiting_evaluation(reader, today or clock.today())
        .select_related("project__client", "participant__person")
        .order_by("ends_on", "pk")[:100]
    )


def evaluation_queue_count(*, reader: StaffingReader, today: dt.date | None = None) -> int:
    """How many assignments wait for the caller's evaluation (one query)."""
    return _waiting_evaluation(reader, today or clock.today()).count()


def _waiting_evaluation(reader: StaffingReader, today: dt.date) -> QuerySet[Assignment]:
    return (
        reader.assignments()
        .exclude(status=AssignmentStatus.CANCELLED)
        .filter(Q(status=AssignmentStatus.ENDED) | Q(ends_on__lte=today))
        .filter(~Exists(Evaluation.objects.filter(assignment=OuterRef("pk"))))
    )


def evaluations_recent(*, reader: StaffingReader, limit: int = 20) -> list[Evaluation]:
    """The latest evaluations of assignments the caller may see (one query)."""
    visible = reader.assignments().values("pk")
    return list(
        Evaluation.objects.filter(assignment__in=visible)
        .select_related("assignment__project__client", "participant__person")
        .annotate(mean=Avg("ratings__rating"))
        .order_by("-evaluated_at", "-pk")[:limit]
    )


# --- career outcomes ---------------------------------------------------------------------


def outcome_history(*, participant: Participant) -> list[CareerOutcome]:
    """Every outcome of the participant, the current first (one query)."""
    return list(
        CareerOutcome.objects.filter(participant=participant)
        .select_related("recorded_by")
        .order_by("-current", "-effective_on", "-pk")
    )


def participant_get(*, participant_id: int) -> Participant:
    found = (
        Participant.objects.select_related("person", "application")
        .filter(pk=participant_id)
        .first()
    )
    if found is None:
        raise Http404("No such participant.")
    return found


def outcome_page(*, kind: str | None = None, page: int = 1, size: int = 25) -> Page[Participant]:
    """The region's participants with their current outcome (`current_outcome`, a list of
    zero or one), newest participants first; `kind` filters by the current outcome, "none"
    keeps those without one. Four queries."""
    qs = Participant.objects.select_related("person").prefetch_related(
        Prefetch(
            "career_outcomes",
            queryset=CareerOutcome.objects.filter(current=True),
            to_attr="current_outcome",
        )
    )
    if kind == NO_OUTCOME:
        qs = qs.filter(~Exists(CareerOutcome.objects.filter(participant=OuterRef("pk"))))
    elif kind in OutcomeKind.values:
        qs = qs.filter(career_outcomes__current=True, career_outcomes__kind=kind)
    return paginate(qs.order_by("-joined_at", "-pk"), page=page, size=size)


@dataclass(frozen=True)
class OutcomeCount:
    kind: str
    label: str
    count: int
    in_region: int


@dataclass(frozen=True)
class OutcomeSummary:
    """The region's current outcomes in numbers (no names: the city may see these)."""

    participants: int
    with_outcome: int
    in_region: int
    moved_away: int
    kinds: list[OutcomeCount]
    conversion_steps: list[tuple[str, str, int]]  # (step, label, count)

    @property
    def without_outcome(self) -> int:
        return self.participants - self.with_outcome


def outcome_summary() -> OutcomeSummary:
    """Counts per current outcome kind and conversion step, and who still lives in the region
    (two queries)."""
    participants = Participant.objects.count()
    rows = (
        CareerOutcome.objects.filter(current=True)
        .values("kind", "step")
        .annotate(count=Count("pk"), in_region=Count("pk", filter=Q(lives_in_region=True)))
    )
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_step: dict[str, int] = defaultdict(int)
    for row in rows:
        by_kind[row["kind"]][0] += row["count"]
        by_kind[row["kind"]][1] += row["in_region"]
        if row["step"]:
            by_step[row["step"]] += row["count"]
    kinds = [
        OutcomeCount(kind.value, str(kind.label), *by_kind.get(kind.value, [0, 0]))
        for kind in OutcomeKind
    ]
    with_outcome = sum(k.count for k in kinds)
    in_region = sum(k.in_region for k in kinds)
    return OutcomeSummary(
        participants=participants,
        with_outcome=with_outcome,
        in_region=in_region,
        moved_away=with_outcome - in_region,
        kinds=kinds,
        conversion_steps=[
            (step.value, str(step.label), by_step.get(step.value, 0)) for step in ConversionStep
        ],
    )


def moved_away(*, limit: int = 10) -> list[CareerOutcome]:
    """Participants whose current outcome says they no longer live in the region (one query)."""
    return list(
        CareerOutcome.objects.filter(current=True, lives_in_region=False)
        .select_related("participant__person")
        .order_by("-effective_on", "-pk")[:limit]
    )


# --- the journey -------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthEarnings:
    month: dt.date
    gross_jpy: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass(frozen=True)
class ProjectStint:
    """One assignment as the participant lived it: dates, client, rate, hours and pay."""

    assignment: Assignment
    rates: list[AssignmentRate]
    months: list[MonthEarnings]
    evaluation: Evaluation | None

    @property
    def hourly_rate_jpy(self) -> int | None:
        today = clock.today()
        current = [r for r in self.rates if r.effective_from <= today] or self.rates[:1]
        return current[-1].hourly_rate_jpy if current else None

    @property
    def gross_jpy(self) -> int:
        return sum(m.gross_jpy for m in self.months)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.months)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass(frozen=True)
class Journey:
    """Everything the journey page and endpoint show, read in a fixed number of queries."""

    participant: Participant
    person: Person
    application: Application
    enrolments: list[Enrolment]
    skills: list[ParticipantSkill]
    stints: list[ProjectStint]
    months: list[MonthEarnings]  # all projects together, by month, oldest first
    evaluations: list[Evaluation]
    outcomes: list[CareerOutcome]  # the current first, then the history
    raised_by: dict[int, EvaluationSkill] = field(default_factory=dict)  # skill id → rating

    @property
    def outcome(self) -> CareerOutcome | None:
        return self.outcomes[0] if self.outcomes and self.outcomes[0].current else None

    @property
    def total_jpy(self) -> int:
        return sum(m.gross_jpy for m in self.months)

    @property
    def total_minutes(self) -> int:
        return sum(m.minutes for m in self.months)

    @property
    def average_month_jpy(self) -> int | None:
        """Average gross of the months with pay (compare with the income before the program)."""
        paid = [m.gross_jpy for m in self.months if m.gross_jpy]
        return round(sum(paid) / len(paid)) if paid else None

    @property
    def best_month_jpy(self) -> int:
        return max((m.gross_jpy for m in self.months), default=0)


def _earnings(participant: Participant) -> dict[int, list[MonthEarnings]]:
    """Completed pay runs' statements by assignment and month (draft runs are not final)."""
    rows = (
        PayStatement.objects.filter(participant=participant, pay_run__status=PayRunStatus.COMPLETED)
        .values("assignment_id", "month")
        .annotate(gross=Sum("gross_jpy"), minutes=Sum("worked_minutes"))
        .order_by("month", "assignment_id")
    )
    by_assignment: dict[int, list[MonthEarnings]] = defaultdict(list)
    for row in rows:
        by_assignment[row["assignment_id"]].append(
            MonthEarnings(row["month"], int(row["gross"] or 0), int(row["minutes"] or 0))
        )
    return by_assignment


def _months_together(stints: list[ProjectStint]) -> list[MonthEarnings]:
    gross: dict[dt.date, int] = defaultdict(int)
    minutes: dict[dt.date, int] = defaultdict(int)
    for stint in stints:
        for month in stint.months:
            gross[month.month] += month.gross_jpy
            minutes[month.month] += month.minutes
    if not gross:
        return []
    # Every month from the first to the last pay, so a month without pay shows as a gap.
    first, last = min(gross), max(gross)
    months = []
    day = first
    while day <= last:
        months.append(MonthEarnings(day, gross.get(day, 0), minutes.get(day, 0)))
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def journey_get(*, participant_id: int) -> Journey:
    """The participant's journey (nine queries whatever its length); 404 when not in the
    region."""
    participant = participant_get(participant_id=participant_id)
    enrolments = list(
        Enrolment.objects.filter(participant=participant)
        .select_related("course__product", "certificate")
        .order_by("start_date", "pk")
    )
    skills = list(
        ParticipantSkill.objects.filter(participant=participant)
        .select_related("skill")
        .order_by("-level", "skill__code")
    )
    assignments = list(
        Assignment.objects.filter(participant=participant)
        .select_related("project__client")
        .prefetch_related(
            Prefetch("rates", queryset=AssignmentRate.objects.order_by("effective_from"))
        )
        .order_by("starts_on", "pk")
    )
    evaluations = list(
        _with_ratings(Evaluation.objects.filter(participant=participant)).select_related(
            "assignment__project"
        )
    )
    by_assignment = {e.assignment_id: e for e in evaluations}
    earnings = _earnings(participant)
    stints = [
        ProjectStint(
            assignment=a,
            rates=list(a.rates.all()),
            months=earnings.get(a.pk, []),
            evaluation=by_assignment.get(a.pk),
        )
        for a in assignments
    ]
    raised_by: dict[int, EvaluationSkill] = {}
    for evaluation in sorted(evaluations, key=lambda e: (e.evaluated_at, e.pk)):
        for rating in evaluation.ratings.all():
            if rating.raised:
                raised_by[rating.skill_id] = rating
    return Journey(
        participant=participant,
        person=participant.person,
        application=participant.application,
        enrolments=enrolments,
        skills=skills,
        stints=stints,
        months=_months_together(stints),
        evaluations=evaluations,
        outcomes=outcome_history(participant=participant),
        raised_by=raised_by,
    )


def participant_of_user(*, user_id: int) -> Participant | None:
    """The signed-in user's participant record in the current region."""
    return Participant.objects.filter(person__user_id=user_id).first()


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def evaluations_of_person(*, person_id: int) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(participant__person_id=person_id).order_by("id")


def evaluation_skills_of_person(*, person_id: int) -> QuerySet[EvaluationSkill]:
    return EvaluationSkill.objects.filter(evaluation__participant__person_id=person_id).order_by(
        "id"
    )


def outcomes_of_person(*, person_id: int) -> QuerySet[CareerOutcome]:
    return CareerOutcome.objects.filter(participant__person_id=person_id).order_by("id")
