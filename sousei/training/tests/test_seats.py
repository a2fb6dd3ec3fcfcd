"""Seats come back: after a graduate's grace period, when a pool expires, on withdrawal."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.models import (
    AssessmentAttempt,
    CourseModule,
    Enrolment,
    Licence,
    PlanRevision,
    ProgressEntry,
)
from sousei.training.services.enrolments import (
    PlanChoice,
    enrolment_complete,
    enrolment_create,
    enrolment_replan,
    enrolment_withdraw,
)
from sousei.training.tests import factories

pytestmark = pytest.mark.django_db


def two_learners_one_seat(koga: Region, cast: Cast) -> tuple[Enrolment, Enrolment]:
    course = factories.course(koga)
    factories.pool(koga, seats=1)
    choice = PlanChoice(start_date=timezone.localdate() - dt.timedelta(days=30), daily_minutes=480)
    first, second = (
        enrolment_create(
            participant=ParticipantFactory.create(region=koga),
            course=course,
            choice=choice,
            actor=cast.user("operator"),
        )
        for _ in range(2)
    )
    return first, second


def finish_everything(enrolment: Enrolment) -> None:
    day = timezone.localdate() - dt.timedelta(days=1)
    for module in CourseModule.objects.filter(course=enrolment.course):
        ProgressEntry.objects.create(
            region=enrolment.region,
            enrolment=enrolment,
            date=day,
            minutes=60,
            module_finished=module,
        )
    AssessmentAttempt.objects.create(
        region=enrolment.region, enrolment=enrolment, score=90, passed=True
    )


def test_a_graduate_keeps_the_seat_for_the_grace_period_then_it_moves_on(
    in_koga: Region, cast: Cast
) -> None:
    first, second = two_learners_one_seat(in_koga, cast)
    finish_everything(first)
    enrolment_complete(enrolment_id=first.pk, actor=cast.user("trainer"))
    licence = Licence.objects.get(enrolment=first)
    assert licence.release_on == timezone.localdate() + dt.timedelta(days=30)
    assert licence.released_at is None

    out = StringIO()
    call_command("training_daily", "--date", str(licence.release_on), stdout=out)

    assert "seats freed: 1" in out.getvalue()
    second.refresh_from_db()
    assert second.status == "active"
    assert Licence.objects.filter(enrolment=second, released_at__isnull=True).exists()


def test_an_expired_pool_frees_its_seats(in_koga: Region, cast: Cast) -> None:
    first, _second = two_learners_one_seat(in_koga, cast)
    pool = Licence.objects.get(enrolment=first).pool
    call_command(
        "training_daily", "--date", str(pool.valid_to + dt.timedelta(days=1)), stdout=StringIO()
    )
    first.refresh_from_db()
    assert first.status == "waiting_licence"  # no other pool: back in line, first in it
    assert not Licence.objects.filter(released_at__isnull=True).exists()


def test_withdrawing_a_waiting_enrolment_leaves_the_queue(in_koga: Region, cast: Cast) -> None:
    first, second = two_learners_one_seat(in_koga, cast)
    enrolment_withdraw(enrolment_id=second.pk, actor=cast.user("operator"))
    second.refresh_from_db()
    assert second.status == "withdrawn"
    assert Licence.objects.get(released_at__isnull=True).enrolment == first


def test_replanning_keeps_the_earlier_plans(in_koga: Region, cast: Cast) -> None:
    first, _second = two_learners_one_seat(in_koga, cast)
    before = first.planned_completion_date
    enrolment_replan(
        enrolment_id=first.pk,
        from_date=timezone.localdate(),
        daily_minutes=150,
        actor=cast.user("trainer"),
    )
    first.refresh_from_db()
    plans = list(PlanRevision.objects.filter(enrolment=first).order_by("id"))
    assert [p.daily_minutes for p in plans] == [480, 150]
    assert plans[0].planned_completion_date == before
    assert first.planned_completion_date > before
    assert first.daily_minutes == 150
