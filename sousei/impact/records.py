"""From the records that ran the program to one outcome record: a pure module (no ORM, no
Django). The selectors read the sources into the plain values below; `program_record` and
`hire_record` compute the outcome record's fields; the services write them.

The rules of derivation (which date is "enrolled", when a person "left early to take a job",
which earnings count as "after") are in docs/impact.md, "The outcome record".
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from sousei.impact.indicators import HIRE, PROGRAM, WORK_KINDS, Outcome

# A job that starts this many days after someone left training still explains the leaving.
LEFT_FOR_JOB_DAYS = 31
# The employment types a hire is insured for without asking (雇用保険法 第4条: employees;
# a part-timer is insured from 20 hours a week, which the hire record does not say).
INSURED_EMPLOYMENT_TYPES = frozenset({"full_time", "contract"})


@dataclass(frozen=True)
class EnrolmentFact:
    start_date: dt.date
    status: str
    withdrawn_on: dt.date | None = None


@dataclass(frozen=True)
class OutcomeFact:
    """One career outcome row, oldest first."""

    kind: str
    effective_on: dt.date
    step: str = ""
    hired_on: dt.date | None = None
    employment_insured: bool | None = None
    lives_in_region: bool = True


@dataclass(frozen=True)
class CheckFact:
    """A residence check: when asked, and the answer if there is one."""

    months: int
    asked_on: dt.date | None = None
    answered: bool = False
    lives_in_region: bool | None = None
    monthly_income_jpy: int | None = None


@dataclass(frozen=True)
class ProgramSource:
    """Everything the program records say about one application and its participant."""

    application_id: int
    person_id: int
    applied_on: dt.date
    status: str
    participant_id: int | None = None
    decided_on: dt.date | None = None
    baseline_monthly_income_jpy: int | None = None
    birth_date: dt.date | None = None
    participant_lives_in_region: bool | None = None
    enrolments: tuple[EnrolmentFact, ...] = ()
    certificates: tuple[dt.date, ...] = ()
    passed_assessments: tuple[dt.date, ...] = ()
    raised_skills: tuple[dt.date, ...] = ()
    assignments: tuple[tuple[dt.date, dt.date], ...] = ()
    pay: tuple[tuple[dt.date, int], ...] = ()
    outcomes: tuple[OutcomeFact, ...] = ()
    annual_salary_jpy: int | None = None
    checks: tuple[CheckFact, ...] = ()
    # Why they left early, as an operator recorded it ("job" | "other"), if one did.
    left_early_reason: str = ""


@dataclass(frozen=True)
class HireSource:
    """A location-free hire: the employee record and its candidacy."""

    employee_id: int
    person_id: int
    applied_on: dt.date
    hired_on: dt.date
    start_date: dt.date
    days_to_hire: int
    employment_type: str
    annual_salary_jpy: int
    lives_in_region: bool
    source_event_id: int | None = None
    checks: tuple[CheckFact, ...] = ()


def age_on(birth: dt.date | None, day: dt.date | None) -> int | None:
    """Age in whole years on a day (a birthday on 29 February counts from 1 March)."""
    if birth is None or day is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _check_values(checks: tuple[CheckFact, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for months in (6, 12):
        check = next((c for c in checks if c.months == months), None)
        values[f"asked_{months}m_on"] = check.asked_on if check else None
        answered = check is not None and check.answered
        values[f"staying_{months}m"] = check.lives_in_region if answered and check else None
        values[f"income_{months}m_jpy"] = check.monthly_income_jpy if answered and check else None
    return values


def _latest_answer(checks: tuple[CheckFact, ...]) -> CheckFact | None:
    answered = [c for c in checks if c.answered and c.lives_in_region is not None]
    return max(answered, key=lambda c: c.months) if answered else None


def _work_start(fact: OutcomeFact) -> dt.date:
    return (
        fact.hired_on if fact.kind == "fulltime_conversion" and fact.hired_on else fact.effective_on
    )


def program_record(src: ProgramSource, *, today: dt.date) -> dict[str, Any]:
    """The outcome record's fields for one application (docs/impact.md, "The outcome record")."""
    accepted = src.status == "accepted"
    started = [
        e
        for e in src.enrolments
        if e.status in ("active", "completed")
        or (
            e.status == "withdrawn"
            and e.withdrawn_on is not None
            and e.start_date <= e.withdrawn_on
        )
    ]
    enrolled_on = min((e.start_date for e in started), default=None)
    completed_on = min(src.certificates, default=None)
    still_open = any(e.status in ("active", "waiting_licence") for e in src.enrolments)
    withdrawn = [e.withdrawn_on for e in started if e.status == "withdrawn" and e.withdrawn_on]
    left_early_on = (
        max(withdrawn) if withdrawn and completed_on is None and not still_open else None
    )
    work = [f for f in src.outcomes if f.kind in WORK_KINDS]
    employed_on = min((_work_start(f) for f in work), default=None)
    insured = [_work_start(f) for f in work if f.employment_insured]
    left_early_reason = ""
    if left_early_on is not None and src.left_early_reason:
        left_early_reason = src.left_early_reason
    elif left_early_on is not None:
        near_job = employed_on is not None and (
            (enrolled_on is None or employed_on >= enrolled_on)
            and employed_on <= left_early_on + dt.timedelta(days=LEFT_FOR_JOB_DAYS)
        )
        left_early_reason = "job" if near_job else "other"
    paid = [(start, min(end, today)) for start, end in src.assignments if start <= today]
    current = src.outcomes[-1] if src.outcomes else None
    outcome_on = src.outcomes[0].effective_on if src.outcomes else None
    months: dict[dt.date, int] = {}
    for month, yen in src.pay:
        months[month] = months.get(month, 0) + yen
    monthly = sorted(months.values())
    # Spells of work: project assignments, and each work outcome until the next outcome.
    spells: list[tuple[dt.date, dt.date | None]] = list(paid)
    for index, fact in enumerate(src.outcomes):
        if fact.kind not in WORK_KINDS:
            continue
        following = src.outcomes[index + 1] if index + 1 < len(src.outcomes) else None
        end = following.effective_on - dt.timedelta(days=1) if following else None
        spells.append((_work_start(fact), end))
    checks = _check_values(src.checks)
    after: int | None = None
    if current is not None and current.kind in WORK_KINDS:
        if current.kind == "fulltime_conversion" and current.hired_on and src.annual_salary_jpy:
            after = round(src.annual_salary_jpy / 12)
        elif current.kind == "continue_projects" and outcome_on is not None:
            later = [yen for month, yen in months.items() if month >= outcome_on.replace(day=1)]
            after = round(statistics.median(later)) if later else None
        else:
            reported = [checks["income_12m_jpy"], checks["income_6m_jpy"]]
            after = next((yen for yen in reported if yen is not None), None)
    answer = _latest_answer(src.checks)
    if answer is not None:
        lives: bool | None = answer.lives_in_region
    elif current is not None:
        lives = current.lives_in_region
    else:
        lives = src.participant_lives_in_region
    gains = sorted({*src.certificates, *src.passed_assessments, *src.raised_skills})
    return {
        "person_id": src.person_id,
        "track": PROGRAM,
        "source_id": src.application_id,
        "participant_id": src.participant_id,
        "applied_on": src.applied_on,
        "decided_on": src.decided_on,
        "accepted": accepted,
        "enrolled_on": enrolled_on,
        "enrolments": len(started),
        "completed_on": completed_on,
        "left_early_on": left_early_on,
        "left_early_reason": left_early_reason,
        "first_paid_on": min((s for s, _e in paid), default=None),
        "last_paid_on": max((e for _s, e in paid), default=None),
        "outcome_kind": current.kind if current else "",
        "outcome_on": outcome_on,
        "employed_on": employed_on,
        "insured_employed_on": min(insured, default=None),
        "employment_insured": current.employment_insured if current else None,
        "age_at_completion": age_on(src.birth_date, completed_on or left_early_on),
        "baseline_monthly_income_jpy": src.baseline_monthly_income_jpy,
        "monthly_earnings_jpy": round(statistics.median(monthly)) if monthly else None,
        "earnings_after_monthly_jpy": after,
        "earnings_by_month": {f"{m:%Y-%m}": yen for m, yen in sorted(months.items())},
        "employment": [[s.isoformat(), e.isoformat() if e else None] for s, e in sorted(spells)],
        "credential_on": completed_on,
        "skill_gains": [day.isoformat() for day in gains],
        "lives_in_region": lives,
        **checks,
        "hired_on": None,
        "days_to_hire": None,
        "source_event_id": None,
    }


def hire_record(src: HireSource) -> dict[str, Any]:
    """The outcome record's fields for one location-free hire."""
    checks = _check_values(src.checks)
    answer = _latest_answer(src.checks)
    insured = src.employment_type in INSURED_EMPLOYMENT_TYPES
    return {
        "person_id": src.person_id,
        "track": HIRE,
        "source_id": src.employee_id,
        "participant_id": None,
        "applied_on": src.applied_on,
        "decided_on": src.hired_on,
        "accepted": True,
        "enrolled_on": None,
        "enrolments": 0,
        "completed_on": None,
        "left_early_on": None,
        "left_early_reason": "",
        "first_paid_on": src.start_date,
        "last_paid_on": None,
        "outcome_kind": "hired",
        "outcome_on": src.start_date,
        "employed_on": src.start_date,
        "insured_employed_on": src.start_date if insured else None,
        "employment_insured": True if insured else None,
        "age_at_completion": None,
        "baseline_monthly_income_jpy": None,
        "monthly_earnings_jpy": None,
        "earnings_after_monthly_jpy": round(src.annual_salary_jpy / 12),
        "earnings_by_month": {},
        "employment": [[src.start_date.isoformat(), None]],
        "credential_on": None,
        "skill_gains": [],
        "lives_in_region": answer.lives_in_region if answer else src.lives_in_region,
        **checks,
        "hired_on": src.hired_on,
        "days_to_hire": src.days_to_hire,
        "source_event_id": src.source_event_id,
    }


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def outcome_of(row: dict[str, Any]) -> Outcome:
    """The indicators' plain values from a record's stored fields (a `.values()` row)."""
    return Outcome(
        track=row["track"],
        applied_on=row["applied_on"],
        decided_on=row["decided_on"],
        accepted=row["accepted"],
        enrolled_on=row["enrolled_on"],
        completed_on=row["completed_on"],
        left_early_on=row["left_early_on"],
        left_early_for_job=row["left_early_reason"] == "job",
        first_paid_on=row["first_paid_on"],
        last_paid_on=row["last_paid_on"],
        outcome_kind=row["outcome_kind"],
        outcome_on=row["outcome_on"],
        employed_on=row["employed_on"],
        insured_employed_on=row["insured_employed_on"],
        age_at_completion=row["age_at_completion"],
        baseline_monthly_income_jpy=row["baseline_monthly_income_jpy"],
        earnings=tuple(
            (dt.date.fromisoformat(f"{month}-01"), yen)
            for month, yen in (row["earnings_by_month"] or {}).items()
        ),
        earnings_after_monthly_jpy=row["earnings_after_monthly_jpy"],
        employment=tuple(
            (dt.date.fromisoformat(start), _day(end)) for start, end in row["employment"] or ()
        ),
        credential_on=row["credential_on"],
        skill_gains=tuple(dt.date.fromisoformat(day) for day in row["skill_gains"] or ()),
        lives_in_region=row["lives_in_region"],
        asked_6m_on=row["asked_6m_on"],
        staying_6m=row["staying_6m"],
        asked_12m_on=row["asked_12m_on"],
        staying_12m=row["staying_12m"],
        hired_on=row["hired_on"],
        days_to_hire=row["days_to_hire"],
        from_event=row["source_event_id"] is not None,
    )


OUTCOME_FIELDS = (
    "track",
    "applied_on",
    "decided_on",
    "accepted",
    "enrolled_on",
    "completed_on",
    "left_early_on",
    "left_early_reason",
    "first_paid_on",
    "last_paid_on",
    "outcome_kind",
    "outcome_on",
    "employed_on",
    "insured_employed_on",
    "age_at_completion",
    "baseline_monthly_income_jpy",
    "earnings_by_month",
    "earnings_after_monthly_jpy",
    "employment",
    "credential_on",
    "skill_gains",
    "lives_in_region",
    "asked_6m_on",
    "staying_6m",
    "asked_12m_on",
    "staying_12m",
    "hired_on",
    "days_to_hire",
    "source_event_id",
)
