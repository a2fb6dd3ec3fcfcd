"""The one clock that services, selectors, views and tasks read the time from.

`now()` is `django.utils.timezone.now()` (aware, UTC) and `today()` is the local date
(Asia/Tokyo, the active time zone) — unless a block has set the clock: the demo replays a
program's history at past moments, and a test can put a service on a chosen day, without
patching `timezone.now` for the whole process. The setting lives in a context variable, so
it holds for the code running in that block only: another thread or request reads the real
time meanwhile.

    with clock.frozen_at(moment):       # every now() in the block is `moment`
        application_submit(...)
    with clock.travel_to(moment):       # now() starts at `moment` and runs on from there
        ...

Models stamp their creation and update times from the clock too (`DateTimeField` below,
`default=clock.now`), so a record written inside such a block carries that block's time,
audit entries included.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class _Setting:
    moment: dt.datetime
    # The real monotonic time when the block began, for a clock that runs on; None: frozen.
    started: float | None


_setting: ContextVar[_Setting | None] = ContextVar("sousei_clock", default=None)


def now() -> dt.datetime:
    """The current moment, aware (as `timezone.now()`), or the one a block has set."""
    setting = _setting.get()
    if setting is None:
        return timezone.now()
    if setting.started is None:
        return setting.moment
    return setting.moment + dt.timedelta(seconds=time.monotonic() - setting.started)


def today() -> dt.date:
    """Today's date in the active time zone (Asia/Tokyo), as `timezone.localdate()`."""
    return timezone.localdate(now())


def _aware(moment: dt.datetime) -> dt.datetime:
    if not isinstance(moment, dt.datetime) or timezone.is_naive(moment):
        raise ValueError(
            "The clock needs an aware datetime (with a time zone, e.g. tzinfo=ZoneInfo("
            f"'Asia/Tokyo')); got {moment!r}."
        )
    return moment.astimezone(dt.UTC)


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Inside the block, `now()` is `moment` and `today()` its local date. Blocks nest: the
    innermost one holds, and the outer one holds again when it ends."""
    at = _aware(moment)
    token = _setting.set(_Setting(moment=at, started=None))
    try:
        yield at
    finally:
        _setting.reset(token)


@contextmanager
def travel_to(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Inside the block the clock starts at `moment` and runs on at real speed."""
    at = _aware(moment)
    token = _setting.set(_Setting(moment=at, started=time.monotonic()))
    try:
        yield at
    finally:
        _setting.reset(token)


class DateTimeField(models.DateTimeField):
    """A DateTimeField whose `auto_now` and `auto_now_add` read this clock, so a row written
    inside `frozen_at(moment)` is stamped `moment` (Django's own read `timezone.now()`)."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)
