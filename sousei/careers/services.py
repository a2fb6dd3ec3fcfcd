"""Evaluating a finished assignment and recording a participant's career outcome.

Rules (docs/operator-guide.md, 評価と進路):

- An assignment is evaluated once (409 on a second), by the project's client or an operator,
  from its last day on — or at once when it was ended early (status "ended"). A cancelled
  assignment is not evaluated. Ratings are 1–4, only for skills the project asked for.
- A rating above the participant's level of that skill raises the level (the evaluation is the
  evidence); a lower rating never lowers it.
- A career outcome is never edited: each change is a new row dated on or after the current
  one, which stops being current. Full-time conversion moves one step at a time,
  applied → interviewed → offered → hired, or declined from any open step; a new attempt starts
  at applied after a decline. An independent has a business start date; the 開業届 is dated on
  or after it and not in the future (所得税法 第229条 asks for it within a month of the start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from sousei.careers.models import (
    CareerOutcome,
    ConversionStep,
    Evaluation,
    EvaluationSkill,
    EvaluatorRole,
    OutcomeKind,
    Recommendation,
)
from sousei.careers.selectors import evaluation_averages
from sousei.core import clock, postal
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.text import date_text
from sousei.people.models import Participant
from sousei.projects.models import Assignment, AssignmentStatus, ProjectSkill
from sousei.training.models import ParticipantSkill, SkillSource

MAX_COMMENT = 2000
MAX_NOTE = 500
ALREADY_EVALUATED = _(
    "This assignment has already been evaluated. An assignment has one evaluation; open it "
    "instead of writing another."
)

# Outcomes after which a participant is no longer offered for project work (the ranking and
# the staffing proposal leave them out unless asked to include them).
GONE_ELSEWHERE = frozenset({OutcomeKind.EMPLOYED_ELSEWHERE, OutcomeKind.LEFT_PROGRAM})


@dataclass(frozen=True)
class SkillRating:
    """A rating of one skill the project used: 1 (basic) to 4 (expert)."""

    skill_code: str
    rating: int
    note: str = ""


def _error(field: str, message: Any, code: str, **params: Any) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def evaluation_ready(assignment: Assignment, *, today: dt.date | None = None) -> bool:
    """Whether the assignment may be evaluated now (see the module's rules)."""
    today = today or clock.today()
    if assignment.status == AssignmentStatus.CANCELLED:
        return False
    return assignment.status == AssignmentStatus.ENDED or today >= assignment.ends_on


def _check_ratings(
    assignment: Assignment, ratings: Sequence[SkillRating]
) -> dict[str, tuple[int, SkillRating]]:
    """{code: (skill id, rating)} of valid ratings; ValidationError naming every problem."""
    asked = dict(
        ProjectSkill.objects.filter(project_id=assignment.project_id).values_list(
            "skill__code", "skill_id"
        )
    )
    problems: list[ValidationError] = []
    checked: dict[str, tuple[int, SkillRating]] = {}
    if not ratings:
        problems.append(
            ValidationError(
                _("Rate at least one skill the project used (%(skills)s), from 1 to 4."),
                code="no_ratings",
                params={"skills": ", ".join(sorted(asked)) or "-"},
            )
        )
    for item in ratings:
        if item.skill_code not in asked:
            problems.append(
                ValidationError(
                    _(
                        "The project did not ask for the skill %(skill)s, so it cannot be rated "
                        "here. Rate only the project's skills: %(skills)s."
                    ),
                    code="skill_not_in_project",
                    params={"skill": item.skill_code, "skills": ", ".join(sorted(asked))},
                )
            )
        elif item.skill_code in checked:
            problems.append(
                ValidationError(
                    _("The skill %(skill)s is rated twice. Give each skill one rating."),
                    code="duplicate_skill",
                    params={"skill": item.skill_code},
                )
            )
        elif not 1 <= item.rating <= 4:
            problems.append(
                ValidationError(
                    _(
                        "The rating of %(skill)s is %(rating)s; ratings go from 1 (basic) to "
                        "4 (expert)."
                    ),
                    code="rating_range",
                    params={"skill": item.skill_code, "rating": item.rating},
                )
            )
        elif len(item.note) > MAX_NOTE:
            problems.append(
                ValidationError(
                    _("The note on %(skill)s is longer than %(max)s characters. Shorten it."),
                    code="note_too_long",
                    params={"skill": item.skill_code, "max": MAX_NOTE},
                )
            )
        else:
            checked[item.skill_code] = (asked[item.skill_code], item)
    if problems:
        raise ValidationError({"ratings": problems})
    return checked


def evaluation_record(
    *,
    assignment_id: int,
    ratings: Sequence[SkillRating],
    recommendation: str,
    comment: str,
    actor: User,
    evaluator_role: str = EvaluatorRole.OPERATOR,
) -> Evaluation:
    """Evaluate an ended assignment and raise the participant's skills where a rating shows
    more than their current level. Who may evaluate (the project's client, an operator) is
    checked by the caller; `evaluator_role` records which one wrote it."""
    if recommendation not in Recommendation.values:
        raise _error(
            "recommendation",
            _("Choose a recommended next step: %(choices)s."),
            "invalid_recommendation",
            choices=", ".join(Recommendation.values),
        )
    if len(comment) > MAX_COMMENT:
        raise _error(
            "comment",
            _("The comment is longer than %(max)s characters. Shorten it."),
            "comment_too_long",
            max=MAX_COMMENT,
        )
    try:
        with transaction.atomic():
            assignment = (
                Assignment.objects.select_for_update()
                .select_related("project")
                .get(pk=assignment_id)
            )
            if Evaluation.objects.filter(assignment=assignment).exists():
                raise Conflict(ALREADY_EVALUATED)
            if assignment.status == AssignmentStatus.CANCELLED:
                raise Conflict(_("This assignment was cancelled, so there is no work to evaluate."))
            if not evaluation_ready(assignment):
                raise Conflict(
                    _(
                        "This assignment runs until %(end)s. Evaluate it from its last day on, "
                        "or end it early first."
                    ),
                    end=date_text(assignment.ends_on),
                )
            checked = _check_ratings(assignment, ratings)
            evaluation = Evaluation.objects.create(
                region=assignment.region,
                assignment=assignment,
                participant_id=assignment.participant_id,
                recommendation=recommendation,
                comment=comment.strip(),
                evaluator_role=evaluator_role,
                evaluated_by=actor,
            )
            raised = _rate_and_raise(evaluation, checked)
            _profile_mean_refresh(evaluation.participant_id)
            audit_record(
                region=assignment.region,
                actor=actor,
                action="evaluation.record",
                obj=evaluation,
                changes={
                    "assignment": assignment.pk,
                    "ratings": {code: item.rating for code, (_id, item) in checked.items()},
                    "recommendation": recommendation,
                    "raised": raised,
                },
            )
    except IntegrityError:
        # A second evaluation raced past the check above; the constraint kept one.
        raise Conflict(ALREADY_EVALUATED) from None
    return evaluation


def _profile_mean_refresh(participant_id: int) -> None:
    """Keep the participant's mean rating (read by the ranking of project candidates)."""
    mean = evaluation_averages(participant_ids=[participant_id]).get(participant_id)
    Participant.objects.filter(pk=participant_id).update(
        evaluation_mean=None if mean is None else Decimal(str(mean))
    )


def _rate_and_raise(
    evaluation: Evaluation, checked: dict[str, tuple[int, SkillRating]]
) -> dict[str, list[int]]:
    """Store the ratings; raise the profile where a rating is above the level. {code: [from, to]}
    of the skills raised."""
    participant_id = evaluation.participant_id
    current = {
        row.skill_id: row
        for row in ParticipantSkill.objects.select_for_update().filter(
            participant_id=participant_id, skill_id__in=[i for i, _r in checked.values()]
        )
    }
    raised: dict[str, list[int]] = {}
    rows = []
    for code, (skill_id, item) in sorted(checked.items()):
        held = current.get(skill_id)
        before = held.level if held else 0
        after = max(before, item.rating)
        if held is None:
            ParticipantSkill.objects.create(
                region=evaluation.region,
                participant_id=participant_id,
                skill_id=skill_id,
                level=after,
                source=SkillSource.EVALUATION,
            )
        elif after > before:
            held.level = after
            held.source = SkillSource.EVALUATION
            held.save(update_fields=["level", "source"])
        if after > before:
            raised[code] = [before, after]
        rows.append(
            EvaluationSkill(
                region=evaluation.region,
                evaluation=evaluation,
                skill_id=skill_id,
                rating=item.rating,
                note=item.note.strip(),
                level_before=before,
                level_after=after,
            )
        )
    EvaluationSkill.objects.bulk_create(rows)
    return raised


# --- career outcomes ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OutcomeInput:
    """A participant's outcome from `effective_on` on. For a full-time conversion `step` is the
    step reached on that date (or the current step, to change only the other facts)."""

    kind: str
    effective_on: dt.date
    lives_in_region: bool
    municipality_code: str = ""
    step: str = ""
    employer: str = ""
    business_started_on: dt.date | None = None
    opening_notice_filed_on: dt.date | None = None
    employment_insured: bool | None = None
    note: str = ""


OPEN_STEPS = (ConversionStep.APPLIED, ConversionStep.INTERVIEWED, ConversionStep.OFFERED)
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    ConversionStep.APPLIED: (ConversionStep.INTERVIEWED, ConversionStep.DECLINED),
    ConversionStep.INTERVIEWED: (ConversionStep.OFFERED, ConversionStep.DECLINED),
    ConversionStep.OFFERED: (ConversionStep.HIRED, ConversionStep.DECLINED),
    ConversionStep.HIRED: (),
    ConversionStep.DECLINED: (ConversionStep.APPLIED,),
}
STEP_DATE_FIELDS = tuple(f"{step}_on" for step in ConversionStep.values)
EMPLOYER_KINDS = (OutcomeKind.FULLTIME_CONVERSION, OutcomeKind.EMPLOYED_ELSEWHERE)
# The outcomes that are a job someone employs the person in, so employment insurance may
# cover it (project work is paid by the operator as employer).
INSURABLE_KINDS = (
    OutcomeKind.CONTINUE_PROJECTS,
    OutcomeKind.FULLTIME_CONVERSION,
    OutcomeKind.EMPLOYED_ELSEWHERE,
)


def add_one_month(day: dt.date) -> dt.date:
    """The same day a month later (the last day of the month when it has fewer days)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def opening_notice_late(outcome: CareerOutcome) -> bool:
    """True when the 開業届 was filed more than a month after the business started
    (所得税法 第229条 asks for one month; a late notice is still accepted)."""
    start, filed = outcome.business_started_on, outcome.opening_notice_filed_on
    return bool(start and filed and filed > add_one_month(start))


class _Problems:
    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: Any, error_code: str, **params: Any) -> None:
        self.by_field.setdefault(field, []).append(
            ValidationError(message, code=error_code, params=params or None)
        )

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _check_outcome(
    data: OutcomeInput, current: CareerOutcome | None, region_code: str, today: dt.date
) -> OutcomeInput:
    """The input made complete (carried-over dates, the region's code); ValidationError naming
    every problem."""
    problems = _Problems()
    if data.kind not in OutcomeKind.values:
        problems.add(
            "kind",
            _("Choose an outcome: %(choices)s."),
            "invalid_kind",
            choices=", ".join(OutcomeKind.values),
        )
        problems.raise_any()
    if data.effective_on > today:
        problems.add(
            "effective_on",
            _("The date %(date)s is in the future. Record an outcome once it has happened."),
            "future",
            date=date_text(data.effective_on),
        )
    if current is not None and data.effective_on < current.effective_on:
        problems.add(
            "effective_on",
            _(
                "The current outcome is dated %(date)s. Date a change on or after it; earlier "
                "outcomes stay in the history as they were."
            ),
            "before_current",
            date=date_text(current.effective_on),
        )
    data = _check_residence(data, region_code, problems)
    if len(data.note) > MAX_NOTE or len(data.employer) > 120:
        field = "note" if len(data.note) > MAX_NOTE else "employer"
        problems.add(field, _("This text is too long. Shorten it."), "too_long")
    if data.employer and data.kind not in EMPLOYER_KINDS:
        problems.add(
            "employer",
            _(
                "An employer belongs to a full-time conversion or to work elsewhere; leave it "
                "empty for this outcome."
            ),
            "employer_not_applicable",
        )
    if data.employment_insured is not None and data.kind not in INSURABLE_KINDS:
        problems.add(
            "employment_insured",
            _(
                "Employment insurance covers employees only; leave it empty for an independent "
                "or someone who left the program."
            ),
            "insured_not_applicable",
        )
    if data.kind == OutcomeKind.FULLTIME_CONVERSION:
        _check_step(data, current, problems)
    elif data.step:
        problems.add(
            "step",
            _("Only a full-time conversion has steps; leave the step empty for this outcome."),
            "step_not_applicable",
        )
    if data.kind == OutcomeKind.INDEPENDENT:
        data = _check_independent(data, current, today, problems)
    elif data.business_started_on or data.opening_notice_filed_on:
        problems.add(
            "business_started_on",
            _(
                "A business start date and 開業届 date belong to an independent outcome; leave "
                "them empty for this one."
            ),
            "business_not_applicable",
        )
    problems.raise_any()
    return data


def _place(code: str) -> str:
    """A municipality code as people know the place: 福岡県古賀市 (40223)."""
    found = postal.municipality(code)
    return f"{found.prefecture}{found.name} ({code})" if found is not None else code


def _check_residence(data: OutcomeInput, region_code: str, problems: _Problems) -> OutcomeInput:
    code = data.municipality_code.strip()
    if code and not (len(code) == 5 and code.isdigit()):
        problems.add(
            "municipality_code",
            _("A municipality code has 5 digits (JIS X 0402), such as 40223 for Koga City."),
            "municipality_code_format",
        )
    elif data.lives_in_region and code and code != region_code:
        problems.add(
            "municipality_code",
            _(
                "The person lives in the region, but %(municipality)s is another municipality. "
                "Use %(region_code)s or untick “lives in the region”."
            ),
            "municipality_not_region",
            municipality=_place(code),
            region_code=_place(region_code),
        )
    elif not data.lives_in_region and code == region_code:
        problems.add(
            "municipality_code",
            _(
                "%(municipality)s is this region's own code, but the person is marked as living "
                "outside it. Tick “lives in the region” or give the municipality they moved to."
            ),
            "municipality_is_region",
            municipality=_place(code),
        )
    if data.lives_in_region and not code:
        code = region_code
    return replace(data, municipality_code=code)


def _check_step(data: OutcomeInput, current: CareerOutcome | None, problems: _Problems) -> None:
    if data.step not in ConversionStep.values:
        problems.add(
            "step",
            _("Choose the conversion step reached: %(choices)s."),
            "invalid_step",
            choices=", ".join(ConversionStep.values),
        )
        return
    previous = (
        current.step
        if current is not None and current.kind == OutcomeKind.FULLTIME_CONVERSION
        else ""
    )
    if data.step == previous:
        return  # the same step: only the other facts change
    allowed = NEXT_STEPS[previous] if previous else (ConversionStep.APPLIED,)
    if data.step not in allowed:
        if previous == ConversionStep.HIRED and current is not None:
            problems.add(
                "step",
                _(
                    "The conversion ended with “%(current)s” on %(date)s, so it cannot go to "
                    "“%(step)s”. Record another kind of outcome for what came next."
                ),
                "step_out_of_order",
                current=ConversionStep.HIRED.label,
                date=date_text(current.hired_on) if current.hired_on else "",
                step=ConversionStep(data.step).label,
            )
        elif previous:
            problems.add(
                "step",
                _(
                    "The conversion is at “%(current)s” (since %(date)s), so it cannot go to "
                    "“%(step)s”. The next step is %(allowed)s."
                ),
                "step_out_of_order",
                current=ConversionStep(previous).label,
                date=date_text(getattr(current, f"{previous}_on")) if current else "",
                step=ConversionStep(data.step).label,
                allowed=" / ".join(str(ConversionStep(s).label) for s in allowed) or "-",
            )
        else:
            problems.add(
                "step",
                _("A full-time conversion starts with “%(first)s”; record that step first."),
                "step_out_of_order",
                first=ConversionStep.APPLIED.label,
            )
        return
    if current is not None and previous:
        last = getattr(current, f"{previous}_on")
        if last is not None and data.effective_on < last:
            problems.add(
                "effective_on",
                _("“%(step)s” cannot be dated before “%(previous)s” on %(date)s."),
                "step_before_previous",
                step=ConversionStep(data.step).label,
                previous=ConversionStep(previous).label,
                date=date_text(last),
            )


def _check_independent(
    data: OutcomeInput, current: CareerOutcome | None, today: dt.date, problems: _Problems
) -> OutcomeInput:
    if current is not None and current.kind == OutcomeKind.INDEPENDENT:
        # Later rows about the same business keep its dates unless they are given again.
        data = replace(
            data,
            business_started_on=data.business_started_on or current.business_started_on,
            opening_notice_filed_on=data.opening_notice_filed_on or current.opening_notice_filed_on,
        )
    start, filed = data.business_started_on, data.opening_notice_filed_on
    if start is None:
        problems.add(
            "business_started_on",
            _("Give the date the business started (開業日)."),
            "business_start_required",
        )
    if filed is not None:
        if filed > today:
            problems.add(
                "opening_notice_filed_on",
                _("The 開業届 filing date %(date)s is in the future. Record it once filed."),
                "filed_in_future",
                date=date_text(filed),
            )
        elif start is not None and filed < start:
            problems.add(
                "opening_notice_filed_on",
                _(
                    "The 開業届 reports a business that has started: date its filing on or "
                    "after the business start date %(start)s."
                ),
                "filed_before_start",
                start=date_text(start),
            )
    return data


def _same_as(data: OutcomeInput, current: CareerOutcome) -> bool:
    return all(
        getattr(data, f.name) == getattr(current, f.name)
        for f in fields(OutcomeInput)
        if f.name != "effective_on"
    )


def career_outcome_record(*, participant_id: int, data: OutcomeInput, actor: User) -> CareerOutcome:
    """Record the participant's outcome from a date on; the previous one becomes history."""
    with transaction.atomic():
        # Lock the participant row alone (not the region joined to it): one change at a time.
        participant = (
            Participant.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=participant_id)
        )
        current = CareerOutcome.objects.filter(participant=participant, current=True).first()
        data = _check_outcome(data, current, participant.region.code, clock.today())
        if current is not None and _same_as(data, current):
            raise Conflict(
                _("Nothing changed: this is already the current outcome. Change a fact first.")
            )
        steps: dict[str, dt.date | None] = dict.fromkeys(STEP_DATE_FIELDS)
        if data.kind == OutcomeKind.FULLTIME_CONVERSION:
            same_attempt = (
                current is not None
                and current.kind == OutcomeKind.FULLTIME_CONVERSION
                and not (
                    current.step == ConversionStep.DECLINED and data.step == ConversionStep.APPLIED
                )
            )
            if same_attempt and current is not None:
                steps = {name: getattr(current, name) for name in STEP_DATE_FIELDS}
            if steps[f"{data.step}_on"] is None:
                steps[f"{data.step}_on"] = data.effective_on
        if current is not None:
            current.current = False
            current.save(update_fields=["current"])
        outcome = CareerOutcome.objects.create(
            region=participant.region,
            participant=participant,
            kind=data.kind,
            effective_on=data.effective_on,
            step=data.step,
            employer=data.employer.strip(),
            business_started_on=data.business_started_on,
            opening_notice_filed_on=data.opening_notice_filed_on,
            employment_insured=data.employment_insured,
            lives_in_region=data.lives_in_region,
            municipality_code=data.municipality_code,
            note=data.note.strip(),
            recorded_by=actor,
            **steps,
        )
        # Where the participant lives now, for the ranking of project candidates.
        participant.lives_in_region = data.lives_in_region
        participant.available_for_projects = data.kind not in GONE_ELSEWHERE
        participant.save(update_fields=["lives_in_region", "available_for_projects"])
        audit_record(
            region=participant.region,
            actor=actor,
            action="career_outcome.record",
            obj=outcome,
            changes={
                "participant": participant.pk,
                "kind": [current.kind if current else None, data.kind],
                "step": data.step or None,
                "effective_on": data.effective_on.isoformat(),
                "lives_in_region": data.lives_in_region,
                "employment_insured": data.employment_insured,
            },
        )
    return outcome
