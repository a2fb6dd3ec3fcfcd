"""A week returned and mended, all in the browser and in Japanese: a participant records a day
of a past week on a phone and submits the week; the client finds it in their notifications
and returns it with a comment; the participant finds the returned week in their inbox, opens
it, changes the day's break and end and submits the week again; the client approves it and
the participant sees the week approved.

Each step leaves the message it should in the outbox, in the recipient's language, with the
link of the page where they act on it. The pages no other check reaches (the inbox, the
return form, the form that changes a day) pass the accessibility check.

Locators rely on structure (field ids, links and class names) rather than on wording."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.projects.models import Assignment
from sousei.work.models.timesheets import RecordStatus, TimeRecord
from sousei.work.notifications import Kind
from tests.browser.axe import PHONE, assert_accessible
from tests.browser.menu import menu_go
from tests.browser.test_pay_journey import participant_on_a_project, record_day, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("minimum_wages")]

DAY = dt.date(2025, 12, 8)
WEEK = dt.date(2025, 12, 7)  # Koga's pay weeks start on Sunday
WEEK_JA = "2025年12月7日(日)"
COMMENT = "12月8日の休憩時間を確認してください"


def messages_to(koga: Region, username: str, kind: str) -> list[OutboxMessage]:
    with region_scope(koga):
        return list(OutboxMessage.objects.filter(user__username=username, kind=kind).order_by("pk"))


def assert_mailed_with_link(message: OutboxMessage, username: str, path: str) -> None:
    """In the inbox and e-mailed to the account's address, the page to act on at the end."""
    assert message.in_app
    assert message.by_email
    mail = message.as_email()
    assert mail.to == [f"{username}@example.jp"]
    assert mail.subject.endswith(message.subject)
    assert mail.body.rstrip().endswith(f"{settings.SOUSEI_SITE_URL}{path}")


def the_record(koga: Region, assignment: Assignment) -> TimeRecord:
    with region_scope(koga):
        return TimeRecord.objects.get(assignment=assignment, date=DAY)


def test_a_returned_week_is_mended_resubmitted_and_approved(
    page: Page, live_server: LiveServer, koga: Region, cast: Cast
) -> None:
    assignment = participant_on_a_project(koga, cast)
    week_path = f"/r/koga/work/{assignment.pk}/?week={WEEK.isoformat()}"
    review_path = f"/r/koga/approvals/{assignment.pk}/?week={WEEK.isoformat()}"

    # 1. The participant records Monday 8 December 2025 on a phone and submits the week.
    sign_in(page, live_server, "participant-koga")
    menu_go(page, "/r/koga/work/")
    page.locator(f"a[href='/r/koga/work/{assignment.pk}/']").first.click()
    page.goto(f"{live_server.url}/r/koga/work/{assignment.pk}/?week={DAY.isoformat()}")
    expect(page.locator(".week-nav strong")).to_contain_text(WEEK_JA)
    record_day(page, DAY.isoformat(), "09:00", "18:00")
    expect(page.locator(".work-record")).to_have_count(1)
    page.locator("#submit-week").click()
    expect(page.locator(".badge--submitted").first).to_be_visible()

    [to_approve] = messages_to(koga, "client-koga", Kind.WEEK_TO_APPROVE)
    assert to_approve.language == "ja"
    assert_mailed_with_link(to_approve, "client-koga", review_path)
    assert to_approve.subject == f"古賀 花子 さんの {WEEK_JA} からの週の勤怠が承認を待っています"
    assert "請求書処理の自動化" in to_approve.body
    assert to_approve.link == review_path

    # 2. The client opens the notification, tries to return the week without a comment,
    # then returns it with one.
    sign_in(page, live_server, "client-koga")
    menu_go(page, "/r/koga/notifications/")
    notice = page.locator(f".notification--{Kind.WEEK_TO_APPROVE}")
    expect(notice).to_have_count(1)
    expect(notice.locator(".notification__subject")).to_have_text(to_approve.subject)
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    notice.locator(f"a.button[href='{review_path}']").click()
    expect(page).to_have_url(f"{live_server.url}{review_path}")
    expect(page.locator(".work-record")).to_have_count(1)
    page.locator("#return-week").click()
    expect(page.locator("#id_comment")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".badge--submitted").first).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.locator("#id_comment").fill(COMMENT)
    page.locator("#return-week").click()
    expect(page).to_have_url(f"{live_server.url}/r/koga/approvals/")
    expect(page.locator(".message--success")).to_contain_text(WEEK_JA)
    expect(page.locator(f"a[href='{review_path}']")).to_have_count(0)

    [returned] = messages_to(koga, "participant-koga", Kind.WEEK_RETURNED)
    assert returned.language == "ja"
    assert_mailed_with_link(returned, "participant-koga", week_path)
    assert returned.subject == f"{WEEK_JA} からの週の勤怠が差し戻されました"
    assert COMMENT in returned.body
    assert returned.link == week_path
    assert the_record(koga, assignment).status == RecordStatus.RETURNED

    # 3. The participant finds the returned week in the inbox, opens it and changes the day:
    # a 45-minute break and an end at 17:30 (7 h 45 min of work).
    sign_in(page, live_server, "participant-koga")
    menu_go(page, "/r/koga/notifications/")
    notice = page.locator(f".notification--{Kind.WEEK_RETURNED}")
    expect(notice).to_have_count(1)
    expect(notice.locator(".notification__subject")).to_have_text(returned.subject)
    expect(notice).to_contain_text(COMMENT)
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    notice.locator(f"a.button[href='{week_path}']").click()
    expect(page).to_have_url(f"{live_server.url}{week_path}")
    expect(page.locator(".alert--warning")).to_contain_text(COMMENT)
    expect(page.locator(".badge--returned").first).to_be_visible()

    record = the_record(koga, assignment)
    edit_path = f"/r/koga/work/{assignment.pk}/records/{record.pk}/edit/"
    page.locator(f".work-record a[href='{edit_path}']").click()
    expect(page).to_have_url(f"{live_server.url}{edit_path}")
    expect(page.locator("#id_date")).to_have_value(DAY.isoformat())
    expect(page.locator("#id_start")).to_have_value(re.compile(r"^09:00"))
    expect(page.locator("#id_end")).to_have_value(re.compile(r"^18:00"))
    expect(page.locator("#id_break1_start")).to_have_value(re.compile(r"^12:00"))
    expect(page.locator("#id_break1_end")).to_have_value(re.compile(r"^13:00"))
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.locator("#id_end").fill("17:30")
    page.locator("#id_break1_end").fill("12:45")
    page.locator("#save-day").click()
    expect(page).to_have_url(re.compile(rf"/r/koga/work/{assignment.pk}/\?week=2025-12-0[78]$"))
    expect(page.locator(".week-nav strong")).to_contain_text(WEEK_JA)
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".work-record")).to_have_count(1)
    expect(page.locator(".work-record")).to_contain_text("09:00–17:30")
    expect(page.locator(".work-record")).to_contain_text("12:00–12:45")

    mended = the_record(koga, assignment)
    assert (mended.pk, mended.worked_minutes, mended.break_minutes) == (record.pk, 465, 45)
    assert mended.status == RecordStatus.RETURNED

    page.locator("#submit-week").click()
    expect(page.locator(".badge--submitted").first).to_be_visible()
    expect(page.locator(".alert--warning")).to_have_count(0)

    first, again = messages_to(koga, "client-koga", Kind.WEEK_TO_APPROVE)
    assert first.pk == to_approve.pk
    assert (again.language, again.subject, again.link) == ("ja", to_approve.subject, review_path)
    assert_mailed_with_link(again, "client-koga", review_path)

    # 4. The client approves the mended week from the approvals list.
    sign_in(page, live_server, "client-koga")
    menu_go(page, "/r/koga/approvals/")
    page.locator(f"a[href='{review_path}']").click()
    expect(page.locator(".work-record")).to_contain_text("09:00–17:30")
    page.locator("#approve-week").click()
    expect(page).to_have_url(f"{live_server.url}/r/koga/approvals/")
    expect(page.locator(".message--success")).to_contain_text("古賀 花子")

    # The participant's week shows approved, the day no longer changeable.
    sign_in(page, live_server, "participant-koga")
    page.goto(f"{live_server.url}{week_path}")
    expect(page.locator(".week-nav + p .badge--approved")).to_be_visible()
    expect(page.locator(".work-record .badge--approved")).to_have_count(1)
    expect(page.locator(f"a[href='{edit_path}']")).to_have_count(0)
    expect(page.locator("#submit-week")).to_have_count(0)
    assert the_record(koga, assignment).status == RecordStatus.APPROVED
    assert len(messages_to(koga, "participant-koga", Kind.WEEK_RETURNED)) == 1
