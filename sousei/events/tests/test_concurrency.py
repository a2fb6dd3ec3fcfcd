"""40 people register at the same moment, through the public API, for an event of 15 places."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.events import services
from sousei.events.models import Registration
from sousei.events.tests.factories import event

CLIENTS = 40
PLACES = 15


def register_all_at_once(koga: Region) -> tuple[list[int], list[Registration]]:
    with region_scope(koga):
        internship = event(koga, capacity=PLACES)
    url = f"/api/v1/regions/koga/events/{internship.pk}/registrations"
    barrier = threading.Barrier(CLIENTS)
    answers: list[int] = []
    failures: list[BaseException] = []

    def register(n: int) -> None:
        try:
            body = {
                "family_name": "古賀",
                "given_name": f"学{n}",
                "family_name_kana": "コガ",
                "given_name_kana": "マナブ",
                "email": f"student{n}@example.jp",
                "graduation_year": 2027,
                "consents": {"privacy_policy": True},
            }
            client = Client()
            barrier.wait()
            response = client.post(url, body, content_type="application/json")
            answers.append(response.status_code)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    with region_scope(koga):
        return answers, list(Registration.objects.filter(event=internship).order_by("id"))


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("capacity under concurrency is proven on PostgreSQL")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_places_are_never_oversold_and_the_waitlist_keeps_order(koga: Region) -> None:
    answers, registrations = register_all_at_once(koga)
    assert answers == [201] * CLIENTS
    confirmed = [r for r in registrations if r.status == "confirmed"]
    waitlisted = [r for r in registrations if r.status == "waitlisted"]
    assert (len(confirmed), len(waitlisted)) == (PLACES, CLIENTS - PLACES)
    # In the order they got the event lock (which is the order of their ids), 1 to 25.
    assert [r.waitlist_position for r in waitlisted] == list(range(1, CLIENTS - PLACES + 1))
    assert max(r.id for r in confirmed) < min(r.id for r in waitlisted)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_without_the_lock_places_are_oversold(
    koga: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control case: the same race with the event lock switched off oversells, so the
    test above is known to catch a missing lock."""
    monkeypatch.setattr(services, "LOCK_EVENTS", False)
    _answers, registrations = register_all_at_once(koga)
    assert len([r for r in registrations if r.status == "confirmed"]) > PLACES
