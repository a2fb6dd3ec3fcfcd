"""The city's impact in the browser: municipality-koga opens 効果検証, sees the charts and the
KPI grades with small groups hidden, and downloads the council's PDF and the workbook."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.impact.services import kpi_targets_set
from sousei.impact.tests.factories import completed_cohort
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser]


@pytest.fixture(autouse=True)
def today() -> Iterator[None]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2027, 2, 15, 9))):
        yield


def test_the_city_reads_its_impact_and_downloads_the_report(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        completed_cohort(koga, completers=5, placed=2)
        kpi_targets_set(
            region=koga,
            fiscal_year=2026,
            targets={"completers": 6, "placed": 3, "employment_rate_mhlw": 70},
            actor=cast.user("operator"),
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("municipality-koga")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))
    page.goto(f"{live_server.url}/r/koga/impact/")

    expect(page.locator("h1")).to_contain_text("効果検証")
    kpis = page.locator("#kpi-title").locator("xpath=..")
    expect(kpis).to_contain_text("研修修了者数")
    expect(kpis).to_contain_text("○")  # 5 of 6
    expect(kpis).to_contain_text("◎")  # 就職率 100 % against 70 %
    # The two placed on paid work are hidden from the city, in the funnel and in the KPI.
    expect(page.locator("#funnel-title").locator("xpath=..")).to_contain_text("x")
    expect(page.locator("meter[aria-labelledby='funnel-completed']")).to_be_visible()
    expect(page.locator("svg[aria-labelledby='wages-chart-title']")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_download() as pdf_download:
        page.locator("a[href*='report.pdf']").click()
    pdf = PdfReader(io.BytesIO(pdf_download.value.path().read_bytes()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    assert "古賀市" in text
    assert "研修修了者数" in text

    with page.expect_download() as xlsx_download:
        page.locator("a[href*='report.xlsx']").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()))
    assert len(workbook.sheetnames) >= 3


def test_the_impact_pages_pass_the_accessibility_check(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        completed_cohort(koga, completers=5, placed=2)
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("operator-koga")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))
    for path in (
        "/r/koga/impact/",
        "/r/koga/impact/targets/2026/",
        "/r/koga/impact/residence/",
        "/r/koga/impact/people/",
        "/impact/comparison/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
