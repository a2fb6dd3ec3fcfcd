"""From hours to pay, in the browser and in Japanese: a participant records two days of a past
week on a phone and submits it, the client approves the week, the operator runs and completes
the month's pay, and the participant reads the statement, whose lines add up to the gross.

Locators rely on structure (field ids, links, table cells and data attributes) rather than
on the wording of labels."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.models import Assignment
from sousei.projects.tests import factories
from tests.browser.menu import menu_go

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("minimum_wages")]


def participant_on_a_project(koga: Region, cast: Cast) -> Assignment:
    """participant-koga (古賀 花子) on the cast client's project at ¥1,200 since October 2025."""
    with region_scope(koga):
        participant = ParticipantFactory.create(
            region=koga,
            application__person__family_name="古賀",
            application__person__given_name="花子",
        )
        participant.person.user = cast.user("participant")
        participant.person.save(update_fields=["user"])
        project = factories.project(
            koga,
            title="請求書処理の自動化",
            starts_on=dt.date(2025, 10, 1),
            ends_on=dt.date(2026, 3, 31),
        )
        return factories.assignment(
            koga,
            participant=participant,
            on=project,
            starts_on=dt.date(2025, 10, 1),
            ends_on=dt.date(2026, 3, 31),
            hourly_rate_jpy=1200,
        )


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def record_day(page: Page, date: str, start: str, end: str) -> None:
    form = page.locator("form.form").filter(has=page.locator("#id_date"))
    form.locator("#id_date").fill(date)
    form.locator("#id_start").fill(start)
    form.locator("#id_end").fill(end)
    form.locator("#id_break1_start").fill("12:00")
    form.locator("#id_break1_end").fill("13:00")
    form.locator("#record-day").click()
    expect(page.locator(".messages")).to_be_visible()


def yen(text: str) -> int:
    digits = re.sub(r"[^\d−-]", "", text).replace("−", "-")
    return int(digits)


def test_a_week_is_recorded_approved_paid_and_read_on_the_statement(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    assignment = participant_on_a_project(koga, cast)
    week = f"/r/koga/work/{assignment.pk}/"

    # The participant records Mon 8 and Tue 9 December 2025 and submits the week.
    sign_in(page, live_server, "participant-koga")
    menu_go(page, "/r/koga/work/")
    page.locator(f"a[href='{week}']").first.click()
    page.goto(f"{live_server.url}{week}?week=2025-12-08")
    expect(page.locator(".week-nav strong")).to_contain_text("2025年12月7日(日)")
    record_day(page, "2025-12-08", "09:00", "18:00")
    record_day(page, "2025-12-09", "09:00", "19:00")  # an hour of overtime
    expect(page.locator(".work-record")).to_have_count(2)
    page.locator("#submit-week").click()
    expect(page.locator(".badge--submitted").first).to_be_visible()

    # The client sees the week on the dashboard and approves it.
    sign_in(page, live_server, "client-koga")
    expect(page.locator("#pay-approvals-title")).to_be_visible()
    menu_go(page, "/r/koga/approvals/")
    page.locator(f"a[href^='/r/koga/approvals/{assignment.pk}/']").click()
    expect(page.locator(".work-record")).to_have_count(2)
    page.locator("#approve-week").click()
    expect(page).to_have_url(re.compile(r"/r/koga/approvals/$"))
    expect(page.locator(".message--success")).to_contain_text("古賀 花子")

    # The operator runs December's pay and completes it.
    sign_in(page, live_server, "operator-koga")
    menu_go(page, "/r/koga/pay-runs/")
    page.locator("#id_month").fill("2025-12")
    page.locator("#run-pay").click()
    expect(page).to_have_url(re.compile(r"/r/koga/pay-runs/\d+/$"))
    page.locator("input[name=confirm]").check()
    page.locator("#complete-run").click()
    expect(page.locator(".badge--completed")).to_be_visible()

    # The participant reads the statement: 960 min regular = ¥19,200,
    # 60 min overtime × 1.25 = ¥1,500, gross ¥20,700; the lines add up.
    sign_in(page, live_server, "participant-koga")
    menu_go(page, "/r/koga/pay/")
    page.locator("a[href^='/r/koga/pay/']").filter(has_text="2025年12月").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2025年12月")
    rows = page.locator("table.pay-lines tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("¥19,200")
    expect(rows.nth(1)).to_contain_text("¥1,500")
    amounts = [yen(rows.nth(n).locator("td").last.inner_text()) for n in range(2)]
    gross = page.locator("[data-gross]")
    expect(gross).to_have_text("¥20,700")
    assert sum(amounts) == int(gross.get_attribute("data-gross") or 0) == 20700

    with page.expect_download() as info:
        page.locator("a[href$='statement.pdf']").click()
    path = info.value.path()
    assert path is not None
    assert path.read_bytes().startswith(b"%PDF")
