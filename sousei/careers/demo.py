"""Demo evaluations and career outcomes (called by seed_staffing inside the region's scope).

Every ended assignment gets an evaluation (by the client company's user where it has one in
the region, else the operator). The participants, in the order given, get the stories below:
continuing on projects, each step of a full-time conversion (applied, interviewed, offered,
hired, declined), an independent with the 開業届 filed, work elsewhere and leaving the program
(the last two moved away). Idempotent: an assignment with an evaluation and a participant with
any outcome are left as they are. Dates count back from today, so they are never in the
future.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from sousei.careers.models import CareerOutcome, Evaluation, EvaluatorRole
from sousei.careers.services import (
    OutcomeInput,
    SkillRating,
    career_outcome_record,
    evaluation_ready,
    evaluation_record,
)
from sousei.core import clock
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.people.models import Participant
from sousei.projects.models import Assignment, ProjectSkill


@dataclass(frozen=True)
class Step:
    """One outcome row, `days_ago` before today."""

    kind: str
    days_ago: int
    step: str = ""
    employer: str = ""
    business_days_ago: int | None = None
    notice_days_ago: int | None = None
    lives_in_region: bool = True
    municipality_code: str = ""
    note: str = ""


def _conversion(*steps: tuple[str, int]) -> tuple[Step, ...]:
    return tuple(
        Step("fulltime_conversion", ago, step=step, employer="{client}") for step, ago in steps
    )


# The n-th participant's story (their outcomes oldest first).
STORIES: tuple[tuple[Step, ...], ...] = (
    (Step("continue_projects", 50),),
    _conversion(("applied", 12)),
    _conversion(("applied", 30), ("interviewed", 14)),
    _conversion(("applied", 45), ("interviewed", 35), ("offered", 20), ("hired", 8)),
    (
        Step("continue_projects", 55),
        Step("independent", 40, business_days_ago=40, note="RPA受託開発（個人事業）"),
        Step("independent", 25, business_days_ago=40, notice_days_ago=25),
    ),
    _conversion(("applied", 28), ("interviewed", 18), ("offered", 6)),
    _conversion(("applied", 33), ("interviewed", 21), ("declined", 15)),
    (
        Step(
            "employed_elsewhere",
            20,
            employer="株式会社博多データサービス",
            lives_in_region=False,
            municipality_code="40133",
            note="福岡市中央区へ転居",
        ),
    ),
    (
        Step(
            "left_program",
            16,
            lives_in_region=False,
            municipality_code="13104",
            note="家族の事情で東京都新宿区へ転居",
        ),
    ),
)
RECOMMENDATION = {
    "fulltime_conversion": "fulltime_conversion",
    "independent": "independent",
    "left_program": "more_training",
}
COMMENTS = (
    "要件の理解が早く、テストまで丁寧に仕上げてくれました。",
    "質問の仕方が的確で、チームの進行を助けてくれました。",
    "納期を守り、運用手順書もわかりやすくまとめてくれました。",
)


@dataclass
class CareersSummary:
    region: str
    evaluations: int = 0
    evaluations_added: int = 0
    outcomes_added: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    steps: Counter[str] = field(default_factory=Counter)
    moved_away: int = 0

    def line(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.kinds.items()))
        steps = ", ".join(f"{step} {n}" for step, n in sorted(self.steps.items()))
        return (
            f"  {self.region} careers: {self.evaluations} evaluations "
            f"({self.evaluations_added} added now); current outcomes: {kinds or 'none'}"
            f"{f' (conversion steps: {steps})' if steps else ''}; {self.moved_away} moved away; "
            f"{self.outcomes_added} outcome rows added now"
        )


def _client_user(region: Region, assignment: Assignment) -> User | None:
    membership = (
        Membership.objects.filter(
            region=region, role=Role.CLIENT, organization_id=assignment.project.client_id
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _evaluate(
    region: Region, assignment: Assignment, operator: User, recommendation: str, n: int
) -> bool:
    if Evaluation.objects.filter(assignment=assignment).exists():
        return False
    if not evaluation_ready(assignment):
        return False
    needs = ProjectSkill.objects.filter(project_id=assignment.project_id).select_related("skill")
    ratings = []
    for i, need in enumerate(needs.order_by("skill__code")):
        rating = min(4, max(need.min_level, 2) + (assignment.pk + i) % 2)
        ratings.append(
            SkillRating(need.skill.code, rating, "期待以上" if rating > need.min_level else "")
        )
    client = _client_user(region, assignment)
    evaluation_record(
        assignment_id=assignment.pk,
        ratings=ratings,
        recommendation=recommendation,
        comment=COMMENTS[n % len(COMMENTS)],
        actor=client or operator,
        evaluator_role=EvaluatorRole.CLIENT if client else EvaluatorRole.OPERATOR,
    )
    return True


def _tell(participant: Participant, story: tuple[Step, ...], operator: User, client: str) -> int:
    if CareerOutcome.objects.filter(participant=participant).exists():
        return 0
    today = clock.today()

    def ago(days: int | None) -> dt.date | None:
        return None if days is None else today - dt.timedelta(days=days)

    for step in story:
        career_outcome_record(
            participant_id=participant.pk,
            data=OutcomeInput(
                kind=step.kind,
                effective_on=today - dt.timedelta(days=step.days_ago),
                step=step.step,
                employer=step.employer.replace("{client}", client),
                business_started_on=ago(step.business_days_ago),
                opening_notice_filed_on=ago(step.notice_days_ago),
                lives_in_region=step.lives_in_region,
                municipality_code=step.municipality_code,
                note=step.note,
            ),
            actor=operator,
        )
    return len(story)


def seed_careers(
    *,
    region: Region,
    operator: User,
    ended_assignments: list[Assignment],
    participants: list[Participant],
) -> CareersSummary:
    """Evaluations of the ended assignments and the participants' outcomes (see the module)."""
    summary = CareersSummary(region=region.slug)
    story_of = {p.pk: STORIES[n] for n, p in enumerate(participants[: len(STORIES)])}
    for n, assignment in enumerate(ended_assignments):
        story = story_of.get(assignment.participant_id, ())
        final = story[-1].kind if story else "continue_projects"
        if _evaluate(
            region, assignment, operator, RECOMMENDATION.get(final, "continue_projects"), n
        ):
            summary.evaluations_added += 1
    last_client = {
        a.participant_id: a.project.client.name
        for a in Assignment.objects.filter(participant__in=participants)
        .select_related("project__client")
        .order_by("starts_on", "pk")
    }
    for participant in participants[: len(STORIES)]:
        summary.outcomes_added += _tell(
            participant,
            story_of[participant.pk],
            operator,
            last_client.get(participant.pk, "株式会社玄海ロジスティクス"),
        )
    summary.evaluations = Evaluation.objects.count()
    for kind, step, lives in CareerOutcome.objects.filter(current=True).values_list(
        "kind", "step", "lives_in_region"
    ):
        summary.kinds[kind] += 1
        if step:
            summary.steps[step] += 1
        summary.moved_away += not lives
    return summary
