"""Rows for the impact tests: a participant's whole way through the program written as
plain rows with the dates a test chooses, and a location-free hire made through hiring's
services. Call inside `region_scope(region)`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from sousei.careers.models import CareerOutcome
from sousei.careers.tests import factories as careers_factories
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.tests.factories import UserFactory
from sousei.hiring.models import Employee
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import OfferInput, offer_approve, offer_draft, offer_respond
from sousei.hiring.tests.factories import apply, opening
from sousei.impact.models import OutcomeRecord, Track
from sousei.people.models import Participant
from sousei.people.tests.factories import ApplicationFactory, ParticipantFactory, PersonFactory
from sousei.projects.tests import factories as project_factories
from sousei.training.models import Certificate, Enrolment, EnrolmentStatus
from sousei.training.tests import factories as training_factories


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def participant(
    region: Region,
    *,
    applied_on: dt.date,
    decided_on: dt.date | None = None,
    birth_date: dt.date = dt.date(1990, 4, 1),
    baseline_jpy: int = 120_000,
    user: User | None = None,
) -> Participant:
    person = PersonFactory.create(region=region, birth_date=birth_date, user=user)
    application = ApplicationFactory.create(
        region=region, person=person, status="accepted", baseline_monthly_income_jpy=baseline_jpy
    )
    application.submitted_at = at(applied_on)
    application.decided_at = at(decided_on or applied_on + dt.timedelta(days=7))
    application.save(update_fields=["submitted_at", "decided_at"])
    return ParticipantFactory.create(region=region, application=application, person=person)


def rejected_applicant(region: Region, *, applied_on: dt.date) -> None:
    application = ApplicationFactory.create(region=region, status="rejected")
    application.submitted_at = at(applied_on)
    application.decided_at = at(applied_on + dt.timedelta(days=5))
    application.save(update_fields=["submitted_at", "decided_at"])


def enrolment(
    region: Region,
    who: Participant,
    *,
    start: dt.date,
    completed_on: dt.date | None = None,
    withdrawn_on: dt.date | None = None,
) -> Enrolment:
    course = training_factories.course(region, title=f"研修 {who.pk}-{start}")
    status = (
        EnrolmentStatus.COMPLETED
        if completed_on
        else EnrolmentStatus.WITHDRAWN
        if withdrawn_on
        else EnrolmentStatus.ACTIVE
    )
    made = Enrolment.objects.create(
        region=region,
        participant=who,
        course=course,
        status=status,
        start_date=start,
        daily_minutes=240,
        planned_completion_date=start + dt.timedelta(days=60),
        study_days=40,
        completed_at=at(completed_on) if completed_on else None,
        withdrawn_at=at(withdrawn_on) if withdrawn_on else None,
    )
    if completed_on:
        Certificate.objects.create(
            region=region,
            enrolment=made,
            code=f"impact-test-{made.pk}",
            holder_name="古賀 花子",
            holder_name_kana="コガ ハナコ",
            course_title=course.title,
            product_name=course.product.name,
            minutes=9600,
            completed_on=completed_on,
        )
    return made


def paid_work(
    region: Region,
    who: Participant,
    *,
    starts_on: dt.date,
    ends_on: dt.date,
    pay: dict[dt.date, int],
) -> None:
    """An assignment and a completed pay statement per month given ({first day: yen})."""
    made = project_factories.assignment(
        region, participant=who, starts_on=starts_on, ends_on=ends_on
    )
    for month, yen in pay.items():
        careers_factories.pay(region, made, month, yen, 6000)


def outcome(
    region: Region, who: Participant, *, kind: str, on: dt.date, current: bool = True, **fields: Any
) -> CareerOutcome:
    CareerOutcome.objects.filter(participant=who, current=True).update(current=False)
    fields.setdefault("lives_in_region", True)
    return CareerOutcome.objects.create(
        region=region, participant=who, kind=kind, effective_on=on, current=current, **fields
    )


def second_operator(region: Region) -> User:
    user = UserFactory.create()
    Membership.objects.create(region=region, user=user, role=Role.OPERATOR)
    return user


def location_free_hire(
    region: Region, operator: User, *, n: int = 1, salary_jpy: int = 4_200_000, **fields: Any
) -> Employee:
    """A candidate applies, is offered and accepts (hiring's services; needs the `media`
    fixture for the CV)."""
    candidacy = apply(opening(region), n, **fields)
    candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=operator)
    today = timezone.localdate()
    offer = offer_draft(
        candidacy_id=candidacy.pk,
        data=OfferInput(
            salary_jpy=salary_jpy,
            start_date=today + dt.timedelta(days=30),
            respond_by=today + dt.timedelta(days=7),
        ),
        actor=operator,
    )
    offer_approve(offer_id=offer.pk, actor=second_operator(region))
    offer_respond(offer_id=offer.pk, accept=True, actor=None)
    return Employee.objects.get(candidacy=candidacy)


def outcome_record(region: Region, n: int, **fields: Any) -> OutcomeRecord:
    person = PersonFactory.create(region=region)
    fields.setdefault("applied_on", dt.date(2026, 4, 10))
    return OutcomeRecord.objects.create(
        region=region, person=person, track=Track.PROGRAM, source_id=n, **fields
    )


def completed_cohort(region: Region, *, completers: int, placed: int, first_id: int = 0) -> None:
    """`completers` people applied, were accepted and completed in FY2026, each aged 30, with
    an insured job a month after completing; the first `placed` joined paid work. Baseline
    ¥100,000; after ¥130,000 + ¥10,000 × n."""
    for n in range(completers):
        outcome_record(
            region,
            first_id + n,
            accepted=True,
            decided_on=dt.date(2026, 4, 20),
            enrolled_on=dt.date(2026, 5, 1),
            completed_on=dt.date(2026, 7, 31),
            insured_employed_on=dt.date(2026, 9, 1),
            age_at_completion=30,
            first_paid_on=dt.date(2026, 9, 1) if n < placed else None,
            outcome_on=dt.date(2026, 9, 1),
            outcome_kind="continue_projects",
            baseline_monthly_income_jpy=100_000,
            earnings_after_monthly_jpy=130_000 + 10_000 * n,
            employment=[["2026-09-01", None]],
        )
