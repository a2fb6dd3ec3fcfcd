"""Notifications are stored in the outbox, shown in the app and e-mailed by the database
task worker."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.services.enrolments import PlanChoice, enrolment_create
from sousei.training.tests import factories


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
