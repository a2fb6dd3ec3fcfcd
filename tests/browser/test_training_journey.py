"""A participant follows their training on a phone, in Japanese: the plan with the daily-hours
comparison, logging study, progress moving, and the certificate as a PDF once completed.

Locators rely on structure (links, field ids, table rows) and on the Japanese formats of
dates rather than on the wording of labels, so the test holds while wording is translated."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.models import CourseModule, Enrolment, LicencePool
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    assessment_record,
    enrolment_complete,
    enrolment_create,
    progress_log,
)
from sousei.training.tests import factories
from tests.browser.menu import menu_go

pytestmark = pytest.mark.browser

JAPANESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\([月火水木金土日]\)")


def enrolled_participant(koga: Region, cast: Cast, start: dt.date) -> Enrolment:
    """participant-koga on a 160-hour UiPath course at 2.5 h a day, holding a pool seat."""
    with region_scope(koga):
        course = factories.course(koga, title="UiPath RPA 実践コース")
        today = timezone.localdate()
        LicencePool.objects.create(
            region=koga,
            product=course.product,
            seats=3,
            valid_from=today - dt.timedelta(days=365),
            valid_to=today + dt.timedelta(days=365),
        )
        participant = ParticipantFactory.create(
            region=koga,
            application__person__family_name="古賀",
            application__person__given_name="花子",
        )
        participant.person.user = cast.user("participant")
        participant.person.save(update_fields=["user"])
        enrolment = enrolment_create(
            participant=participant,
            course=course,
            choice=PlanChoice(start_date=start, daily_minutes=150),
            actor=cast.user("operator"),
        )
    assert enrolment.status == "active"
    return enrolment


def operator_completes(koga: Region, cast: Cast, enrolment: Enrolment, start: dt.date) -> None:
    """Every module finished (logged by the trainer), a passing score, then completion."""
    with region_scope(koga):
        modules = CourseModule.objects.filter(course_id=enrolment.course_id).order_by("position")
        for number, module in enumerate(modules):
            progress_log(
                enrolment_id=enrolment.pk,
                log=StudyLog(
                    day=start + dt.timedelta(days=number), minutes=480, module_id=module.pk
                ),
                actor=cast.user("trainer"),
            )
        assert assessment_record(
            enrolment_id=enrolment.pk, score=88, actor=cast.user("operator")
        ).passed
        enrolment_complete(enrolment_id=enrolment.pk, actor=cast.user("operator"))


def test_a_participant_follows_the_plan_logs_study_and_downloads_the_certificate(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    start = timezone.localdate() - dt.timedelta(days=21)
    enrolment = enrolled_participant(koga, cast, start)
    journey = f"/r/koga/learning/{enrolment.pk}/"

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("ユーザー名").fill("participant-koga")
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    # My learning → the course.
    menu_go(page, "/r/koga/learning/")
    page.get_by_role("link", name="UiPath RPA 実践コース").first.click()
    expect(page).to_have_url(re.compile(rf"{journey}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("UiPath RPA 実践コース")

    # The daily-hours comparison: 2, 2.5, 3, 4 and 8 hours, each with a Japanese date;
    # the participant's own 2.5 h is marked.
    rows = page.locator(".preview-table tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.nth(0).locator("th")).to_contain_text("2")
    for index in range(5):
        expect(rows.nth(index).locator("time")).to_have_text(JAPANESE_DATE)
    expect(page.locator(".preview-table tr.is-current th")).to_contain_text("2.5")

    # The plan by day: the month open now lists study days with their module.
    open_month = page.locator("details.plan-month[open]")
    expect(open_month).to_have_count(1)
    expect(open_month.locator("tbody tr").first).to_contain_text("単元")
    progress = page.locator("progress.progress-bar")
    expect(progress).to_have_attribute("value", "0")

    # Log today's study: 2.5 hours.
    log_form = page.locator(f"form[action='{journey}']")
    expect(log_form.locator("#id_date")).to_have_value(timezone.localdate().isoformat())
    log_form.locator("#id_hours").fill("2.5")
    log_form.locator("#id_note").fill("変数と制御フローを学習")
    log_form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"{journey}#progress$"))
    expect(page.locator(".messages")).to_contain_text("2.5")
    expect(progress).to_have_attribute("value", "2")  # 2.5 of 160 hours
    expect(page.locator(".progress-block__figure strong")).to_have_text("2.5")
    expect(page.locator(".entries .entry").first).to_contain_text("変数と制御フローを学習")

    # The trainer and the operator finish the course on their side; the page shows the
    # certificate, and its PDF downloads.
    operator_completes(koga, cast, enrolment, start)
    page.reload()
    certificate = page.locator(".certificate-card")
    expect(certificate).to_be_visible()
    expect(certificate).to_contain_text(JAPANESE_DATE)
    expect(page.locator(f"form[action='{journey}']")).to_have_count(0)

    with page.expect_download() as info:
        certificate.locator("a[href$='.pdf']").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    path = download.path()
    assert path is not None
    assert path.read_bytes().startswith(b"%PDF")

    # The public verification page confirms it to anyone.
    certificate.locator("a[href^='/verify/']:not([href$='.pdf'])").click()
    expect(page.locator(".verify__holder")).to_have_text("古賀 花子")
