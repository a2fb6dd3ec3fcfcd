"""An operator accepts an application; the applicant opens the invitation from the e-mail,
chooses a password, lands on their home page, and signs in with it later. The account pages
pass the accessibility check."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.people.tests.factories import ApplicationFactory
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "kaisei-2026-miyaji-tea"


def sign_in(page: Page, live_server: LiveServer, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()


def test_an_accepted_applicant_sets_a_password_from_the_invitation_and_signs_in(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        application = ApplicationFactory.create(
            region=koga,
            person__family_name="宮地",
            person__given_name="健太",
            person__email="kenta.miyaji@example.jp",
        )
    sign_in(page, live_server, "operator-koga", TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))
    page.goto(f"{live_server.url}/r/koga/applications/{application.pk}/")
    page.get_by_label("採用", exact=True).check()
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="決定を保存").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("保存")

    # The operator's members page shows the new participant as invited.
    page.goto(f"{live_server.url}/r/koga/members/")
    expect(
        page.get_by_role("cell", name="kenta.miyaji@example.jp 招待済み・未サインイン")
    ).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    # The applicant opens the link of the e-mail (read from the outbox).
    with region_scope(koga):
        message = OutboxMessage.objects.get(kind="invitation", email="kenta.miyaji@example.jp")
    link = re.search(r"\S+/r/koga/invitation/\S+/", message.body)
    assert link is not None
    page.goto(link.group(0).replace(settings.SOUSEI_SITE_URL, live_server.url))
    expect(page.get_by_role("heading", level=1)).to_contain_text("古賀市")
    assert_accessible(page)
    page.get_by_label("新しいパスワード", exact=True).fill(PASSWORD)
    page.get_by_label("新しいパスワード(確認用)").fill(PASSWORD)
    page.get_by_role("button", name="パスワードを設定してサインイン").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))

    # The link works once.
    page.goto(link.group(0).replace(settings.SOUSEI_SITE_URL, live_server.url))
    expect(page.get_by_role("alert")).to_contain_text("使用済み")

    # Later they sign in with the password they chose.
    page.context.clear_cookies()
    sign_in(page, live_server, "kenta.miyaji@example.jp", PASSWORD)
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))
    page.goto(f"{live_server.url}/account/")
    expect(page.get_by_role("heading", name="最近のサインイン")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/r/koga/profile/")
    expect(page.get_by_label("電話番号")).to_be_visible()
    assert_accessible(page)


def test_the_password_reset_pages_are_accessible(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="パスワードをお忘れですか？").click()
    expect(page).to_have_url(re.compile(r"/password-reset/$"))
    assert_accessible(page)
    page.get_by_label("メールアドレス").fill("nobody@example.jp")
    page.get_by_role("button", name="リンクを送信").click()
    expect(page).to_have_url(re.compile(r"/password-reset/done/$"))
    assert_accessible(page)
