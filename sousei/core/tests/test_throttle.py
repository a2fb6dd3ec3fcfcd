"""The throttle counts in the database, which every server process shares."""

from __future__ import annotations

import datetime as dt

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


def test_lapsed_counts_are_swept(db: None) -> None:
    throttle.count_add(scope="t", value="a", window_seconds=60)
    with clock.travel_to(clock.now() + dt.timedelta(minutes=2)):
        throttle.count_add(scope="t", value="b", window_seconds=60)
        assert throttle.throttle_sweep() == 1
    assert ThrottleCount.objects.count() == 1
