"""Projects' notification: the participant is told they are assigned, in their language, with
the link to the assignment's work page, by e-mail unless they chose the app only."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.notifying import CHOICES, assert_notified, choose, recipients
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.notifications import Kind
from sousei.projects.services.assignments import AssignmentInput, assignment_create
from sousei.projects.tests import factories

pytestmark = pytest.mark.usefixtures("minimum_wages")


@CHOICES
def test_an_assignment_tells_the_participant(koga: Region, cast: Cast, choice: str) -> None:
    user = cast.user("participant")
    choose(user, choice, Kind.ASSIGNMENT_MADE)
    with region_scope(koga):
        participant = ParticipantFactory.create(region=koga)
        participant.person.user = user
        participant.person.save(update_fields=["user"])
        project = factories.project(
            koga, starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2027, 3, 31)
        )
        assignment_create(
            region=koga,
            data=AssignmentInput(
                project_id=project.pk,
                participant_id=participant.pk,
                starts_on=dt.date(2026, 12, 1),
                ends_on=dt.date(2027, 3, 31),
                hourly_rate_jpy=1_300,
            ),
            actor=cast.user("operator"),
        )
    message = assert_notified(
        koga, user=user, kind=Kind.ASSIGNMENT_MADE, choice=choice, english="You are assigned"
    )
    assert project.title in message.subject
    assert recipients(koga, Kind.ASSIGNMENT_MADE) == {user}
