"""The throttle counts in the database, which every server process shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import refusals_at_once
from sousei.core import clock, throttle
from sousei.core.models import ThrottleCount


def test_counts_add_up_within_the_window_and_lapse_after_it(db: None) -> None:
    for expected in (1, 2, 3):
        assert throttle.count_add(scope="t", value="192.0.2.1", window_seconds=60) == expected
    assert throttle.count_of(scope="t", value="192.0.2.1") == 3
    assert throttle.count_of(scope="t", value="192.0.2.2") == 0
    with clock.travel_to(clock.now() + dt.timedelta(seconds=61)):
        assert throttle.count_of(scope="t", value="192.0.2.1") == 0
        assert throttle.count_add(scope="t", value="192.0.2.1", window_seconds=60) == 1
        # The lapsed window's row was replaced, not kept beside the new one.
        assert ThrottleCount.objects.count() == 1


def test_the_key_holds_no_address(db: None) -> None:
    throttle.count_add(scope="t", value="someone@example.jp", window_seconds=60)
    assert "example" not in ThrottleCount.objects.get().key


def test_a_new_window_sweeps_the_lapsed_ones(db: None) -> None:
    throttle.count_add(scope="t", value="a", window_seconds=60)
    throttle.count_add(scope="t", value="b", window_seconds=600)
    with clock.travel_to(clock.now() + dt.timedelta(minutes=2)):
        throttle.count_add(scope="t", value="c", window_seconds=60)
    assert ThrottleCount.objects.count() == 2
    assert throttle.throttle_sweep() == 0


@pytest.mark.django_db(transaction=True)
def test_counts_made_at_once_by_separate_connections_all_count() -> None:
    """As gunicorn's workers would: each thread has its own database connection, and the
    first ones race to begin the window."""
    calls: list[Callable[[], object]] = [
        lambda: throttle.count_add(scope="t", value="192.0.2.1", window_seconds=60)
        for _ in range(8)
    ]
    assert refusals_at_once(calls, LookupError) == []
    assert throttle.count_of(scope="t", value="192.0.2.1") == 8
