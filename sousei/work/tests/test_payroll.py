"""Pay runs through the services and the API: approved records only, hand-checked yen, the
minimum wage per day, idempotence and locking, corrections paid as adjustment lines, the
45-hour warning per person, exports and the participant's statement (page and PDF)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.projects.models import Assignment
from sousei.projects.tests import factories
from sousei.work.models.payroll import PayLine, PayRun, PayStatement
from sousei.work.models.timesheets import TimeRecord
from sousei.work.services import payroll, timesheets
from sousei.work.tests.test_timesheets import day, own_assignment

pytestmark = pytest.mark.usefixtures("minimum_wages")
D = dt.date


def approved(
    region: Region, cast: Cast, assignment: Assignment, *days: timesheets.DayInput
) -> None:
    """Record the days (as the operator), submit their weeks and approve them (the client)."""
    operator, client = cast.user("operator"), cast.user("client")
    with region_scope(region):
        weeks = set()
        for data in days:
            timesheets.time_record_create(assignment=assignment, data=data, actor=operator)
            weeks.add(timesheets.week_start_of(data.date, region))
        for week in sorted(weeks):
            timesheets.week_submit(assignment=assignment, week_start=week, actor=operator)
            timesheets.week_approve(assignment=assignment, week_start=week, actor=client)


def lines(statement: PayStatement) -> list[tuple[str, int, int, str, int]]:
    return [
        (ln.kind, ln.minutes, ln.rate_jpy, str(ln.multiplier), ln.amount_jpy)
        for ln in statement.lines.all()
    ]


def december(region: Region, cast: Cast) -> Assignment:
    """Koga's cast participant at ¥1,200 with an approved December week and a half:
    Mon–Fri 12-01…05 9–18 (break 1 h) 5 × 480 regular; Sat 12-06 9–15: 360 weekly overtime;
    Sun 12-07 9–14: 300 on the statutory day off; Tue 12-09 13:00–01:00 (break 17–18):
    480 regular + 180 late-night overtime. A draft day 12-15 is not approved."""
    assignment = own_assignment(region, cast, hourly_rate_jpy=1200)
    approved(
        region,
        cast,
        assignment,
        *[day(D(2025, 12, n)) for n in range(1, 6)],
        day(D(2025, 12, 6), "09:00", "15:00", ("12:00", "12:30")),
        day(D(2025, 12, 7), "09:00", "14:00", ("12:00", "12:15")),
        day(D(2025, 12, 9), "13:00", "01:00", ("17:00", "18:00"), next_day=True),
    )
    with region_scope(region):
        timesheets.time_record_create(
            assignment=assignment, data=day(D(2025, 12, 15)), actor=cast.user("participant")
        )
    return assignment


def test_a_month_pays_the_approved_records_line_by_line(koga: Region, cast: Cast) -> None:
    assignment = december(koga, cast)
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-12", actor=cast.user("operator"))
        statement = PayStatement.objects.get(pay_run=run)
        # regular (5 × 480 + 480) × 1,200 / 60 = 57,600
        # Sat 12-06: 09:00–15:00 with 30 min break = 330 weekly OT × 1,200 × 1.25 / 60 = 8,250
        # Sun 12-07: 285 min × 1,200 × 1.35 / 60 = 7,695
        # Tue 12-09 22:00–01:00: 180 × 1,200 × 1.50 / 60 = 5,400
        assert lines(statement) == [
            ("regular", 2880, 1200, "1.00", 57600),
            ("overtime", 330, 1200, "1.25", 8250),
            ("late_night_overtime", 180, 1200, "1.50", 5400),
            ("holiday", 285, 1200, "1.35", 7695),
        ]
        assert statement.gross_jpy == 78945 == sum(ln.amount_jpy for ln in statement.lines.all())
        assert statement.assignment_id == assignment.pk
        assert statement.participant_id == assignment.participant_id
        assert statement.month == D(2025, 12, 1)
        assert statement.worked_minutes == 2880 + 330 + 180 + 285
        assert statement.overtime_minutes == 510
        assert statement.days_worked == 8
        # The draft day is left out and named in the warnings.
        assert run.records_left_out == 1
        assert [w["kind"] for w in run.warnings] == ["not_approved"]
        assert "2025-12-14" in run.warnings[0]["en"]
        assert run.records_paid == 8
        assert run.status == "draft"


def test_running_a_month_again_never_pays_twice(koga: Region, cast: Cast) -> None:
    december(koga, cast)
    operator = cast.user("operator")
    with region_scope(koga):
        first = payroll.pay_run_create(region=koga, month=D(2025, 12, 1), actor=operator)
        again = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        assert again.pk == first.pk
        assert PayStatement.objects.count() == 1
        assert PayLine.objects.count() == 4
        payroll.pay_run_complete(run=again, actor=operator)
        assert TimeRecord.objects.filter(locked=True).count() == 8
        # A completed month is returned as it is.
        third = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        assert third.pk == first.pk
        assert third.completed
        assert PayStatement.objects.count() == 1
        # Its days are locked: a participant cannot add one any more.
        with pytest.raises(ValidationError) as caught:
            timesheets.time_record_create(
                assignment=Assignment.objects.get(),
                data=day(D(2025, 12, 19)),
                actor=cast.user("participant"),
            )
    with translation.override("en"):
        assert "paid and locked" in str(caught.value)


def test_a_correction_after_the_month_is_paid_as_adjustment_lines(koga: Region, cast: Cast) -> None:
    assignment = december(koga, cast)
    operator = cast.user("operator")
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        payroll.pay_run_complete(run=run, actor=operator)
        original = TimeRecord.objects.get(date=D(2025, 12, 1))
        # Mon 12-01 was really 09:00–20:00: 600 minutes, 120 of them daily overtime.
        fixed = timesheets.time_record_correct(
            assignment=assignment,
            data=day(D(2025, 12, 1), "09:00", "20:00"),
            reason="残業の記録漏れ",
            adjusts=original,
            actor=operator,
        )
        original.refresh_from_db()
        assert original.superseded
        assert original.locked
        assert fixed.is_adjustment
        assert fixed.status == "approved"
        january = payroll.pay_run_create(region=koga, month="2026-01", actor=operator)
        statement = PayStatement.objects.get(pay_run=january)
        # 120 × 1,200 × 1.25 / 60 = 3,000 more for December; nothing else changes.
        assert [
            (ln.kind, ln.minutes, ln.amount_jpy, ln.adjusts_month) for ln in statement.lines.all()
        ] == [("overtime", 120, 3000, D(2025, 12, 1))]
        assert statement.gross_jpy == statement.adjustment_jpy == 3000
        fixed.refresh_from_db()
        assert fixed.paid_in_id == january.pk
        # Run January again: still 3,000, once.
        again = payroll.pay_run_create(region=koga, month="2026-01", actor=operator)
        assert PayStatement.objects.get(pay_run=again).gross_jpy == 3000
        # A correction needs a reason, and only operators' current approved records.
        with pytest.raises(ValidationError):
            timesheets.time_record_correct(
                assignment=assignment,
                data=day(D(2025, 12, 1)),
                reason="",
                adjusts=fixed,
                actor=operator,
            )


def test_a_day_below_the_minimum_wage_stops_the_run(koga: Region, cast: Cast) -> None:
    # ¥1,000 was lawful in Fukuoka until 2025-11-15 (¥992) and is not from 11-16 (¥1,057).
    assignment = own_assignment(koga, cast, hourly_rate_jpy=1000)
    approved(koga, cast, assignment, day(D(2025, 11, 14)), day(D(2025, 11, 17)))
    with region_scope(koga), pytest.raises(ValidationError) as caught:
        payroll.pay_run_create(region=koga, month="2025-11", actor=cast.user("operator"))
    with translation.override("en"):
        message = " ".join(caught.value.messages)
    assert "Mon 17 Nov 2025" in message
    assert "¥1,000" in message
    assert "¥1,057" in message
    assert "Fri 14 Nov 2025" not in message
    with translation.override("ja"):
        assert "2025年11月17日(月)" in " ".join(caught.value.messages)
    with region_scope(koga):
        assert not PayRun.objects.exists()
        assert not TimeRecord.objects.filter(paid_in__isnull=False).exists()


def test_the_minimum_wage_change_on_2025_11_16_with_a_raised_rate(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(
        koga, cast, hourly_rate_jpy=1000, rate_changes=((D(2025, 11, 16), 1057),)
    )
    approved(koga, cast, assignment, day(D(2025, 11, 14)), day(D(2025, 11, 17)))
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-11", actor=cast.user("operator"))
        statement = PayStatement.objects.get(pay_run=run)
        # 480 × 1,000 / 60 = 8,000; 480 × 1,057 / 60 = 8,456; gross 16,456
        assert lines(statement) == [
            ("regular", 480, 1000, "1.00", 8000),
            ("regular", 480, 1057, "1.00", 8456),
        ]
        assert statement.gross_jpy == 16456


def test_days_of_a_week_begun_in_the_previous_month_count_toward_forty_hours(
    koga: Region, cast: Cast
) -> None:
    # Week Sun 2025-12-28 … Sat 2026-01-03: Mon–Wed in December (3 × 480), Thu–Sat in January.
    assignment = own_assignment(koga, cast, hourly_rate_jpy=1200)
    approved(
        koga,
        cast,
        assignment,
        *[day(D(2025, 12, n)) for n in (29, 30, 31)],
        *[day(D(2026, 1, n)) for n in (1, 2, 3)],
    )
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2026-01", actor=cast.user("operator"))
        statement = PayStatement.objects.get(pay_run=run)
        # regular 960 × 1,200 / 60 = 19,200; Sat: 480 weekly OT × 1,200 × 1.25 / 60 = 12,000
        assert lines(statement) == [
            ("regular", 960, 1200, "1.00", 19200),
            ("overtime", 480, 1200, "1.25", 12000),
        ]
        assert statement.gross_jpy == 31200


def test_a_person_over_45_hours_of_overtime_on_two_assignments_is_warned(
    koga: Region, cast: Cast
) -> None:
    first = own_assignment(koga, cast, hourly_rate_jpy=1200)
    with region_scope(koga):
        second = factories.assignment(
            koga,
            participant=first.participant,
            starts_on=D(2025, 10, 1),
            ends_on=D(2026, 3, 31),
            hourly_rate_jpy=1200,
        )
    # First: 10 weekdays 08:00–21:00 (break 1 h) → 240 min OT each = 40 h.
    weekdays = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12]
    approved(koga, cast, first, *[day(D(2025, 12, n), "08:00", "21:00") for n in weekdays])
    # Second: three Saturdays 08:00–19:00 (break 1 h), 10 h each. The person's weeks count
    # together: on the 6th and 13th the week's 40 h are already done (5 × 8 h on the first
    # assignment), so all 10 h are overtime; on the 20th (nothing else that week) 2 h are.
    # 40 + 10 + 10 + 2 = 62 h.
    approved(koga, cast, second, *[day(D(2025, 12, n), "08:00", "19:00") for n in (6, 13, 20)])
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-12", actor=cast.user("operator"))
        saturdays = lines(PayStatement.objects.get(pay_run=run, assignment=second))
    assert [w["kind"] for w in run.warnings] == ["overtime_45h"]
    assert "62:00" in run.warnings[0]["en"]
    # 8 h regular on the 20th; 22 h overtime, of which the 2 h past 60 h of the month (the
    # 20th is the month's last overtime) at +50 %:
    # 480 × 1,200 / 60 = 9,600; 1,200 × 1,200 × 1.25 / 60 = 30,000; 120 × 1,200 × 1.5 / 60 = 3,600
    assert saturdays == [
        ("regular", 480, 1200, "1.00", 9600),
        ("overtime", 1200, 1200, "1.25", 30000),
        ("overtime_over_60h", 120, 1200, "1.50", 3600),
    ]
    assert "36" in run.warnings[0]["ja"]


def test_the_api_runs_pay_and_exports_it(koga: Region, cast: Cast) -> None:
    assignment = december(koga, cast)
    api = bearer_client(cast.user("operator"))
    created = api.post(
        "/api/v1/regions/koga/pay-runs", {"month": "2025-12"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    [statement] = body["statements"]
    assert statement["assignment_id"] == assignment.pk
    assert statement["participant_id"] == assignment.participant_id
    assert statement["gross_jpy"] == 78945
    assert statement["lines"][0] == {
        "kind": "regular",
        "minutes": 2880,
        "rate_jpy": 1200,
        "multiplier": "1.00",
        "amount_jpy": 57600,
        "adjusts_month": None,
    }
    assert body["warnings"][0]["kind"] == "not_approved"
    run_id = body["id"]
    assert (
        api.post(
            "/api/v1/regions/koga/pay-runs", {"month": "2025-13"}, content_type="application/json"
        ).status_code
        == 422
    )
    assert (
        api.post(
            "/api/v1/regions/koga/pay-runs", {"month": "2099-01"}, content_type="application/json"
        ).status_code
        == 422
    )

    exported = api.get(f"/api/v1/regions/koga/pay-runs/{run_id}/export.csv")
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["参加者番号", "氏名", "フリガナ"]
    assert rows[0][-1] == "総支給額(円)"
    assert rows[1][-1] == "78945"
    assert rows[1][5] == "2025-12"
    workbook = load_workbook(
        io.BytesIO(api.get(f"/api/v1/regions/koga/pay-runs/{run_id}/export.xlsx").content)
    )
    assert workbook.sheetnames == ["給与明細", "明細行"]
    assert workbook["給与明細"].cell(row=2, column=len(rows[0])).value == 78945
    assert workbook["明細行"].max_row == 1 + 4
    with region_scope(koga):
        exports = list(AuditEntry.objects.filter(action="pay_run.export").order_by("id"))
    assert [(e.changes["format"], e.changes["rows"], e.object_id) for e in exports] == [
        ("csv", 1, str(run_id)),
        ("xlsx", 1, str(run_id)),
    ]
    assert {e.actor for e in exports} == {cast.user("operator")}

    completed = api.post(f"/api/v1/regions/koga/pay-runs/{run_id}/complete")
    assert completed.json()["status"] == "completed"
    again = api.post(
        "/api/v1/regions/koga/pay-runs", {"month": "2025-12"}, content_type="application/json"
    )
    assert again.status_code == 200
    assert again.json()["id"] == run_id
    assert [r["month"] for r in api.get("/api/v1/regions/koga/pay-runs").json()] == ["2025-12"]


def test_the_participant_sees_their_statement_once_the_run_is_completed(
    koga: Region, cast: Cast
) -> None:
    december(koga, cast)
    operator = cast.user("operator")
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        statement = PayStatement.objects.get()
    me = bearer_client(cast.user("participant"))
    assert me.get("/api/v1/regions/koga/me/pay-statements").json() == []
    assert me.get(f"/api/v1/regions/koga/pay-statements/{statement.pk}").status_code == 404
    with region_scope(koga):
        payroll.pay_run_complete(run=run, actor=operator)
    [mine] = me.get("/api/v1/regions/koga/me/pay-statements").json()
    assert mine["gross_jpy"] == 78945
    page = Client()
    page.force_login(cast.user("participant"))
    html = page.get(f"/r/koga/pay/{statement.pk}/").content.decode()
    assert "¥78,945" in html
    assert "¥57,600" in html
    pdf = page.get(f"/r/koga/pay/{statement.pk}/statement.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "給与明細書" in text
    assert "¥78,945" in text
    assert "¥57,600" in text
    assert "2,880分" in text
    # Another participant of the region does not see it.
    stranger = Client()
    stranger.force_login(cast.user("candidate"))
    assert stranger.get(f"/r/koga/pay/{statement.pk}/").status_code == 403


def test_the_run_page_takes_the_same_queries_for_many_statements(koga: Region, cast: Cast) -> None:
    operator = cast.user("operator")
    page = Client()
    page.force_login(operator)

    def run_and_count(month: str) -> int:
        with region_scope(koga):
            run = payroll.pay_run_create(region=koga, month=month, actor=operator)
        with CaptureQueriesContext(connection) as captured:
            assert page.get(f"/r/koga/pay-runs/{run.pk}/").status_code == 200
        return len(captured)

    with region_scope(koga):
        a = factories.assignment(koga, starts_on=D(2025, 10, 1), ends_on=D(2026, 3, 31))
    approved(koga, cast, a, day(D(2025, 10, 6)))
    few = run_and_count("2025-10")
    for _ in range(4):
        with region_scope(koga):
            b = factories.assignment(koga, starts_on=D(2025, 10, 1), ends_on=D(2026, 3, 31))
        approved(koga, cast, b, day(D(2025, 11, 3)))
    approved(koga, cast, a, day(D(2025, 11, 4)))
    assert run_and_count("2025-11") == few


def test_line_multipliers_are_decimals() -> None:
    assert payroll.multiplier_text(Decimal("1.5")) == "1.50"


def test_a_correction_before_the_month_is_completed_replaces_the_day_in_the_draft(
    koga: Region, cast: Cast
) -> None:
    assignment = december(koga, cast)
    operator = cast.user("operator")
    with region_scope(koga):
        draft = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        original = TimeRecord.objects.get(date=D(2025, 12, 1))
        assert original.paid_in_id == draft.pk
        fixed = timesheets.time_record_correct(
            assignment=assignment,
            data=day(D(2025, 12, 1), "09:00", "20:00"),
            reason="残業の記録漏れ",
            adjusts=original,
            actor=operator,
        )
        again = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        assert again.pk == draft.pk
        original.refresh_from_db()
        fixed.refresh_from_db()
        assert original.paid_in_id is None
        assert fixed.paid_in_id == draft.pk
        # 78,945 + 120 min daily OT × 1,200 × 1.25 / 60 = 3,000 → 81,945, paid once.
        statement = PayStatement.objects.get(pay_run=again)
        assert statement.gross_jpy == 81945
        assert statement.adjustment_jpy == 0
        assert again.records_paid == 8


def test_a_correction_on_one_assignment_moves_another_assignments_minutes_into_overtime(
    koga: Region, cast: Cast
) -> None:
    """Tue 2025-12-02: A 08:00–12:15 (a 15-minute break; 4 h at ¥1,200), B 13:00–17:15
    (4 h at ¥1,500): 8 h, no overtime. A is corrected to start at 07:00 (5 h): the day is
    now 9 h, and in time order the hour past the 8th is B's last. A is owed its extra hour,
    60 × ¥1,200 / 60 = ¥1,200; B's last hour moves from regular (¥1,500) to overtime
    (60 × ¥1,500 × 1.25 / 60 = ¥1,875), ¥375 more."""
    operator = cast.user("operator")
    first = own_assignment(koga, cast, hourly_rate_jpy=1200)
    with region_scope(koga):
        second = factories.assignment(
            koga,
            participant=first.participant,
            starts_on=D(2025, 10, 1),
            ends_on=D(2026, 3, 31),
            hourly_rate_jpy=1500,
        )
    approved(koga, cast, first, day(D(2025, 12, 2), "08:00", "12:15", ("10:00", "10:15")))
    approved(koga, cast, second, day(D(2025, 12, 2), "13:00", "17:15", ("15:00", "15:15")))
    with region_scope(koga):
        december = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        payroll.pay_run_complete(run=december, actor=operator)
        assert sum(s.gross_jpy for s in PayStatement.objects.filter(pay_run=december)) == (
            4 * 1200 + 4 * 1500
        )
        timesheets.time_record_correct(
            assignment=first,
            data=day(D(2025, 12, 2), "07:00", "12:15", ("10:00", "10:15")),
            reason="始業時刻の記録誤り",
            adjusts=TimeRecord.objects.get(assignment=first, date=D(2025, 12, 2)),
            actor=operator,
        )
        january = payroll.pay_run_create(region=koga, month="2026-01", actor=operator)
        adjusted = {
            s.assignment_id: [
                (ln.kind, ln.minutes, ln.rate_jpy, ln.amount_jpy, ln.adjusts_month)
                for ln in s.lines.all()
            ]
            for s in PayStatement.objects.filter(pay_run=january)
        }
    # B: 60 regular minutes become overtime: −60 regular (−¥1,500) and +60 overtime (¥1,875).
    assert adjusted == {
        first.pk: [("regular", 60, 1200, 1200, D(2025, 12, 1))],
        second.pk: [
            ("regular", -60, 1500, -1500, D(2025, 12, 1)),
            ("overtime", 60, 1500, 1875, D(2025, 12, 1)),
        ],
    }


def test_completing_a_pay_run_on_its_page_asks_for_confirmation(koga: Region, cast: Cast) -> None:
    december(koga, cast)
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-12", actor=cast.user("operator"))
    page = Client()
    page.force_login(cast.user("operator"))
    assert 'name="confirm"' in page.get(f"/r/koga/pay-runs/{run.pk}/").content.decode()
    unconfirmed = page.post(f"/r/koga/pay-runs/{run.pk}/complete/", follow=True)
    assert "給与計算は確定されていません" in unconfirmed.content.decode()
    with region_scope(koga):
        run.refresh_from_db()
    assert run.status == "draft"
    page.post(f"/r/koga/pay-runs/{run.pk}/complete/", {"confirm": "yes"})
    with region_scope(koga):
        run.refresh_from_db()
    assert run.status == "completed"
