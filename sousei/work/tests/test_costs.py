"""The client's costs per project and month: approved hours × the rate in force each day,
in whole yen, on a page and as CSV, for the client's own projects only."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import client_company
from sousei.projects.models import Assignment
from sousei.projects.tests import factories
from sousei.work.models.timesheets import RecordStatus, TimeRecord

pytestmark = pytest.mark.django_db

TOKYO = dt.timezone(dt.timedelta(hours=9))


def worked(
    assignment: Assignment, day: dt.date, minutes: int, status: str = RecordStatus.APPROVED
) -> TimeRecord:
    start = dt.datetime.combine(day, dt.time(9), tzinfo=TOKYO)
    return TimeRecord.objects.create(
        region=assignment.region,
        assignment=assignment,
        participant=assignment.participant,
        date=day,
        week_start=day - dt.timedelta(days=day.weekday()),
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        worked_minutes=minutes,
        status=status,
    )


def projects(region: Region) -> dict[str, Any]:
    """The client's project with a raise on 2026-01-15 (1,300 → 1,500 yen an hour), and a
    project of another company."""
    mine = factories.assignment(
        region,
        on=factories.project(region, title="請求書処理の自動化", starts_on=dt.date(2025, 10, 1)),
        starts_on=dt.date(2025, 10, 1),
        ends_on=dt.date(2026, 12, 31),
        rate_changes=((dt.date(2026, 1, 15), 1_500),),
    )
    worked(mine, dt.date(2025, 12, 10), 480)  # 10,400
    worked(mine, dt.date(2026, 1, 10), 450)  # 9,750
    worked(mine, dt.date(2026, 1, 20), 100)  # 2,500 at the new rate
    worked(mine, dt.date(2026, 1, 21), 7)  # 175.0 → 175
    worked(mine, dt.date(2026, 1, 22), 60, status=RecordStatus.SUBMITTED)  # not approved yet
    old = worked(mine, dt.date(2026, 1, 23), 600)
    TimeRecord.objects.filter(pk=old.pk).update(superseded=True)  # replaced by a correction
    other = factories.assignment(
        region,
        on=factories.project(
            region,
            title="他社の案件",
            organization=client_company("株式会社ほかの会社"),
            starts_on=dt.date(2025, 10, 1),
        ),
        starts_on=dt.date(2025, 10, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    worked(other, dt.date(2026, 1, 12), 120)
    return {"mine": mine, "other": other}


def signed_in(cast: Cast, role: str) -> Client:
    client = Client()
    client.force_login(cast.user(role))
    return client


def test_the_client_sees_hours_times_rate_per_project_and_month(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        projects(koga)
    response = signed_in(cast, "client").get("/r/koga/costs/?year=2026")
    assert response.status_code == 200
    lines = response.context["lines"]
    assert [(line.cost.project_title, line.cost.month, line.cost.cost_jpy) for line in lines] == [
        ("請求書処理の自動化", dt.date(2026, 1, 1), 9_750 + 2_500 + 175)
    ]
    assert lines[0].hours == "9.28"  # 557 minutes
    text = response.content.decode()
    assert "¥12,425" in text
    assert "他社の案件" not in text
    earlier = signed_in(cast, "client").get("/r/koga/costs/?year=2025")
    assert [line.cost.cost_jpy for line in earlier.context["lines"]] == [10_400]
    # The years read as tabs, the one shown marked current: this year and the years with
    # approved hours, not empty ones.
    assert 'class="stage-tab stage-tab--current" href="?year=2025" aria-current="page"' in (
        earlier.content.decode()
    )
    assert earlier.context["years"][-2:] == [2026, 2025]  # and any year since
    assert 'href="?year=2024"' not in earlier.content.decode()


def test_the_operator_sees_every_client(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        projects(koga)
    response = signed_in(cast, "operator").get("/r/koga/costs/?year=2026")
    titles = [line.cost.project_title for line in response.context["lines"]]
    assert titles == ["他社の案件", "請求書処理の自動化"]
    assert response.context["total_jpy"] == 12_425 + 2_600


def test_the_csv_has_japanese_headings_with_a_bom(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        projects(koga)
    response = signed_in(cast, "client").get("/r/koga/costs/costs.csv?year=2026")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["年月", "案件", "発注企業", "承認済み時間", "費用（円）"],
        ["2026年1月", "請求書処理の自動化", "株式会社玄海ロジスティクス", "9.28", "12425"],
    ]


def test_others_are_refused_and_a_strange_year_is_this_year(cast: Cast, koga: Region) -> None:
    assert signed_in(cast, "participant").get("/r/koga/costs/").status_code == 403
    assert signed_in(cast, "trainer").get("/r/koga/costs/costs.csv").status_code == 403
    for year in ("0", "9999", "abc", "-1", "2" * 30):
        response = signed_in(cast, "client").get("/r/koga/costs/", {"year": year})
        assert response.status_code == 200
        assert response.context["year"] == 2026 or response.context["year"] >= 2026


def test_the_page_runs_constant_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = signed_in(cast, "client")
    with region_scope(koga):
        made = projects(koga)
    client.get("/r/koga/costs/?year=2026")
    with django_assert_num_queries(7):
        assert len(client.get("/r/koga/costs/?year=2026").context["lines"]) == 1
    with region_scope(koga):
        for n in range(5):
            more = factories.assignment(
                koga,
                on=factories.project(koga, title=f"案件{n}", starts_on=dt.date(2025, 10, 1)),
                starts_on=dt.date(2025, 10, 1),
                ends_on=dt.date(2026, 12, 31),
            )
            for month in (2, 3, 4):
                worked(more, dt.date(2026, month, 3), 60)
        worked(made["mine"], dt.date(2026, 5, 7), 60)
    with django_assert_num_queries(7):
        assert len(client.get("/r/koga/costs/?year=2026").context["lines"]) == 17
