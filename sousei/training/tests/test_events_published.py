"""Completing a course tells the domain event subscribers, with ids and states only."""

from __future__ import annotations

import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.tests.events import events_recorded, of_kind
from sousei.training.services.enrolments import enrolment_complete
from sousei.training.tests.test_seats import finish_everything, two_learners_one_seat

pytestmark = pytest.mark.django_db


def test_completing_an_enrolment_publishes_enrolment_completed(
    in_koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    first, _second = two_learners_one_seat(in_koga, cast)
    finish_everything(first)
    certificate = enrolment_complete(enrolment_id=first.pk, actor=cast.user("trainer"))
    [event] = of_kind(published, "enrolment.completed")
    assert event.payload == {
        "enrolment_id": first.pk,
        "participant_id": first.participant_id,
        "person_id": first.participant.person_id,
        "course_id": first.course_id,
        "certificate_id": certificate.pk,
        "status": "completed",
    }
