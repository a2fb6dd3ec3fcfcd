"""The program owner onboards 宗像市 from a clean database; the invited operator sets a
password through the e-mailed link, signs in, publishes a copied course and accepts an
application."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import RegionFactory
from sousei.people.models import Application
from sousei.people.tests.factories import ApplicationFactory
from sousei.training.models import Course
from sousei.training.tests import factories as training_factories

pytestmark = pytest.mark.browser


def sign_in(page: Page, live_server: LiveServer, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()


def test_the_owner_onboards_a_region_and_its_operator_starts_work(
    page: Page, live_server: LiveServer, transactional_db: None
) -> None:
    koga = RegionFactory.create(code="40223", slug="koga", name_ja="古賀市", name_en="Koga City")
    with region_scope(koga):
        training_factories.course(koga, title="UiPath 入門")
    User.objects.create_superuser("owner", "owner@example.jp", "owner-pass-2026")

    # The program owner finds 宗像市 by name and onboards it.
    sign_in(page, live_server, "owner", "owner-pass-2026")
    page.goto(f"{live_server.url}/owner/regions/new/")
    page.get_by_label("名称・読み・英語名").fill("むなかた")
    page.get_by_role("button", name="検索").click()
    page.get_by_role("link", name="40220").click()
    expect(page.get_by_label("市区町村コード(JIS X 0402)")).to_have_value("40220")
    page.get_by_label("運営会社").fill("株式会社ミライワークス")
    page.get_by_label("最初の運営担当者のメールアドレス").fill("ops@example.jp")
    page.get_by_role("button", name="地域を導入する").click()
    expect(page.locator(".messages")).to_contain_text("/r/munakata/")
    page.context.clear_cookies()

    # The operator opens the invitation's link and sets a password.
    region = Region.objects.get(code="40220")
    with region_scope(region):
        invitation = OutboxMessage.objects.get(kind="invitation")
    link = re.search(r"\S+/r/munakata/invitation/\S+/", invitation.body)
    assert link is not None
    page.goto(link.group(0).replace(settings.SOUSEI_SITE_URL, live_server.url))
    page.get_by_label("新しいパスワード", exact=True).fill("kaisei-2026-munakata")
    page.get_by_label("新しいパスワード(確認用)").fill("kaisei-2026-munakata")
    page.get_by_role("button", name="パスワードを設定してサインイン").click()
    # Setting the password signs the operator in and takes them home.
    expect(page).to_have_url(re.compile(r"/r/munakata/dashboard/$"))

    # They publish the course copied from Koga.
    with region_scope(region):
        course = Course.objects.get(title="UiPath 入門")
        assert not course.is_published
    page.goto(f"{live_server.url}/r/munakata/courses/{course.pk}/edit/")
    page.get_by_label(re.compile("公開する")).check()
    page.get_by_role("button", name="研修コースを保存").click()
    expect(page).to_have_url(re.compile(rf"/r/munakata/courses/{course.pk}/$"))
    with region_scope(region):
        course.refresh_from_db()
        assert course.is_published

    # And accept a resident's application.
    with region_scope(region):
        application = ApplicationFactory.create(
            region=region, person__family_name="宗像", person__given_name="太郎"
        )
    page.goto(f"{live_server.url}/r/munakata/applications/")
    page.get_by_role("link", name=re.compile("宗像")).click()
    page.get_by_label("採用", exact=True).check()
    page.get_by_label(re.compile("理由")).fill("説明会に参加済み")
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="決定を保存").click()
    expect(page.locator(".messages")).to_contain_text("保存")
    with region_scope(region):
        assert Application.objects.get(pk=application.pk).status == "accepted"
