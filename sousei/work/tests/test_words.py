"""Worked time reads as work, not study: 労働時間 on approvals, 未提出 for a draft day and
開始時刻 for the time a day starts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from conftest import Cast
from sousei.core.errors import Conflict, bilingual
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.work.services import timesheets as services
from sousei.work.tests.test_timesheets import MONDAY, WEEK, day, own_assignment


def test_a_work_week_and_its_approval_read_as_work(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        services.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=cast.user("participant")
        )
    participant = Client()
    participant.force_login(cast.user("participant"))
    week = participant.get(f"/r/koga/work/{assignment.pk}/?week=2025-12-08").content.decode()
    assert "未提出" in week
    assert "非公開" not in week
    assert "開始時刻" in week
    assert "開始日" not in week
    participant.post(f"/r/koga/work/{assignment.pk}/submit/", {"week_start": "2025-12-07"})
    approver = Client()
    approver.force_login(cast.user("client"))
    approvals = approver.get("/r/koga/approvals/").content.decode()
    assert "労働時間" in approvals
    assert "学習時間" not in approvals


def test_the_week_opens_inside_the_assignment(koga: Region, cast: Cast) -> None:
    participant = Client()
    participant.force_login(cast.user("participant"))
    # Today (the test's real date) is long after this assignment ended.
    ended = own_assignment(koga, cast)
    last_week = participant.get(f"/r/koga/work/{ended.pk}/").content.decode()
    assert "2026年3月31日(火)" in last_week
    with region_scope(koga):
        ended.starts_on, ended.ends_on = dt.date(2030, 4, 1), dt.date(2030, 6, 30)
        ended.save(update_fields=["starts_on", "ends_on"])
    first_week = participant.get(f"/r/koga/work/{ended.pk}/").content.decode()
    assert "2030年4月1日(月)" in first_week


def test_a_day_is_changed_until_its_week_is_submitted(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        record = services.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=cast.user("participant")
        )
    participant = Client()
    participant.force_login(cast.user("participant"))
    url = f"/r/koga/work/{assignment.pk}/records/{record.pk}/edit/"
    week = participant.get(f"/r/koga/work/{assignment.pk}/?week=2025-12-08").content.decode()
    assert f'href="{url}"' in week
    form = participant.get(url).content.decode()
    # The form is filled in with the record.
    assert 'value="09:00' in form
    assert 'value="12:00' in form
    changed = participant.post(
        url,
        {
            "date": "2025-12-08",
            "start": "10:00",
            "end": "18:00",
            "break1_start": "12:00",
            "break1_end": "13:00",
            "note": "開始を訂正",
        },
    )
    assert changed.status_code == 302
    with region_scope(koga):
        record.refresh_from_db()
        assert record.worked_minutes == 420
        assert record.note == "開始を訂正"
        assert AuditEntry.objects.filter(action="time_record.update").count() == 1
    participant.post(f"/r/koga/work/{assignment.pk}/submit/", {"week_start": "2025-12-07"})
    refused = participant.post(
        url, {"date": "2025-12-08", "start": "09:00", "end": "12:00", "note": ""}
    )
    assert refused.status_code == 422
    with region_scope(koga):
        record.refresh_from_db()
        assert record.worked_minutes == 420


def test_a_month_in_the_future_is_named_the_japanese_way(koga: Region, cast: Cast) -> None:
    operator = Client()
    operator.force_login(cast.user("operator"))
    refused = operator.post("/r/koga/pay-runs/", {"month": "2099-12"}).content.decode()
    assert "2099年12月" in refused
    assert "2099-12 " not in refused


def test_a_week_that_cannot_change_is_named_the_japanese_way(koga: Region, cast: Cast) -> None:
    """A week submitted twice, decided twice or changed after its submission is named by its
    first day as the page writes dates (2025年12月7日(日)), in English as Sun 7 Dec 2025."""
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        services.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=cast.user("participant")
        )
    week_ja, week_en = "2025年12月7日(日)", "Sun 7 Dec 2025"
    participant = Client()
    participant.force_login(cast.user("participant"))
    submit = f"/r/koga/work/{assignment.pk}/submit/"
    participant.post(submit, {"week_start": "2025-12-07"})
    again = participant.post(submit, {"week_start": "2025-12-07"}, follow=True).content.decode()
    assert f"{week_ja} からの週はすでに「承認待ち」です。" in again
    # A day recorded from a page opened before the week was submitted: the form is gone
    # from the week now, and the refusal shows above the days instead.
    closed = participant.post(
        f"/r/koga/work/{assignment.pk}/?week=2025-12-07",
        {"date": "2025-12-09", "start": "09:00", "end": "12:00", "note": ""},
    )
    assert closed.status_code == 422
    assert 'id="record-day"' not in closed.content.decode()
    assert (
        f"{week_ja} からの週は提出済みまたは承認済みのため変更できません" in closed.content.decode()
    )

    approver = Client()
    approver.force_login(cast.user("client"))
    approve = f"/r/koga/approvals/{assignment.pk}/approve/"
    approver.post(approve, {"week_start": "2025-12-07"})
    twice = approver.post(approve, {"week_start": "2025-12-07"}, follow=True).content.decode()
    assert f"{week_ja} からの週は承認待ちではありません。" in twice
    for page in (again, closed.content.decode(), twice):
        assert "2025-12-07 からの週" not in page

    with region_scope(koga), pytest.raises(Conflict) as caught:
        services.week_submit(assignment=assignment, week_start=WEEK, actor=cast.user("participant"))
    both = bilingual(caught.value.message, caught.value.params)
    assert both["en"].startswith(f"The week from {week_en} is already")
