"""From internship to hire, on phones, in Japanese: a student registers for the workation
internship on its public page, staff check them in, they apply to a location-free opening
with a PDF CV, two operators interview them and submit scorecards (each blind to the other's
until theirs is in), an offer is drafted and approved by the second operator, the student
accepts it through the link in their mail, and the funnel attributes the hire to the
internship.

Locators rely on structure (field names, links, form actions) rather than label wording."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Browser, FilePayload, Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Membership, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD, UserFactory, operator_company
from sousei.events.models import EventKind, Registration
from sousei.events.tests import factories as events_helpers
from sousei.hiring.links import offer_token
from sousei.hiring.models import Candidacy, Employee, Offer
from sousei.hiring.services.candidacies import OpeningInput, opening_create

pytestmark = pytest.mark.browser

CV = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
EMAIL = "haruka.browser@student.example.jp"


def sign_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def phone(browser: Browser) -> Page:
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 390, "height": 844}, timezone_id="Asia/Tokyo"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_a_student_goes_from_the_internship_to_a_hire(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, koga: Region, tmp_path: Path
) -> None:
    url = live_server.url
    hiring_manager = UserFactory.create(username="operator2-koga")
    Membership.objects.create(region=koga, user=hiring_manager, role="operator")
    with region_scope(koga):
        internship = events_helpers.event(
            koga,
            kind=EventKind.WORKATION_INTERNSHIP,
            title="古賀ワーケーション・インターン",
            starts_at=timezone.now() + dt.timedelta(hours=1),
            capacity=10,
        )
        opening = opening_create(
            region=koga,
            data=OpeningInput(
                title="RPAエンジニア（拠点フリー）",
                description="古賀に住みながら、自宅や快生館から働きます。",
                employment_type="full_time",
                residence_region=koga,
                salary_min_jpy=3_600_000,
                salary_max_jpy=4_800_000,
                employer_id=operator_company(koga).pk,
            ),
            actor=cast.user("operator"),
            publish=True,
        )

    with override_settings(MEDIA_ROOT=str(tmp_path)):
        # 1. The student registers for the internship on its public page.
        page.goto(f"{url}/r/koga/events/{internship.pk}/")
        expect(page.locator("html")).to_have_attribute("lang", "ja")
        page.locator("input[name=family_name]").fill("古賀")
        page.locator("input[name=given_name]").fill("遥")
        page.locator("input[name=family_name_kana]").fill("こが")
        page.locator("input[name=given_name_kana]").fill("はるか")
        page.locator("input[name=email]").fill(EMAIL)
        page.locator("input[name=consent_privacy_policy]").check()
        page.locator(f"form[action$='/events/{internship.pk}/'] button[type=submit]").click()
        with region_scope(koga):
            registration = Registration.objects.get(person__email=EMAIL)
        assert registration.status == "confirmed"

        # 2. Staff check them in at the door by the code on their page.
        staff = phone(browser)
        sign_in(staff, url, "operator-koga")
        staff.goto(f"{url}/r/koga/events/manage/{internship.pk}/")
        staff.locator("input[name=code]").fill(registration.checkin_code)
        staff.locator("form[action$='/check-in/'] button[type=submit]").first.click()
        with region_scope(koga):
            registration.refresh_from_db()
        assert registration.checked_in_at is not None

        # 3. They apply to the location-free opening with a PDF CV.
        page.goto(f"{url}/r/koga/jobs/")
        page.locator(f"a[href='/r/koga/jobs/{opening.pk}/']").click()
        page.locator(f"a[href='/r/koga/jobs/{opening.pk}/apply/']").click()
        page.locator("input[name=family_name]").fill("古賀")
        page.locator("input[name=given_name]").fill("遥")
        page.locator("input[name=family_name_kana]").fill("こが")
        page.locator("input[name=given_name_kana]").fill("はるか")
        page.locator("input[name=email]").fill(EMAIL)
        page.locator("input[name=phone]").fill("090-1234-5678")
        page.locator("input[name=postal_code]").fill("811-3101")
        expect(page.locator("[data-postal-address]")).to_have_value(re.compile("古賀市"))
        page.locator("select[name=graduation_year]").select_option(
            str(timezone.localdate().year + 1)
        )
        page.locator("select[name=heard_via]").select_option("event")
        page.locator("input[name=cv]").set_input_files(
            files=[FilePayload(name="履歴書.pdf", mimeType="application/pdf", buffer=CV)]
        )
        page.locator("input[name=consent]").check()
        page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/jobs/{opening.pk}/apply/done/$"))
        with region_scope(koga):
            candidacy = Candidacy.objects.get(person__email=EMAIL)
        assert candidacy.source_registration_id == registration.pk
        assert candidacy.person_id == registration.person_id  # one person

        # 4. The operator moves them to the first interview and schedules it with a panel.
        staff.goto(f"{url}/r/koga/hiring/candidacies/{candidacy.pk}/")
        staff.locator("select[name=stage]").select_option("interview_1")
        staff.locator("form[action$='/move/'] button[type=submit]").click()
        expect(staff.locator(".badge--stage")).to_have_text("一次面接")
        staff.locator(f"a[href$='/candidacies/{candidacy.pk}/interviews/new/']").first.click()
        day = timezone.localdate() + dt.timedelta(days=3)
        staff.locator("input[name=date]").fill(day.isoformat())
        staff.locator("input[name=start]").fill("10:00")
        staff.locator("input[name=end]").fill("11:00")
        staff.locator("input[name=online_url]").fill("https://meet.example.jp/koga")
        staff.locator(f"input[name=interviewers][value='{hiring_manager.pk}']").check()
        staff.locator("form button[type=submit]").last.click()
        expect(staff).to_have_url(re.compile(rf"/candidacies/{candidacy.pk}/$"))

        # 5. Two scorecards; the second interviewer sees the first only after submitting.
        def score(who: Page, recommendation: str, summary: str) -> None:
            who.locator("a[href*='/scorecard/']").first.click()
            for criterion in ("skills", "communication", "motivation", "remote_work"):
                who.locator(f"input[name={criterion}_score][value='3']").check()
            who.locator(f"input[name=recommendation][value={recommendation}]").check()
            who.locator("textarea[name=summary]").fill(summary)
            who.locator("form button[type=submit]").last.click()
            expect(who).to_have_url(re.compile(rf"/candidacies/{candidacy.pk}/$"))

        score(staff, "strong_yes", "自走できる。ぜひ採用したい。")
        manager = phone(browser)
        sign_in(manager, url, "operator2-koga")
        manager.goto(f"{url}/r/koga/hiring/candidacies/{candidacy.pk}/")
        expect(manager.locator("main")).not_to_contain_text("自走できる")
        score(manager, "yes", "地域への思いが強い。")
        expect(manager.locator("main")).to_contain_text("自走できる")

        # 6. The offer stage; the operator drafts, the hiring manager approves.
        staff.goto(f"{url}/r/koga/hiring/candidacies/{candidacy.pk}/")
        staff.locator("select[name=stage]").select_option("offer")
        staff.locator("form[action$='/move/'] button[type=submit]").click()
        staff.locator(f"a[href$='/candidacies/{candidacy.pk}/offer/']").first.click()
        staff.locator("input[name=salary_jpy]").fill("4200000")
        staff.locator("input[name=start_date]").fill(
            (timezone.localdate() + dt.timedelta(days=60)).isoformat()
        )
        staff.locator("input[name=respond_by]").fill(
            (timezone.localdate() + dt.timedelta(days=10)).isoformat()
        )
        staff.locator("form button[type=submit]").last.click()
        expect(staff.locator("form[action*='/approve/']")).to_have_count(0)  # not by its author
        manager.goto(f"{url}/r/koga/hiring/candidacies/{candidacy.pk}/")
        manager.locator("form[action*='/approve/'] button").click()
        expect(manager.locator(".badge--approved")).to_be_visible()

        # 7. The student accepts through the link in their mail.
        with region_scope(koga):
            offer = Offer.objects.get(candidacy=candidacy)
        page.goto(f"{url}/r/koga/jobs/offer/{offer_token(offer=offer)}/")
        expect(page.locator("main")).to_contain_text("¥4,200,000")
        page.locator("button[name=decision][value=accept]").click()
        page.locator("form:has(input[name=confirmed]) button[type=submit]").click()
        expect(page.locator(".badge--accepted")).to_be_visible()
        with region_scope(koga):
            employee = Employee.objects.get(candidacy=candidacy)
        assert employee.lives_in_region
        assert employee.home_region == koga

        # 8. The funnel shows the hire attributed to the internship.
        staff.goto(f"{url}/r/koga/hiring/funnel/?event={internship.pk}")
        chart = staff.locator(".funnel-chart").first
        expect(chart).to_contain_text("古賀ワーケーション・インターン")
        expect(chart.locator("meter")).to_have_count(6)
        row = staff.locator("tbody tr", has_text="古賀ワーケーション・インターン")
        expect(row.locator("td").nth(5)).to_have_text("1")  # hires
        expect(row.locator("td").nth(6)).to_have_text("1")  # hires living in Koga
        staff.screenshot(path=str(tmp_path / "funnel.png"), full_page=True)
        staff.context.close()
        manager.context.close()
