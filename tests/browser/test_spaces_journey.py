"""A participant books a desk on a phone and shows the QR code; the space manager types the
code at the front desk, and today's occupancy shows them in.

Locators rely on structure (field ids, URLs, classes) rather than on wording."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.spaces.models import Booking, BookingStatus, ResourceKind
from sousei.spaces.tests import factories
from tests.browser.menu import menu_go

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def test_a_member_books_a_desk_and_the_front_desk_checks_them_in(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        space = factories.space(
            koga,
            opening_hours=[["00:00", "23:59"]] * 7,
            closed_periods=[],
            closed_on_holidays=False,
        )
        desk = factories.resource(space, kind=ResourceKind.DESK, name="窓際デスク", capacity=1)
    now = timezone.localtime()
    start = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    end = min(start + dt.timedelta(hours=2), start.replace(hour=23, minute=59))

    sign_in(page, live_server.url, "participant-koga")
    menu_go(page, "/r/koga/bookings/")
    page.locator("a[href='/r/koga/bookings/new/']").first.click()
    page.locator("#id_resource").select_option(str(desk.pk))
    page.locator("#id_day").fill(start.date().isoformat())
    page.locator("#id_start").fill(start.strftime("%H:%M"))
    page.locator("#id_end").fill(end.strftime("%H:%M"))
    page.locator("#id_purpose").fill("UiPath 自習")
    page.locator("form.form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/r/koga/bookings/\d+/$"))
    expect(page.locator(".booking-qr svg")).to_be_visible()
    code = page.locator(".booking-code--large").inner_text().replace("\n", " ")
    with region_scope(koga):
        booking = Booking.objects.get()
    assert code.replace(" ", "") == booking.check_in_code

    sign_in(page, live_server.url, "space_manager-koga")
    menu_go(page, "/r/koga/spaces/check-in/")
    page.locator("#id_code").fill(code.lower())
    page.locator("button[value='check_in']").click()
    expect(page.locator(".message--success")).to_contain_text("窓際デスク")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN

    page.goto(f"{live_server.url}/r/koga/spaces/{space.pk}/today/")
    expect(page.locator("#in-title + ul")).to_contain_text("participant-koga")
