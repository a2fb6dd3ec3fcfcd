"""A trainer finds their learners: on a phone, in Japanese, trainer-koga opens the learners
list from the folded menu, sees only the learners of the courses they teach, searches one by
name and opens their progress — the plan, the hours studied and the at-risk state.

Locators rely on structure (hrefs, ids, data attributes) more than on wording."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD, UserFactory
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.models import Course, CourseModule, CourseTrainer, Enrolment, LicencePool
from sousei.training.services.enrolments import PlanChoice, StudyLog, enrolment_create, progress_log
from sousei.training.tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.menu import menu_go

pytestmark = pytest.mark.browser

TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=28)


def enrol(koga: Region, cast: Cast, course: Course, family: str, given: str) -> Enrolment:
    participant = ParticipantFactory.create(
        region=koga,
        application__person__family_name=family,
        application__person__given_name=given,
        application__person__family_name_kana={"宮地": "ミヤジ", "古賀": "コガ"}[family],
    )
    return enrolment_create(
        participant=participant,
        course=course,
        choice=PlanChoice(start_date=START, daily_minutes=120),
        actor=cast.user("operator"),
    )


def taught_courses(koga: Region, cast: Cast) -> tuple[Enrolment, Enrolment, Enrolment]:
    """trainer-koga teaches UiPath to 宮地 健太 (16 h done, at risk) and 古賀 花子; another
    trainer teaches kintone to 宮地 由美, of the same family name."""
    with region_scope(koga):
        mine = factories.course(koga, title="UiPath 入門")
        theirs = factories.course(koga, title="kintone 入門")
        LicencePool.objects.create(
            region=koga,
            product=mine.product,
            seats=5,
            valid_from=TODAY - dt.timedelta(days=365),
            valid_to=TODAY + dt.timedelta(days=365),
        )
        colleague = UserFactory.create(username="trainer-koga-2")
        Membership.objects.create(region=koga, user=colleague, role=Role.TRAINER)
        CourseTrainer.objects.create(region=koga, course=mine, user=cast.user("trainer"))
        CourseTrainer.objects.create(region=koga, course=theirs, user=colleague)
        wanted = enrol(koga, cast, mine, "宮地", "健太")
        other = enrol(koga, cast, mine, "古賀", "花子")
        elsewhere = enrol(koga, cast, theirs, "宮地", "由美")
        module = CourseModule.objects.filter(course=mine).order_by("position").first()
        assert module is not None
        progress_log(
            enrolment_id=wanted.pk,
            log=StudyLog(day=START, minutes=960, module_id=module.pk),
            actor=cast.user("trainer"),
        )
        # As the daily run marks a learner who has not studied for a while.
        Enrolment.objects.filter(pk=wanted.pk).update(at_risk=True)
    return wanted, other, elsewhere


def test_a_trainer_finds_a_learner_and_opens_their_progress_on_a_phone(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    wanted, other, elsewhere = taught_courses(koga, cast)
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("trainer-koga")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form:has(#id_username) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))

    # On a phone the menu folds behind its button; the learners are one of its links.
    expect(page.locator(".menu-button")).to_be_visible()
    expect(page.locator(".site-nav a[href='/r/koga/learners/']")).to_be_hidden()
    menu_go(page, "/r/koga/learners/")
    expect(page).to_have_url(re.compile(r"/r/koga/learners/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    # Only the learners of the course they teach, the one at risk first.
    rows = page.locator("tr[data-enrolment]")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-enrolment", str(wanted.pk))
    expect(rows.nth(1)).to_have_attribute("data-enrolment", str(other.pk))
    expect(page.locator(f"tr[data-enrolment='{elsewhere.pk}']")).to_have_count(0)
    expect(rows.nth(0).locator(".badge--risk")).to_be_visible()
    assert_accessible(page)

    # A search by the family name in hiragana finds 宮地 健太, not the other course's 宮地.
    page.locator("[data-learner-search] #id_q").fill("みやじ")
    page.locator("[data-learner-search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/r/koga/learners/\?q="))
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-enrolment", str(wanted.pk))
    expect(page.locator("#id_q")).to_have_value("みやじ")
    assert_accessible(page)

    # A name nobody on the list has says so.
    page.locator("#id_q").fill("由美")
    page.locator("[data-learner-search] button[type=submit]").click()
    expect(rows).to_have_count(0)
    expect(page.locator("main [role=status]")).to_contain_text("受講者はいません")

    # The learner's page: the progress against the plan, the at-risk state and the plan.
    page.goto(f"{live_server.url}/r/koga/learners/?q=みやじ")
    page.locator(f"a[href='/r/koga/enrolments/{wanted.pk}/']").click()
    expect(page).to_have_url(re.compile(rf"/r/koga/enrolments/{wanted.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("宮地 健太")
    expect(page.locator(f"#progress-label-{wanted.pk} strong")).to_have_text("16")
    expect(page.locator(f"#progress-label-{wanted.pk}")).to_contain_text("160")
    expect(page.locator("progress.progress-bar--risk")).to_have_attribute("value", "10")
    expect(page.locator(".page-head .badge--risk")).to_be_visible()
    # The advice is the trainer's: it leads to the form for a new plan.
    expect(page.locator("[role=alert] a[href='#replan-title']")).to_be_visible()
    expect(page.locator("#plan-title")).to_be_visible()
    expect(page.locator("[id^=plan-month-]").first).to_be_attached()
    assert_accessible(page)
