"""A company asks Koga's program office a question: on a phone, in Japanese, it fills in the
contact form at /r/koga/contact/ and sees the confirmation; the operator finds the inquiry in
the inbox, answers it, and the answer waits in the outbox for the company's address while the
inquiry reads 回答済み. The form, the confirmation and the inbox pass the accessibility check."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.scoping import region_scope
from sousei.inquiries.models import Inquiry, InquiryStatus
from sousei.inquiries.tests.factories import with_office
from tests.browser.axe import assert_accessible
from tests.browser.test_pay_journey import sign_in

pytestmark = pytest.mark.browser

COMPANY_EMAIL = "ichiro@chikushi-butsuryu.example.jp"
ANSWER = "お問い合わせありがとうございます。来週お打ち合わせの日程をご相談させてください。"


def test_a_company_asks_and_the_office_answers(
    page: Page, live_server: LiveServer, koga: Region, cast: Cast
) -> None:
    with_office(koga)
    page.goto(f"{live_server.url}/r/koga/contact/")
    expect(page.locator("main .office-contact")).to_contain_text("092-555-0123")
    assert_accessible(page)
    page.get_by_label("会社", exact=True).check()
    page.locator("#id_organisation").fill("株式会社ちくし物流")
    page.locator("#id_name").fill("見本 一郎")
    page.locator("#id_email").fill(COMPANY_EMAIL)
    page.locator("#id_message").fill("受発注業務の自動化を、研修修了者の方に依頼できますか。")
    page.locator("#id_consent_privacy_policy").check()
    page.get_by_role("button", name="送信する").click()
    expect(page).to_have_url(re.compile(r"/r/koga/contact/sent/$"))
    expect(page.locator("h1")).to_have_text("お問い合わせを受け付けました")
    assert_accessible(page)

    sign_in(page, live_server, "operator-koga")
    page.goto(f"{live_server.url}/r/koga/inquiries/?status=new")
    row = page.locator("tbody tr").filter(has_text="見本 一郎")
    expect(row).to_have_count(1)
    assert_accessible(page)
    row.get_by_role("link", name="見本 一郎").click()
    page.locator("#id_body").fill(ANSWER)
    page.get_by_role("button", name="返信を送る").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text("回答済み")

    with region_scope(koga):
        inquiry = Inquiry.objects.get()
        assert inquiry.status == InquiryStatus.ANSWERED
        reply = OutboxMessage.objects.get(kind="inquiry_reply")
    assert reply.email == COMPANY_EMAIL
    assert ANSWER in reply.body
