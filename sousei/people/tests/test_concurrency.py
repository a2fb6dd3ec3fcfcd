"""Two people pressing "apply" with one email at the same moment store one application."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from django.db import connection

from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.people.models import Application
from sousei.people.services import application_submit
from sousei.people.tests.test_application_submit import HANAKO

CLIENTS = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_store_one_application(koga: Region) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL, the production database")
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit(n: int) -> None:
        try:
            barrier.wait()
            with region_scope(koga):
                application_submit(region=koga, data=replace(HANAKO, given_name=f"花子{n}"))
            outcome = "created"
        except Conflict:
            outcome = "conflict"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict"] * (CLIENTS - 1) + ["created"]
    with region_scope(koga):
        assert Application.objects.filter(email=HANAKO.email.lower()).count() == 1
