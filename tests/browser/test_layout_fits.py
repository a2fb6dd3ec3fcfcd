"""What a screen shows without scrolling sideways or past the header: on a phone the header
is one line with a menu button; at 1280 px the space calendar shows the whole week."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.impact.services import kpi_targets_set
from sousei.projects.tests import factories as projects_factories
from sousei.spaces.models import ResourceKind
from sousei.spaces.tests import factories as spaces_factories
from sousei.training.models import Enrolment
from sousei.training.tests.test_pages import enrol

pytestmark = pytest.mark.browser


def sign_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/dashboard/")


def test_the_phone_header_is_one_line_with_a_menu_button(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    sign_in(page, live_server.url, "participant-koga")
    header = page.locator(".site-header")
    box = header.bounding_box()
    assert box is not None
    assert box["height"] <= 80, box
    nav = page.locator(".site-nav")
    expect(nav).to_be_hidden()
    button = page.locator(".menu-button")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(page.locator(".site-tools")).to_be_visible()
    nav.locator("a[href$='/bookings/']").click()
    page.wait_for_url("**/bookings/")


def test_the_space_calendar_shows_the_whole_week_at_1280_px(
    browser: Browser, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        space = spaces_factories.space(koga)
        for n in range(1, 9):
            spaces_factories.resource(space, kind=ResourceKind.DESK, name=f"デスク{n}", capacity=1)
        spaces_factories.resource(space, name="会議室A（大）")
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "participant-koga")
        page.goto(f"{live_server.url}/r/koga/spaces/{space.pk}/")
        overflow = page.evaluate(
            "() => { const w = document.querySelector('.table-wrap');"
            " return w.scrollWidth - w.clientWidth; }"
        )
        assert overflow <= 0
        sunday = page.locator(".booking-grid thead th").nth(7)
        expect(sunday).to_be_in_viewport()
    finally:
        context.close()


def test_a_long_project_title_on_the_dashboard_takes_its_own_line(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        projects_factories.project(koga, title="経費精算フローの自動化（Power Automate Desktop）")
    sign_in(page, live_server.url, "operator-koga")
    row = page.locator("#staffing-projects-title ~ ul.bars li").first
    label, meter = row.locator(".bars__label"), row.locator("meter")
    label_box, meter_box, row_box = (x.bounding_box() for x in (label, meter, row))
    assert label_box is not None
    assert meter_box is not None
    assert row_box is not None
    # The title spans the row, at most two lines, and the bar is below it.
    assert label_box["width"] >= row_box["width"] * 0.9
    assert label_box["height"] <= 2 * 1.8 * 16
    assert meter_box["y"] >= label_box["y"] + label_box["height"] - 1


def test_the_hours_studied_stay_on_one_line_on_a_narrow_phone(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    enrolment = enrol(koga, cast)
    with region_scope(koga):
        Enrolment.objects.filter(pk=enrolment.pk).update(minutes_done=2234)
    sign_in(page, live_server.url, "participant-koga")
    # The narrowest phones in use: the phrase and the percent no longer fit side by side.
    page.set_viewport_size({"width": 340, "height": 800})
    page.goto(f"{live_server.url}/r/koga/learning/")
    phrase = page.locator(".progress-block__figure > span").first
    expect(phrase).to_contain_text("37.2")
    # One line of the phrase is under 50 px high (its figure is 1.5rem); two would be twice.
    box = phrase.bounding_box()
    assert box is not None
    assert box["height"] < 50, box


def test_the_dashboard_with_kpis_does_not_scroll_sideways_on_a_phone(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    today = timezone.localdate()
    with region_scope(koga):
        kpi_targets_set(
            region=koga,
            fiscal_year=today.year if today.month >= 4 else today.year - 1,
            targets={
                "completers": 30,
                "income_change_median": 30_000,
                "wages_paid_in_region": 3_000_000,
            },
            actor=cast.user("operator"),
        )
    sign_in(page, live_server.url, "operator-koga")
    expect(page.locator("#impact-panel-title")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
