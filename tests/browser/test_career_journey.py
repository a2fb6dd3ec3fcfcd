"""After a project, in the browser and in Japanese: the client rates the skills the project
used (raising the participant's level), the operator records a full-time conversion step, and
the participant reads it all on 私のあゆみ with the monthly earnings chart."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.careers.tests import factories as made
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.projects.models import Assignment
from sousei.training.models import ParticipantSkill

pytestmark = [pytest.mark.browser]


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def ended_and_paid(koga: Region, cast: Cast) -> Assignment:
    with region_scope(koga):
        participant = made.participant(koga, cast.user("participant"))
        assignment = made.ended_assignment(koga, participant=participant)
        made.pay(koga, assignment, dt.date(2026, 9, 1), 98_000, 75 * 60)
        made.pay(koga, assignment, dt.date(2026, 10, 1), 131_300, 101 * 60)
        return assignment


def test_an_evaluation_and_an_outcome_show_on_the_participants_journey(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    assignment = ended_and_paid(koga, cast)

    sign_in(page, live_server, "client-koga")
    page.goto(f"{live_server.url}/r/koga/evaluations/")
    page.locator(f"a[href$='/assignments/{assignment.pk}/evaluation/']").click()
    page.locator('input[name="rating__rpa.uipath"][value="4"]').check()
    page.locator('input[name="note__rpa.uipath"]').fill("自分で設計まで進められる")
    page.locator('input[name="recommendation"][value="fulltime_conversion"]').check()
    page.locator("#id_comment").fill("正社員登用を推薦します。")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("table")).to_contain_text("4")
    with region_scope(koga):
        skill = ParticipantSkill.objects.get(participant_id=assignment.participant_id)
        assert (skill.level, skill.source) == (4, "evaluation")

    sign_in(page, live_server, "operator-koga")
    page.goto(f"{live_server.url}/r/koga/participants/{assignment.participant_id}/career/")
    page.locator("#id_kind").select_option("fulltime_conversion")
    page.locator("#id_step").select_option("applied")
    page.locator("#id_employer").fill("株式会社玄海ロジスティクス")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".conversion-steps__step--here")).to_be_visible()

    sign_in(page, live_server, "participant-koga")
    page.goto(f"{live_server.url}/r/koga/journey/")
    expect(page.locator("h1")).to_have_text("私のあゆみ")
    expect(page.locator(".column-chart__bar")).to_have_count(2)
    expect(page.locator(".journey-figures")).to_contain_text("¥229,300")
    expect(page.locator("#journey-evaluations + h3 + .table-wrap")).to_contain_text("4")
    expect(page.locator(".conversion-steps")).to_contain_text("応募")
    page.screenshot(path="/tmp/careers-browser-journey.png", full_page=True)
