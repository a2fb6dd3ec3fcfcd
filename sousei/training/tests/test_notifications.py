"""Notifications are stored in the outbox, shown in the app and e-mailed by the database
task worker; each kind reaches the learner as they chose."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Membership, OutboxMessage, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.core.tests.notifying import CHOICES, assert_notified, choose, recipients
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.notifications import Kind
from sousei.training.services.enrolments import (
    PlanChoice,
    enrolment_create,
    enrolments_refresh_pace,
)
from sousei.training.tests import factories
from sousei.training.tests.test_pages import complete, enrol


@pytest.mark.django_db(transaction=True)
def test_a_granted_licence_is_notified_and_mailed_by_the_worker(koga: Region, cast: Cast) -> None:
    participant_user = cast.user("participant")
    with region_scope(koga):
        course = factories.course(koga)
        factories.pool(koga, seats=1)
        participant = ParticipantFactory.create(region=koga)
        participant.person.user = participant_user
        participant.person.save(update_fields=["user"])
        enrolment_create(
            participant=participant,
            course=course,
            choice=PlanChoice(start_date=dt.date(2026, 12, 1), daily_minutes=480),
            actor=cast.user("operator"),
        )
        (notification,) = OutboxMessage.objects.filter(user=participant_user, in_app=True)
    assert notification.kind == "licence_granted"
    assert "UiPath Studio" in notification.subject
    assert mail.outbox == []  # queued in the database, not sent inline

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO(), verbosity=0)

    (message,) = mail.outbox
    assert message.to == [participant_user.email]
    assert "UiPath Studio" in message.subject
    with region_scope(koga):
        notification.refresh_from_db()
    assert notification.sent_at is not None


# Each kind reaches the learner in their language, with the link to their course page, by
# e-mail unless they chose the app only.


@CHOICES
def test_a_granted_licence_reaches_the_learner(koga: Region, cast: Cast, choice: str) -> None:
    learner = cast.user("participant")
    choose(learner, choice, Kind.LICENCE_GRANTED)
    enrol(koga, cast)
    assert_notified(
        koga, user=learner, kind=Kind.LICENCE_GRANTED, choice=choice, english="licence is ready"
    )


@CHOICES
def test_a_plan_at_risk_reaches_the_learner(koga: Region, cast: Cast, choice: str) -> None:
    learner = cast.user("participant")
    choose(learner, choice, Kind.PLAN_AT_RISK)
    enrol(koga, cast)  # started four weeks ago, nothing studied since
    with region_scope(koga):
        enrolments_refresh_pace(today=timezone.localdate())
    assert_notified(
        koga, user=learner, kind=Kind.PLAN_AT_RISK, choice=choice, english="needs attention"
    )


@CHOICES
def test_a_certificate_reaches_the_learner(koga: Region, cast: Cast, choice: str) -> None:
    learner = cast.user("participant")
    choose(learner, choice, Kind.CERTIFICATE_ISSUED)
    certificate = complete(koga, cast, enrol(koga, cast))
    message = assert_notified(
        koga, user=learner, kind=Kind.CERTIFICATE_ISSUED, choice=choice, english="Congratulations"
    )
    assert certificate.code in message.body


@CHOICES
def test_a_plan_at_risk_reaches_the_courses_trainers_and_the_operators(
    koga: Region, cast: Cast, choice: str
) -> None:
    trainer = cast.user("trainer")
    choose(trainer, choice, Kind.LEARNER_AT_RISK)
    # A trainer of other courses cannot open the learner, so is not told.
    colleague = UserFactory.create(username="colleague-trainer")
    Membership.objects.create(region=koga, user=colleague, role=Role.TRAINER)
    enrol(koga, cast)
    with region_scope(koga):
        enrolments_refresh_pace(today=timezone.localdate())
    assert recipients(koga, Kind.LEARNER_AT_RISK) == {trainer, cast.user("operator")}
    assert_notified(
        koga, user=trainer, kind=Kind.LEARNER_AT_RISK, choice=choice, english="falling behind"
    )
