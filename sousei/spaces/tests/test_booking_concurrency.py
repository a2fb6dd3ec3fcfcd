"""30 people book one meeting room at the same moment for overlapping times."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator

import pytest
from django.db import connection

from conftest import Cast, refusals_at_once
from sousei.core.errors import Conflict, bilingual
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.spaces import services
from sousei.spaces.models import Booking
from sousei.spaces.tests import factories as f
from sousei.spaces.tests.factories import BEFORE, MONDAY, at

CLIENTS = 30
CONTROL_ROUNDS = 5
# The migration that adds the exclusion constraint (its module name starts with a digit).
CONSTRAINT_SQL = importlib.import_module("sousei.spaces.migrations.0002_booking_no_overlap")


def book_all_at_once(koga: Region, cast: Cast) -> tuple[list[Booking], list[Conflict]]:
    """Every client books the room from 10:00 + i minutes to 12:00: all overlap."""
    with region_scope(koga):
        room = f.resource(f.space(koga))
    member = cast.user("participant")

    def booking(i: int) -> Callable[[], object]:
        def book() -> object:
            with region_scope(koga):
                return services.booking_create(
                    region=koga,
                    actor=member,
                    resource_id=room.pk,
                    starts_at=at(MONDAY, 10) + dt.timedelta(minutes=i),
                    ends_at=at(MONDAY, 12),
                    purpose=f"client {i}",
                    holder=member,
                    now=BEFORE,
                )

        return book

    refusals = refusals_at_once([booking(i) for i in range(CLIENTS)], Conflict)
    with region_scope(koga):
        return list(Booking.objects.all()), refusals


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("overlap under concurrency is proven on PostgreSQL")


@pytest.fixture
def without_constraint() -> Iterator[None]:
    """The booking table without its exclusion constraint, for the control case."""
    with connection.cursor() as cursor:
        cursor.execute(CONSTRAINT_SQL.DROP)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM spaces_booking")
            cursor.execute(CONSTRAINT_SQL.CREATE)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_exactly_one_of_thirty_overlapping_bookings_wins(koga: Region, cast: Cast) -> None:
    bookings, refusals = book_all_at_once(koga, cast)
    assert len(bookings) == 1
    assert len(refusals) == CLIENTS - 1
    assert all(
        bilingual(r.message, r.params)["en"].startswith("会議室A is already booked")
        for r in refusals
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_the_constraint_alone_holds_without_the_lock(
    koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the resource lock off the exclusion constraint still refuses every overlap,
    and its IntegrityError reaches the caller as the same 409."""
    monkeypatch.setattr(services, "LOCK_RESOURCES", False)
    bookings, refusals = book_all_at_once(koga, cast)
    assert len(bookings) == 1
    assert len(refusals) == CLIENTS - 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only", "without_constraint")
def test_without_lock_and_constraint_bookings_overlap(
    koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control case: with neither guard the same race double-books the room, so the
    tests above are known to catch a missing guard. On a loaded machine the threads may
    happen to run one after another, so it gets a few rounds (each on a new room) to show."""
    monkeypatch.setattr(services, "LOCK_RESOURCES", False)
    stored_per_round: list[int] = []
    while len(stored_per_round) < CONTROL_ROUNDS and max(stored_per_round, default=0) <= 1:
        stored_before = sum(stored_per_round)
        bookings, _refusals = book_all_at_once(koga, cast)
        stored_per_round.append(len(bookings) - stored_before)
    assert max(stored_per_round) > 1, stored_per_round
