"""The breach register and the records of provision in the browser: operator-koga records a
lost USB stick with health notes, sees the reportable suggestion and the due dates, files the
preliminary report; then the city opens its people page and the operator finds the record of
that provision. Every page passes the accessibility check, on a desktop and a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.impact.services import outcome_records_rebuild
from sousei.impact.tests import factories as made
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose
from tests.browser.axe import DESKTOP, PHONE, assert_accessible

pytestmark = [pytest.mark.browser]


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def test_an_operator_records_a_breach_and_finds_the_citys_provision(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    import datetime as dt

    with region_scope(koga):
        sharing = made.participant(koga, applied_on=dt.date(2026, 4, 1))
        Consent.objects.create(
            region=koga,
            person_id=sharing.person_id,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
        outcome_records_rebuild(region=koga, actor=None)
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    sign_in(page, base, "operator-koga")
    page.goto(f"{base}/r/koga/privacy/breaches/")
    expect(page.locator("h1")).to_contain_text("漏えい等事案")
    page.get_by_role("link", name="事案を記録").click()
    assert_accessible(page)
    page.get_by_label("タイトル").fill("USBメモリの紛失")
    page.get_by_label("原因", exact=True).select_option("loss")
    page.get_by_label("要配慮個人情報（健康状態など）").check()
    page.get_by_label("対象となった本人の数").fill("8")
    page.get_by_role("button", name="保存する").click()

    expect(page.locator("h1")).to_contain_text("USBメモリの紛失")
    expect(page.locator("main")).to_contain_text("要配慮個人情報を含む（規則第7条第1号）")
    expect(page.locator("main")).to_contain_text("速報")
    assert_accessible(page)
    page.get_by_role("link", name="変更").click()
    page.get_by_label("速報の報告日").fill(clock.today().isoformat())
    page.get_by_role("button", name="保存する").click()
    expect(page.locator("main")).to_contain_text("報告済み")

    sign_in(page, base, "municipality-koga")
    page.goto(f"{base}/r/koga/impact/people/")
    expect(page.locator("main")).to_contain_text("1名")

    sign_in(page, base, "operator-koga")
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(f"{base}/r/koga/privacy/provisions/")
        expect(page.locator("main")).to_contain_text("impact.people")
        expect(page.locator("main")).to_contain_text("古賀市")
        assert_accessible(page)
        page.goto(f"{base}/r/koga/privacy/breaches/")
        expect(page.locator("main")).to_contain_text("USBメモリの紛失")
        assert_accessible(page)
