"""Twenty operators staff the same project of three places at the same moment."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from conftest import Cast
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.models import Assignment
from sousei.projects.services import assignments
from sousei.projects.services.assignments import AssignmentInput, assignment_create
from sousei.projects.tests import factories

CLIENTS = 20
HEADCOUNT = 3
ROUNDS_TO_SHOW_THE_RACE = 5


def staff_all_at_once(koga: Region, cast: Cast) -> tuple[int, int]:
    """(assignments stored, refusals) after CLIENTS simultaneous attempts."""
    with region_scope(koga):
        project = factories.project(koga, headcount=HEADCOUNT)
        people = ParticipantFactory.create_batch(CLIENTS, region=koga)
    operator = cast.user("operator")
    barrier = threading.Barrier(CLIENTS)
    refused: list[Conflict] = []
    failures: list[BaseException] = []

    def staff(index: int) -> None:
        try:
            barrier.wait()
            with region_scope(koga):
                assignment_create(
                    region=koga,
                    data=AssignmentInput(
                        project_id=project.pk,
                        participant_id=people[index].pk,
                        starts_on=dt.date(2026, 12, 1),
                        ends_on=dt.date(2027, 3, 31),
                        hourly_rate_jpy=1300,
                    ),
                    actor=operator,
                )
        except Conflict as conflict:
            refused.append(conflict)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=staff, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    with region_scope(koga):
        return Assignment.objects.filter(project=project).count(), len(refused)


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("capacity under concurrency is proven on PostgreSQL")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only", "minimum_wages")
def test_a_project_is_never_staffed_beyond_its_headcount(koga: Region, cast: Cast) -> None:
    assert staff_all_at_once(koga, cast) == (HEADCOUNT, CLIENTS - HEADCOUNT)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only", "minimum_wages")
def test_without_the_lock_the_project_is_overstaffed(
    koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control case: the same race without the project lock overstaffs. On a loaded
    machine the threads may happen to run one after another, so it gets a few rounds (each
    on a new project) to show."""
    monkeypatch.setattr(assignments, "LOCK_PROJECT", False)
    rounds: list[int] = []
    while len(rounds) < ROUNDS_TO_SHOW_THE_RACE and max(rounds, default=0) <= HEADCOUNT:
        rounds.append(staff_all_at_once(koga, cast)[0])
    assert max(rounds) > HEADCOUNT, rounds
