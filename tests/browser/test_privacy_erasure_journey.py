"""An operator answers a request to stop using a person's data, then to erase it, on the
phone and on a desktop: the pages pass the accessibility check, the erasure asks for a
confirmation, and the person is listed as erased by number only."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.people.tests.factories import PersonFactory
from tests.browser.axe import DESKTOP, PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_operator_suspends_then_erases_a_person(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region, size: dict[str, int]
) -> None:
    with region_scope(koga):
        person = PersonFactory.create(region=koga, family_name="蒼井", given_name="澪音")
    page.set_viewport_size(size)  # type: ignore[arg-type]
    sign_in(page, live_server, "operator-koga")

    page.goto(f"{live_server.url}/r/koga/privacy/persons/{person.pk}/")
    expect(page.locator("h1")).to_contain_text("蒼井 澪音")
    assert_accessible(page)
    page.get_by_label("対応内容").select_option("suspend")
    page.get_by_label("理由または請求番号").fill("請求 12")
    page.get_by_role("button", name="実行する").click()
    expect(page.locator("h1")).to_contain_text("蒼井")
    expect(page.locator("main")).to_contain_text("利用停止中")

    page.get_by_label("対応内容").select_option("erase")
    page.get_by_role("button", name="実行する").click()
    expect(page.locator("main")).to_contain_text("チェックを入れてください")
    assert_accessible(page)
    page.get_by_label("対応内容").select_option("erase")
    page.get_by_label("消去は取り消せないことを理解しました").check()
    page.get_by_role("button", name="実行する").click()
    expect(page.locator("h1")).not_to_contain_text("蒼井")

    page.goto(f"{live_server.url}/r/koga/privacy/erasures/")
    expect(page.locator("main")).to_contain_text(f"#{person.pk}")
    expect(page.locator("main")).not_to_contain_text("蒼井")
    assert_accessible(page)
