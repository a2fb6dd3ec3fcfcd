"""The one clock: it reads the real time until a block sets it, only for that block (not for
other threads), and what is written inside the block is stamped with the block's time."""

from __future__ import annotations

import datetime as dt
import re
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sousei.core import clock
from sousei.core.models import AuditEntry
from sousei.core.scoping import region_scope
from sousei.core.services import region_create

JST = ZoneInfo("Asia/Tokyo")
SOURCE = Path(__file__).resolve().parents[2]  # the sousei package


def test_it_reads_the_real_time_when_no_block_has_set_it() -> None:
    before = timezone.now()
    now = clock.now()
    assert before <= now <= timezone.now()
    assert now.tzinfo is not None
    assert clock.today() == timezone.localdate()


def test_it_is_frozen_inside_a_block_and_real_again_after_it() -> None:
    moment = dt.datetime(2026, 4, 6, 23, 30, tzinfo=JST)
    with clock.frozen_at(moment) as at:
        assert clock.now() == moment == at
        assert clock.now().utcoffset() == dt.timedelta(0)  # UTC, as timezone.now()
        # 23:30 in Tokyo is still the 6th there, while it is the 6th 14:30 in UTC.
        assert clock.today() == dt.date(2026, 4, 6)
    assert clock.now() > moment


def test_the_next_day_in_tokyo_starts_at_midnight_there() -> None:
    with clock.frozen_at(dt.datetime(2026, 4, 6, 15, 30, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 4, 7)


def test_blocks_nest_and_the_outer_one_holds_again_after_the_inner_one() -> None:
    outer = dt.datetime(2026, 4, 1, 9, tzinfo=JST)
    inner = dt.datetime(2026, 5, 1, 9, tzinfo=JST)
    with clock.frozen_at(outer):
        with clock.frozen_at(inner):
            assert clock.now() == inner
        assert clock.now() == outer


def test_it_refuses_a_naive_datetime() -> None:
    with (
        pytest.raises(ValueError, match="aware datetime"),
        clock.frozen_at(dt.datetime(2026, 4, 1, 9)),
    ):
        pass
    with (
        pytest.raises(ValueError, match="aware datetime"),
        clock.travel_to(dt.datetime(2026, 4, 1)),
    ):
        pass


def test_travel_to_starts_at_the_moment_and_runs_on() -> None:
    moment = dt.datetime(2026, 4, 1, 9, tzinfo=JST)
    with clock.travel_to(moment):
        first = clock.now()
        second = clock.now()
        assert moment <= first <= second < moment + dt.timedelta(minutes=1)


def test_another_thread_reads_the_real_time_while_a_block_is_set() -> None:
    seen: list[dt.datetime] = []
    moment = dt.datetime(2026, 4, 1, 9, tzinfo=JST)
    with clock.frozen_at(moment):
        thread = threading.Thread(target=lambda: seen.append(clock.now()))
        thread.start()
        thread.join()
        assert clock.now() == moment
    assert seen[0] > moment + dt.timedelta(days=100)


@pytest.mark.django_db
def test_rows_and_audit_entries_written_in_a_block_carry_its_time() -> None:
    moment = dt.datetime(2026, 4, 1, 9, 15, tzinfo=JST)
    with clock.frozen_at(moment):
        region = region_create(code="40220")
    assert region.created_at == moment
    with region_scope(region):
        entry = AuditEntry.objects.get(action="region.create", object_id=str(region.pk))
    assert entry.at == moment


# The source itself ------------------------------------------------------------------------


def _source_files() -> list[Path]:
    return [
        path
        for path in sorted(SOURCE.rglob("*.py"))
        if "migrations" not in path.parts
        and path.name != "clock.py"
        and path != Path(__file__).resolve()
    ]


def test_nothing_patches_the_time() -> None:
    """Code that needs another time sets the clock for a block; patching `timezone.now`
    would change it for every thread of the process."""
    patching = re.compile(
        r"patch(\.object)?\(\s*timezone\s*,\s*[\"']now|[\"']django\.utils\.timezone\.now"
        r"|timezone\.now\s*=|time_machine|freezegun|freeze_time"
    )
    offenders = [
        str(path.relative_to(SOURCE))
        for path in _source_files()
        if patching.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_code_reads_the_time_from_the_clock() -> None:
    reading = re.compile(
        r"timezone\.now\(\)|timezone\.localdate\(\)|default=timezone\.now|date\.today\(\)"
        r"|datetime\.now\(|datetime\.utcnow\(|auto_now(_add)?=True"
    )
    offenders = []
    for path in _source_files():
        if "tests" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            # auto_now fields are fine when the clock's DateTimeField stamps them.
            if reading.search(line) and "clock.DateTimeField(" not in line:
                offenders.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert offenders == []


def test_audit_entries_are_never_rewritten() -> None:
    """An audit entry is written once, by the service that did the thing, at its time."""
    rewriting = re.compile(r"AuditEntry\.objects[^\n]*\n?[^\n]*\.update\(")
    offenders = [
        str(path.relative_to(SOURCE))
        for path in _source_files()
        if rewriting.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
