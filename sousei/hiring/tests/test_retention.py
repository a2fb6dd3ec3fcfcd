"""Candidates who were not hired are deleted one year after their candidacy ended, as the
privacy notice on the application form promises; hires and open candidacies never are."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from conftest import Cast
from sousei.core import clock
from sousei.core.models import AuditEntry, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.hiring.models import Candidacy, OpeningStatus, StageMove
from sousei.hiring.services.candidacies import candidacy_move, opening_set_status
from sousei.hiring.services.retention import candidacies_purge
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
    stored_files,
)
from sousei.hiring.tests.test_funnel import hire
from sousei.people.models import Person
from sousei.people.tests.factories import ApplicationFactory

pytestmark = pytest.mark.usefixtures("media")

TOKYO = ZoneInfo("Asia/Tokyo")
ENDED = dt.datetime(2026, 1, 10, 10, 0, tzinfo=TOKYO)
A_YEAR_LATER = dt.datetime(2027, 1, 10, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def candidacies(koga: Region, cast: Cast) -> dict[str, Candidacy]:
    """Ended on ENDED: one rejected, one rejected who also applied to the program; one hired;
    one still open on a published opening; one left open on an opening closed that day."""
    operator = cast.user("operator")
    with region_scope(koga), clock.frozen_at(ENDED):
        job, closing = opening(koga), opening(koga, title="締め切った求人")
        made = {
            "rejected": apply(job, 1),
            "also_applicant": apply(job, 2),
            "hired": apply(job, 3),
            "open": apply(job, 4),
            "on_closed_opening": apply(closing, 5),
        }
        for name in ("rejected", "also_applicant"):
            candidacy_move(
                candidacy_id=made[name].pk, to_stage="rejected", actor=operator, reason="経験"
            )
        ApplicationFactory.create(region=koga, person=made["also_applicant"].person)
        hire(made["hired"].pk, operator, UserFactory.create(username="approver"))
        opening_set_status(opening_id=closing.pk, status=OpeningStatus.CLOSED, actor=operator)
    return made


def remaining(koga: Region) -> set[int]:
    with region_scope(koga):
        return set(Candidacy.objects.values_list("pk", flat=True))


def test_nothing_is_deleted_before_the_year_is_over(
    koga: Region, candidacies: dict[str, Candidacy]
) -> None:
    with region_scope(koga):
        result = candidacies_purge(region=koga, now=A_YEAR_LATER - dt.timedelta(minutes=1))
    assert result.candidacies == 0
    assert remaining(koga) == {c.pk for c in candidacies.values()}
    assert len(stored_files()) == len(candidacies)


def test_after_a_year_the_unsuccessful_are_deleted_with_their_cv_and_person(
    koga: Region, candidacies: dict[str, Candidacy], django_capture_on_commit_callbacks: Any
) -> None:
    files_before = len(stored_files())
    with (
        region_scope(koga),
        clock.frozen_at(A_YEAR_LATER + dt.timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),  # the files go after the commit
    ):
        result = candidacies_purge(region=koga)
    gone = {candidacies[n].pk for n in ("rejected", "also_applicant", "on_closed_opening")}
    assert remaining(koga) == {candidacies["hired"].pk, candidacies["open"].pk}
    assert (result.candidacies, result.cv_files) == (3, 3)
    assert len(stored_files()) == files_before - 3
    with region_scope(koga):
        persons = set(Person.objects.values_list("pk", flat=True))
        assert not StageMove.objects.filter(candidacy_id__in=gone).exists()
        assert not OutboxMessage.objects.filter(
            about_model="hiring.candidacy", about_id__in=gone
        ).exists()
        [purge] = AuditEntry.objects.filter(action="candidacy.purge")
    # The program applicant stays a person; the others who only applied for a job do not.
    assert candidacies["also_applicant"].person_id in persons
    assert candidacies["rejected"].person_id not in persons
    assert candidacies["on_closed_opening"].person_id not in persons
    assert result.persons == 2
    assert purge.actor is None
    assert purge.changes == {
        "candidacies": 3,
        "persons": 2,
        "cv_files": 3,
        "retention_years": 1,
    }
    assert purge.at == A_YEAR_LATER + dt.timedelta(minutes=1)


def test_a_hire_is_never_deleted(koga: Region, candidacies: dict[str, Candidacy]) -> None:
    with region_scope(koga):
        candidacies_purge(region=koga, now=ENDED + dt.timedelta(days=365 * 10))
    assert candidacies["hired"].pk in remaining(koga)
    with region_scope(koga):
        assert Person.objects.filter(pk=candidacies["hired"].person_id).exists()


def test_the_daily_command_purges_every_region_and_again_finds_nothing(
    koga: Region, candidacies: dict[str, Candidacy]
) -> None:
    out = StringIO()
    later = (A_YEAR_LATER + dt.timedelta(days=1)).isoformat()
    call_command("hiring_daily", now=later, stdout=out)
    assert out.getvalue().strip() == (
        "candidacies deleted: 3, persons deleted: 2, CV files deleted: 3"
    )
    out = StringIO()
    call_command("hiring_daily", now=later, stdout=out)
    assert "candidacies deleted: 0" in out.getvalue()
