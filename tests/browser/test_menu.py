"""The operator's grouped menus by keyboard on a desktop and by touch on a phone, and the
dashboard's work queue leading to its list."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/dashboard/")


def test_the_operators_menus_open_and_close_by_keyboard_on_a_desktop(
    browser: Browser, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "operator-koga")
        pay_runs = page.locator(".site-nav a[href='/r/koga/pay-runs/']")
        expect(pay_runs).to_be_hidden()
        # The header stays one row of five groups: no second row of twenty links.
        header = page.locator(".site-header").bounding_box()
        assert header is not None
        assert header["height"] <= 130, header
        summary = page.locator(".site-nav summary", has_text="案件と報酬")
        summary.focus()
        page.keyboard.press("Enter")
        expect(pay_runs).to_be_visible()
        page.keyboard.press("Escape")
        expect(pay_runs).to_be_hidden()
        expect(summary).to_be_focused()
        # Opening one group closes the other.
        summary.click()
        page.locator(".site-nav summary", has_text="採用").click()
        expect(pay_runs).to_be_hidden()
        expect(page.locator(".site-nav a[href='/r/koga/hiring/openings/']")).to_be_visible()
        page.locator(".site-nav a[href='/r/koga/hiring/openings/']").click()
        page.wait_for_url("**/hiring/openings/")
        expect(page.locator(".site-nav summary.is-current")).to_have_text("採用")
    finally:
        context.close()


def test_on_a_phone_the_queue_leads_to_its_list_and_the_menu_to_the_groups(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    sign_in(page, live_server.url, "operator-koga")
    queue = page.locator(".work-queue")
    expect(queue).to_be_in_viewport()
    # Nothing waits in this empty region: the lists fold into one line that opens them.
    at_risk = queue.locator("a[href='/r/koga/at-risk/']")
    expect(at_risk).to_be_hidden()
    queue.locator(".work-queue__clear summary").click()
    at_risk.click()
    page.wait_for_url("**/at-risk/")
    page.locator(".menu-button").click()
    page.locator(".site-nav summary", has_text="事務局").click()
    page.locator(".site-nav a[href='/r/koga/audit/']").click()
    page.wait_for_url("**/audit/")
