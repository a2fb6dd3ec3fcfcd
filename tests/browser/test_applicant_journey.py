"""An applicant applies and is told: a Koga resident applies on a phone, in Japanese, reads on
the receipt page what happens next and finds the receipt e-mail; the operator finds that
application in the list, decides it after confirming, and the applicant is e-mailed the
decision — with an accepted applicant's invitation opening the set-password page.

Locators rely on structure (field ids and names, hrefs, data attributes) more than on the
wording of labels; the Japanese is checked where the applicant reads it."""

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
from sousei.people.models import Application, Participant
from sousei.people.tests.factories import ApplicationFactory
from tests.browser.axe import assert_accessible
from tests.browser.menu import menu_go

pytestmark = pytest.mark.browser

EMAIL = "kenta.miyaji@example.jp"


def sign_in_as_operator(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("operator-koga")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form:has(#id_username) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def apply_on_the_form(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/r/koga/apply/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.locator("#id_family_name").fill("宮地")
    page.locator("#id_given_name").fill("健太")
    page.locator("#id_family_name_kana").fill("みやじ")
    page.locator("#id_given_name_kana").fill("けんた")
    page.locator("#id_birth_date").fill("1988-11-03")
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_phone").fill("090-2222-3333")
    page.locator("#id_postal_code").fill("811-3101")
    expect(page.locator("[data-postal-address]")).to_have_value(re.compile("古賀市天神"))
    page.locator("#id_address_line").fill("2-4-6")
    page.locator("#id_work_status").select_option("part_time")
    page.locator("#id_weekly_hours_available").fill("15")
    page.locator("#id_baseline_monthly_income_jpy").fill("90000")
    page.locator("#id_consent_program").check()
    page.locator("form[action='/r/koga/apply/'] button[type=submit]").click()


def test_a_resident_applies_on_a_phone_and_is_told_of_the_acceptance(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    assert page.viewport_size == {"width": 390, "height": 844}
    apply_on_the_form(page, live_server)

    # The receipt page: the reference number, that an e-mail was sent, and what comes next
    # with when they hear (the office checks within two weeks and e-mails the result).
    expect(page).to_have_url(re.compile(r"/r/koga/apply/done/$"))
    with region_scope(koga):
        application = Application.objects.select_related("person").get(email=EMAIL)
    expect(page.locator(".card strong")).to_have_text(str(application.pk))
    expect(page.locator("[data-receipt-emailed]")).to_contain_text("確認メールをお送りしました")
    steps = page.locator("ol.steps > li")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("2週間以内")
    expect(steps.nth(1)).to_contain_text("メール")
    assert_accessible(page)

    # The e-mail the page speaks of is there, in Japanese, with the reference and next step.
    with region_scope(koga):
        receipt = OutboxMessage.objects.get(kind="intake_received", email=EMAIL)
    assert receipt.language == "ja"
    assert "古賀市" in receipt.subject
    assert receipt.body.startswith("宮地 健太 様")
    assert f"受付番号は {application.pk} です" in receipt.body
    assert "2週間" in receipt.body

    # The operator signs in, goes to the applications from the menu and searches the kana.
    page.context.clear_cookies()
    sign_in_as_operator(page, live_server)
    menu_go(page, "/r/koga/applications/")
    expect(page).to_have_url(re.compile(r"/r/koga/applications/$"))
    page.locator("#id_q").fill("みやじ")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"q=%E3%81%BF"))
    page.locator(f"a[href='/r/koga/applications/{application.pk}/']").click()
    expect(page).to_have_url(re.compile(rf"/r/koga/applications/{application.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("宮地 健太")
    assert_accessible(page)

    # Accepting cannot be undone: without the confirmation box ticked nothing is saved.
    page.locator("input[name=decision][value=accept]").check()
    page.locator("#id_reason").fill("説明会に参加済み")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("#confirm-errors")).to_be_visible()
    with region_scope(koga):
        application.refresh_from_db()
        assert application.status == "submitted"
        assert not OutboxMessage.objects.filter(kind="intake_decided").exists()
    assert_accessible(page)
    page.locator("input[name=decision][value=accept]").check()
    page.locator("input[name=confirm]").check()
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("保存")
    expect(page.locator("input[name=decision]")).to_have_count(0)
    with region_scope(koga):
        application.refresh_from_db()
        assert application.status == "accepted"
        assert Participant.objects.filter(application=application).exists()

        # The applicant is told, in Japanese, and invited to choose a password.
        decided = OutboxMessage.objects.get(kind="intake_decided", email=EMAIL)
        invitation = OutboxMessage.objects.get(kind="invitation", email=EMAIL)
    assert decided.language == "ja"
    assert "参加が決まりました" in decided.subject
    assert str(application.pk) in decided.body
    assert invitation.language == "ja"
    link = re.search(r"\S+/r/koga/invitation/\S+/", invitation.body)
    assert link is not None
    page.context.clear_cookies()
    page.goto(link.group(0).replace(settings.SOUSEI_SITE_URL, live_server.url))
    expect(page.locator("input[type=password]")).to_have_count(2)
    expect(page.get_by_role("heading", level=1)).to_contain_text("古賀市")


def test_an_operator_rejects_with_a_reason_and_the_applicant_is_told_it(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        application = ApplicationFactory.create(
            region=koga,
            person__family_name="唐津",
            person__given_name="陽介",
            person__email="yosuke.karatsu@example.jp",
        )
    sign_in_as_operator(page, live_server)
    page.goto(f"{live_server.url}/r/koga/applications/{application.pk}/")
    page.locator("input[name=decision][value=reject]").check()
    page.locator("#id_reason").fill("古賀市外にお住まいのため")
    page.locator("input[name=confirm]").check()
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("保存")
    expect(page.locator("input[name=decision]")).to_have_count(0)
    with region_scope(koga):
        application.refresh_from_db()
        assert application.status == "rejected"
        assert not Participant.objects.filter(application=application).exists()
        told = OutboxMessage.objects.get(kind="intake_decided", email="yosuke.karatsu@example.jp")
        assert not OutboxMessage.objects.filter(kind="invitation").exists()
    assert told.language == "ja"
    assert "古賀市外にお住まいのため" in told.body
    assert told.body.startswith("唐津 陽介 様")
