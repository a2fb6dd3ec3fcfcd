"""Privacy in the browser and in Japanese: a participant signs in, opens their privacy page,
downloads everything held about them at once (the request is recorded as answered), withdraws
sharing with the city and asks for a correction; the operator finds it in the queue, corrects
the record and completes it; the policy pages. Every page passes the accessibility check."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.careers.tests import factories as made
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose
from sousei.privacy.demo import seed_privacy
from sousei.privacy.models import PrivacyRequest
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser]


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def test_a_participant_downloads_their_data_and_the_operator_answers_a_correction(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        participant = made.participant(koga, cast.user("participant"))
        for purpose in ConsentPurpose.values:
            Consent.objects.create(
                region=koga,
                person=participant.person,
                purpose=purpose,
                granted=True,
                wording_version=CONSENT_WORDING_VERSION,
            )
        assignment = made.ended_assignment(koga, participant=participant)
        made.pay(koga, assignment, dt.date(2026, 10, 1), 131_300, 101 * 60)
        seed_privacy(region=koga, operator=cast.user("operator"))

    sign_in(page, live_server, "participant-koga")
    page.locator("footer a[href='/account/privacy/']").click()
    expect(page.locator("h1")).to_have_text("データとプライバシー")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="データをダウンロード（ZIP）").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["counts"]["koga"]["pay_statements (files)"] == 1
    assert "koga/consents.csv" in archive.namelist()

    page.goto(f"{live_server.url}/account/privacy/")
    expect(page.locator(".badge--completed")).to_have_count(1)
    page.get_by_role("button", name="撤回する：市への個人情報の提供").click()
    expect(page.locator(".messages")).to_contain_text("撤回")
    page.locator("#id_kind").select_option("correction")
    page.locator("#id_note").fill("名の漢字は「華子」が正しいです。")
    page.get_by_role("button", name="請求を送る").click()
    expect(page.locator(".messages")).to_be_visible()
    assert_accessible(page)
    with region_scope(koga):
        correction = PrivacyRequest.objects.get(kind="correction")

    sign_in(page, live_server, "operator-koga")
    page.goto(f"{live_server.url}/r/koga/privacy/requests/")
    expect(page.locator("h1")).to_have_text("開示等の請求")
    assert_accessible(page)
    page.locator(f"a[href='/r/koga/privacy/requests/{correction.pk}/']").first.click()
    expect(page.locator("h1")).to_contain_text("内容の訂正")
    assert_accessible(page)
    page.locator("#id_given_name").fill("華子")
    page.get_by_role("button", name="訂正して完了する").click()
    expect(page.locator(".badge--completed")).to_be_visible()
    participant.person.refresh_from_db()
    assert participant.person.given_name == "華子"

    page.goto(f"{live_server.url}/r/koga/privacy/")
    expect(page.locator("h1")).to_contain_text("プライバシーポリシー")
    expect(page.locator(".policy-body")).to_contain_text("法第33条")
    assert_accessible(page)
    page.goto(f"{live_server.url}/privacy/")
    assert_accessible(page)
