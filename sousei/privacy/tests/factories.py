"""A participant with every kind of record the program holds about a person, for the
disclosure tests and the benchmark. Call inside `region_scope(region)`; the CV needs a
MEDIA_ROOT (hiring's `media` fixture)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from sousei.careers.models import CareerOutcome, Evaluation, EvaluationSkill
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.core.outbox.services import message_queue
from sousei.events.tests.factories import event, register
from sousei.hiring.models import Interview
from sousei.impact.models import OutcomeRecord, ResidenceCheck, Track
from sousei.impact.tests.factories import location_free_hire
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose, Participant
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.tests import factories as project_factories
from sousei.training.models import PlanRevision, ProgressEntry
from sousei.work.models.payroll import PayRun, PayRunStatus, PayStatement
from sousei.work.models.timesheets import TimeRecord

FIRST_DAY = dt.date(2025, 1, 6)


@dataclass
class Rich:
    participant: Participant
    user: User


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def rich_participant(
    region: Region, user: User, operator: User, *, days: int = 30, months: int = 2, n: int = 1
) -> Rich:
    """A participant of `user` with consents, an application, training (plan, `days` days of
    progress, a certificate, a skill), an assignment with `days` time records and `months`
    completed pay statements, an evaluation, a career outcome, a residence check, an outcome
    record, an event registration, a candidacy with its CV, an interview, an accepted offer
    and an employee record, a message and audit entries."""
    participant = ParticipantFactory.create(region=region)
    person = participant.person
    person.user = user
    person.email = f"rich{n}-{region.slug}@example.jp"
    person.save(update_fields=["user", "email"])
    for purpose in ConsentPurpose.values:
        Consent.objects.create(
            region=region,
            person=person,
            purpose=purpose,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
    project_factories.trained_participant(region, participant=participant)
    enrolment = participant.enrolments.get()
    PlanRevision.objects.create(
        region=region,
        enrolment=enrolment,
        effective_from=enrolment.start_date,
        daily_minutes=240,
        weekdays="12345",
        skip_holidays=True,
        planned_completion_date=enrolment.planned_completion_date,
        study_days=40,
    )
    ProgressEntry.objects.bulk_create(
        ProgressEntry(
            region=region,
            enrolment=enrolment,
            date=FIRST_DAY + dt.timedelta(days=i),
            minutes=120,
        )
        for i in range(days)
    )
    last = FIRST_DAY + dt.timedelta(days=days)
    assignment = project_factories.assignment(
        region, participant=participant, starts_on=FIRST_DAY, ends_on=last
    )
    TimeRecord.objects.bulk_create(
        TimeRecord(
            region=region,
            assignment=assignment,
            participant=participant,
            date=FIRST_DAY + dt.timedelta(days=i),
            week_start=FIRST_DAY + dt.timedelta(days=i - i % 7),
            start=_at(FIRST_DAY + dt.timedelta(days=i), 9),
            end=_at(FIRST_DAY + dt.timedelta(days=i), 17),
            worked_minutes=420,
            break_minutes=60,
        )
        for i in range(days)
    )
    for m in range(months):
        month = dt.date(FIRST_DAY.year + (FIRST_DAY.month - 1 + m) // 12, (m % 12) + 1, 1)
        run, _created = PayRun.objects.get_or_create(
            region=region, month=month, defaults={"status": PayRunStatus.COMPLETED}
        )
        PayStatement.objects.create(
            region=region,
            pay_run=run,
            assignment=assignment,
            participant=participant,
            month=month,
            gross_jpy=150_000 + m,
            worked_minutes=8_400,
            overtime_minutes=0,
        )
    evaluation = Evaluation.objects.create(
        region=region,
        assignment=assignment,
        participant=participant,
        recommendation="continue_projects",
        comment="丁寧な仕事でした。",
        evaluator_role="operator",
        evaluated_by=operator,
    )
    EvaluationSkill.objects.create(
        region=region,
        evaluation=evaluation,
        skill=project_factories.skill(),
        rating=3,
        level_before=2,
        level_after=3,
    )
    CareerOutcome.objects.create(
        region=region,
        participant=participant,
        kind="continue_projects",
        effective_on=last,
        current=True,
        lives_in_region=True,
    )
    ResidenceCheck.objects.create(
        region=region,
        person=person,
        track=Track.PROGRAM,
        source_id=participant.application_id,
        months=6,
        due_on=last + dt.timedelta(days=180),
    )
    OutcomeRecord.objects.create(
        region=region,
        person=person,
        track=Track.PROGRAM,
        source_id=participant.application_id,
        participant_id=participant.pk,
        applied_on=FIRST_DAY,
    )
    register(event(region), n, email=person.email)
    employee = location_free_hire(region, operator, n=n, email=person.email)
    Interview.objects.create(
        region=region,
        candidacy=employee.candidacy,
        stage="interview_1",
        starts_at=_at(last, 10),
        ends_at=_at(last, 11),
        place="快生館",
    )
    message_queue(
        region=region,
        kind="test_message",
        language="ja",
        subject="お知らせ",
        body="本文",
        user=user,
        in_app=True,
    )
    audit_record(region=region, actor=user, action="test.self", obj=region)
    return Rich(participant=participant, user=user)
