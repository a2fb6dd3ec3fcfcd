"""A participant is told in the app that their week was returned: on a phone, in Japanese,
they open their notifications from the menu, find the returned week with the client's
comment, and its button opens that week, where the comment waits beside the days to mend."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.work.notifications import Kind
from sousei.work.services import timesheets
from sousei.work.tests.test_timesheets import day
from tests.browser.menu import menu_go
from tests.browser.test_pay_journey import participant_on_a_project, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("minimum_wages")]

WEEK = dt.date(2025, 12, 7)
COMMENT = "12月8日の休憩時間を確認してください"


def test_a_participant_finds_the_returned_week_in_the_inbox_and_opens_it(
    page: Page, live_server: LiveServer, koga: Region, cast: Cast
) -> None:
    assignment = participant_on_a_project(koga, cast)
    participant = cast.user("participant")
    with region_scope(koga):
        timesheets.time_record_create(
            assignment=assignment, data=day(dt.date(2025, 12, 8)), actor=participant
        )
        timesheets.week_submit(assignment=assignment, week_start=WEEK, actor=participant)
        timesheets.week_return(
            assignment=assignment, week_start=WEEK, comment=COMMENT, actor=cast.user("client")
        )

    sign_in(page, live_server, "participant-koga")
    menu_go(page, "/r/koga/notifications/")
    notice = page.locator(f".notification--{Kind.WEEK_RETURNED}")
    expect(notice).to_have_count(1)
    expect(notice.locator(".notification__subject")).to_contain_text("差し戻されました")
    expect(notice).to_contain_text(COMMENT)
    notice.locator("a.button").click()
    expect(page).to_have_url(
        re.compile(rf"/r/koga/work/{assignment.pk}/\?week={WEEK.isoformat()}$")
    )
    expect(page.locator(".alert--warning")).to_contain_text(COMMENT)
