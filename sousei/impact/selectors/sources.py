"""Reads of the records that ran the program, for the outcome records: one query per kind of
source for a whole batch of applications or hires, never one per person. Read-only; call
inside the region scope."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sousei.careers.models import CareerOutcome, Evaluation, EvaluationSkill
from sousei.core.models import AuditEntry
from sousei.hiring.models import Candidacy, Employee, Offer
from sousei.impact.models import EarlyLeaving, OutcomeRecord, ResidenceCheck, Track
from sousei.impact.records import (
    CheckFact,
    EnrolmentFact,
    HireSource,
    OutcomeFact,
    ProgramSource,
)
from sousei.people.models import Application, Participant, Person
from sousei.projects.models import Assignment, AssignmentStatus
from sousei.training.models import AssessmentAttempt, Certificate, Enrolment
from sousei.work.models.payroll import PayRunStatus, PayStatement


def _date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _checks(track: str, source_ids: Sequence[int]) -> dict[int, tuple[CheckFact, ...]]:
    found: dict[int, list[CheckFact]] = defaultdict(list)
    rows = ResidenceCheck.objects.filter(track=track, source_id__in=source_ids).values_list(
        "source_id", "months", "asked_at", "answered_at", "lives_in_region", "monthly_income_jpy"
    )
    for source_id, months, asked_at, answered_at, lives, income in rows:
        found[source_id].append(
            CheckFact(
                months=months,
                asked_on=_date(asked_at) or _date(answered_at),
                answered=answered_at is not None,
                lives_in_region=lives,
                monthly_income_jpy=income,
            )
        )
    return {key: tuple(value) for key, value in found.items()}


def application_for_update(*, application_id: int) -> Application:
    """The application, locked for the caller's transaction (404 when not in the region)."""
    return get_object_or_404(Application.objects.select_for_update(), pk=application_id)


def application_ids_of(*, person_ids: Sequence[int] | None = None) -> list[int]:
    """The ids of the region's applications (of these persons), in order."""
    qs = Application.objects.order_by("id")
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return list(qs.values_list("id", flat=True))


def employee_ids_of(*, person_ids: Sequence[int] | None = None) -> list[int]:
    """The ids of the region's location-free hires (of these persons), in order."""
    qs = Employee.objects.order_by("id")
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return list(qs.values_list("id", flat=True))


def program_sources(*, application_ids: Sequence[int]) -> list[ProgramSource]:
    """What the program's records say about these applications (and their participants)."""
    apps = list(
        Application.objects.filter(id__in=application_ids)
        .order_by("id")
        .values(
            "id",
            "person_id",
            "status",
            "submitted_at",
            "decided_at",
            "baseline_monthly_income_jpy",
            "person__birth_date",
            "participant__id",
            "participant__lives_in_region",
        )
    )
    participant_of = {a["id"]: a["participant__id"] for a in apps if a["participant__id"]}
    pids = list(participant_of.values())
    enrolments: dict[int, list[EnrolmentFact]] = defaultdict(list)
    for pid, start, status, withdrawn_at in Enrolment.objects.filter(
        participant_id__in=pids
    ).values_list("participant_id", "start_date", "status", "withdrawn_at"):
        enrolments[pid].append(EnrolmentFact(start, status, _date(withdrawn_at)))
    certificates: dict[int, list[dt.date]] = defaultdict(list)
    for pid, day in Certificate.objects.filter(enrolment__participant_id__in=pids).values_list(
        "enrolment__participant_id", "completed_on"
    ):
        certificates[pid].append(day)
    passed: dict[int, list[dt.date]] = defaultdict(list)
    for pid, at in AssessmentAttempt.objects.filter(
        enrolment__participant_id__in=pids, passed=True
    ).values_list("enrolment__participant_id", "attempted_at"):
        passed[pid].append(_date(at) or dt.date.min)
    raised: dict[int, list[dt.date]] = defaultdict(list)
    for pid, at, before, after in EvaluationSkill.objects.filter(
        evaluation__participant_id__in=pids
    ).values_list(
        "evaluation__participant_id", "evaluation__evaluated_at", "level_before", "level_after"
    ):
        if after > before:
            raised[pid].append(_date(at) or dt.date.min)
    assignments: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for pid, start, end in (
        Assignment.objects.filter(participant_id__in=pids)
        .exclude(status=AssignmentStatus.CANCELLED)
        .values_list("participant_id", "starts_on", "ends_on")
    ):
        assignments[pid].append((start, end))
    pay: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for pid, month, gross in PayStatement.objects.filter(
        participant_id__in=pids, pay_run__status=PayRunStatus.COMPLETED
    ).values_list("participant_id", "month", "gross_jpy"):
        pay[pid].append((month, gross))
    outcomes: dict[int, list[OutcomeFact]] = defaultdict(list)
    for row in (
        CareerOutcome.objects.filter(participant_id__in=pids)
        .order_by("participant_id", "effective_on", "id")
        .values_list(
            "participant_id",
            "kind",
            "effective_on",
            "step",
            "hired_on",
            "employment_insured",
            "lives_in_region",
        )
    ):
        outcomes[row[0]].append(OutcomeFact(*row[1:]))
    person_ids = [a["person_id"] for a in apps]
    salaries = dict(
        Employee.objects.filter(person_id__in=person_ids)
        .order_by("person_id", "start_date")
        .values_list("person_id", "salary_jpy")
    )
    checks = _checks(Track.PROGRAM, [a["id"] for a in apps])
    reasons = dict(
        EarlyLeaving.objects.filter(application_id__in=[a["id"] for a in apps]).values_list(
            "application_id", "reason"
        )
    )
    sources = []
    for a in apps:
        pid = participant_of.get(a["id"])
        sources.append(
            ProgramSource(
                application_id=a["id"],
                person_id=a["person_id"],
                participant_id=pid,
                applied_on=_date(a["submitted_at"]) or dt.date.min,
                status=a["status"],
                decided_on=_date(a["decided_at"]),
                baseline_monthly_income_jpy=a["baseline_monthly_income_jpy"],
                birth_date=a["person__birth_date"],
                participant_lives_in_region=a["participant__lives_in_region"],
                enrolments=tuple(enrolments.get(pid, ())) if pid else (),
                certificates=tuple(certificates.get(pid, ())) if pid else (),
                passed_assessments=tuple(passed.get(pid, ())) if pid else (),
                raised_skills=tuple(raised.get(pid, ())) if pid else (),
                assignments=tuple(assignments.get(pid, ())) if pid else (),
                pay=tuple(pay.get(pid, ())) if pid else (),
                outcomes=tuple(outcomes.get(pid, ())) if pid else (),
                annual_salary_jpy=salaries.get(a["person_id"]),
                checks=checks.get(a["id"], ()),
                left_early_reason=reasons.get(a["id"], ""),
            )
        )
    return sources


def hire_sources(*, employee_ids: Sequence[int]) -> list[HireSource]:
    """What hiring's records say about these hires."""
    rows = (
        Employee.objects.filter(id__in=employee_ids)
        .order_by("id")
        .values_list(
            "id",
            "person_id",
            "candidacy__applied_at",
            "hired_at",
            "start_date",
            "employment_type",
            "salary_jpy",
            "lives_in_region",
            "candidacy__source_event_id",
        )
    )
    listed = list(rows)
    checks = _checks(Track.HIRE, [row[0] for row in listed])
    return [
        HireSource(
            employee_id=eid,
            person_id=person_id,
            applied_on=_date(applied_at) or start,
            hired_on=_date(hired_at) or start,
            start_date=start,
            days_to_hire=max(0, (hired_at - applied_at).days),
            employment_type=employment_type,
            annual_salary_jpy=salary,
            lives_in_region=lives,
            source_event_id=event_id,
            checks=checks.get(eid, ()),
        )
        for (
            eid,
            person_id,
            applied_at,
            hired_at,
            start,
            employment_type,
            salary,
            lives,
            event_id,
        ) in listed
    ]


# The audited objects whose change can change someone's outcome record, and how to find the
# person from each (a path to people.Person's id, or for a pay run its statements).
PERSON_OF: dict[str, tuple[type[Any], str]] = {
    "people.person": (Person, "id"),
    "people.application": (Application, "person_id"),
    "people.participant": (Participant, "person_id"),
    "training.enrolment": (Enrolment, "participant__person_id"),
    "training.assessmentattempt": (AssessmentAttempt, "enrolment__participant__person_id"),
    "training.certificate": (Certificate, "enrolment__participant__person_id"),
    "projects.assignment": (Assignment, "participant__person_id"),
    "work.paystatement": (PayStatement, "participant__person_id"),
    "careers.evaluation": (Evaluation, "participant__person_id"),
    "careers.careeroutcome": (CareerOutcome, "participant__person_id"),
    "hiring.candidacy": (Candidacy, "person_id"),
    "hiring.offer": (Offer, "candidacy__person_id"),
    "hiring.employee": (Employee, "person_id"),
    "impact.residencecheck": (ResidenceCheck, "person_id"),
    "impact.earlyleaving": (EarlyLeaving, "application__person_id"),
}


def audit_tail_id() -> int:
    """The id of the region's latest audit entry (0 for none)."""
    return AuditEntry.objects.aggregate(last=Max("id"))["last"] or 0


def changed_person_ids(*, after_id: int, limit: int = 5000) -> tuple[set[int], int]:
    """The persons whose records changed in the audit entries after `after_id` (at most
    `limit` entries), and the id of the last entry read. One query for the entries and one
    per kind of object found."""
    entries = list(
        AuditEntry.objects.filter(id__gt=after_id)
        .order_by("id")
        .values_list("id", "object_type", "object_id")[:limit]
    )
    if not entries:
        return set(), after_id
    ids_by_type: dict[str, set[int]] = defaultdict(set)
    for _id, object_type, object_id in entries:
        if (object_type in PERSON_OF or object_type == "work.payrun") and object_id.isdigit():
            ids_by_type[object_type].add(int(object_id))
    persons: set[int] = set()
    for object_type, ids in ids_by_type.items():
        if object_type == "work.payrun":
            persons.update(
                PayStatement.objects.filter(pay_run_id__in=ids).values_list(
                    "participant__person_id", flat=True
                )
            )
            continue
        model, path = PERSON_OF[object_type]
        persons.update(
            person_id
            for person_id in model.objects.filter(id__in=ids).values_list(path, flat=True)
            if person_id is not None
        )
    return persons, entries[-1][0]


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def residence_checks_of_person(*, person_id: int) -> QuerySet[ResidenceCheck]:
    return ResidenceCheck.objects.filter(person_id=person_id).order_by("id")


def outcome_records_of_person(*, person_id: int) -> QuerySet[OutcomeRecord]:
    """The outcome records the city's figures are counted from (one per application or hire)."""
    return OutcomeRecord.objects.filter(person_id=person_id).order_by("id")
