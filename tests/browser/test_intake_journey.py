"""A Koga resident applies on a phone, in Japanese; an operator accepts the application."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.people.models import Application, Participant
from sousei.people.tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser


def test_a_resident_fills_in_the_application_form_in_japanese(
    page: Page, live_server: LiveServer, koga: Region
) -> None:
    page.goto(f"{live_server.url}/r/koga/apply/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_contain_text("応募")

    page.get_by_label("姓", exact=True).fill("古賀")
    page.get_by_label("名", exact=True).fill("花子")
    page.get_by_label("姓（フリガナ）").fill("こが")
    page.get_by_label("名（フリガナ）").fill("はなこ")
    page.get_by_label("生年月日").fill("1990-04-01")
    page.get_by_label("メールアドレス").fill("hanako.browser@example.jp")
    page.get_by_label("電話番号").fill("090-1234-5678")
    page.get_by_label("郵便番号").fill("811-3101")
    # The address comes from the postal code, through the public API.
    expect(page.locator("[data-postal-address]")).to_have_value(re.compile("福岡県古賀市天神"))
    page.get_by_label("番地・建物名").fill("1-2-3 天神ハイツ201")
    page.get_by_label("現在の働き方").select_option("part_time")
    page.get_by_label("1週間に働ける・学べる時間").fill("20")
    page.get_by_label("現在の月収（円）").fill("110000")
    page.get_by_label("上記の利用目的に同意します。").check()
    page.get_by_role("button", name="応募する").click()

    expect(page).to_have_url(re.compile(r"/r/koga/apply/done/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("受け付けました")
    with region_scope(koga):
        application = Application.objects.select_related("person").get()
    assert application.person.family_name_kana == "コガ"
    assert application.person.town == "天神"


def test_a_refused_postal_code_is_explained_next_to_the_field(
    page: Page, live_server: LiveServer, koga: Region
) -> None:
    page.goto(f"{live_server.url}/r/koga/apply/")
    page.get_by_label("郵便番号").fill("811-3201")
    expect(page.locator("[data-postal-address]")).to_have_value(re.compile("福津市"))
    page.get_by_role("button", name="応募する").click()
    error = page.locator("#postal_code-errors, [id$=postal_code-errors]").first
    expect(error).to_contain_text("福津市")
    with region_scope(koga):
        assert not Application.objects.exists()


def test_an_operator_signs_in_and_accepts_an_application(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        application = ApplicationFactory.create(
            region=koga, person__family_name="宮地", person__given_name="健太"
        )
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("ユーザー名").fill("operator-koga")
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))

    page.goto(f"{live_server.url}/r/koga/applications/")
    page.get_by_role("link", name=re.compile("宮地")).click()
    expect(page).to_have_url(re.compile(rf"/r/koga/applications/{application.pk}/$"))
    page.get_by_label("採用", exact=True).check()
    page.get_by_label(re.compile("理由")).fill("説明会に参加済み")
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="決定を保存").click()

    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("保存")
    with region_scope(koga):
        application.refresh_from_db()
        assert application.status == "accepted"
        assert Participant.objects.filter(application=application).exists()


def test_an_operator_filters_the_audit_log_and_a_bad_date_is_explained(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        audit_record(region=koga, actor=cast.user("trainer"), action="region.create", obj=koga)
    client_login(page, live_server)
    page.goto(f"{live_server.url}/r/koga/audit/")
    page.get_by_text("記録を絞り込む").click()
    page.get_by_label("操作").select_option("region.create")
    page.get_by_role("button", name="絞り込む").click()
    expect(page).to_have_url(re.compile(r"action=region.create"))
    expect(page.locator("#result-count")).to_have_text("1 件")
    expect(page.get_by_role("link", name="この記録をCSVでダウンロード")).to_be_visible()

    page.goto(f"{live_server.url}/r/koga/audit/?date_from=0001-01-01")
    expect(page.locator(".field--error")).to_contain_text("2000年から2100年までの日付")


def client_login(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("ユーザー名").fill("operator-koga")
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))
