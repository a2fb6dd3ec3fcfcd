"""A team member sets a status that clears a few seconds later: the office page, polling
the office endpoint, stops showing it by itself. The office, the org chart and a profile
pass the accessibility check.

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
from sousei.workplace.tests import factories
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser

STATUS = "まもなく消えるステータス"


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    # The live server's first answer loads the middleware and walks the static files.
    page.goto(f"{base}/login/", timeout=90_000)
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def test_a_status_clears_itself_on_the_office_page(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    member = cast.user("participant")
    with region_scope(koga):
        team = factories.team(koga, "RPAチーム")
        factories.seat(koga, member, team, manager=cast.user("operator"))
        factories.open_room(koga)
        room = factories.room_of(team)

    sign_in(page, live_server.url, "participant-koga")
    page.goto(f"{live_server.url}/r/koga/workplace/")
    assert_accessible(page)
    page.locator(f"form[action='/r/koga/workplace/rooms/{room.pk}/enter/'] button").click()
    in_room = page.locator(f"section[aria-labelledby='room-{room.pk}'] .office-people")
    expect(in_room).to_contain_text(member.get_username())

    page.locator("#id_state_1").check()  # busy
    page.locator("#id_status_emoji").fill("⏳")
    page.locator("#id_status_text").fill(STATUS)
    page.locator("#id_expires").select_option("custom")
    clears = timezone.localtime() + dt.timedelta(seconds=6)
    page.locator("#id_expires_at").fill(clears.strftime("%Y-%m-%dT%H:%M:%S"))
    page.locator("form[action='/r/koga/workplace/presence/'] button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/r/koga/workplace/$"))
    live = page.locator("#office-live")
    expect(live).to_contain_text(STATUS)
    # Past the expiry the next poll (every 15 s) redraws the rooms without it.
    expect(live).not_to_contain_text(STATUS, timeout=30_000)
    expect(live).to_contain_text(member.get_username())

    page.goto(f"{live_server.url}/r/koga/workplace/org/")
    expect(page.locator(".org-chart")).to_contain_text(member.get_username())
    assert_accessible(page)
    page.goto(f"{live_server.url}/r/koga/workplace/people/{member.pk}/")
    expect(page.locator("h1")).to_contain_text(member.get_username())
    assert_accessible(page)
