"""An operator staffs client projects on a phone, in Japanese: the project's ranked candidates
with their reasons, then the optimal proposal for all open projects, accepted in part.

Locators rely on structure (links, field names, table rows) rather than label wording."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.projects.models import Assignment
from sousei.projects.tests import factories
from tests.browser.menu import menu_go

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("minimum_wages")]


def test_an_operator_ranks_candidates_and_accepts_the_proposal(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        rpa = factories.project(
            koga, title="請求書処理の自動化", headcount=1, skills=(("rpa.uipath", 3, True),)
        )
        kintone = factories.project(
            koga, title="顧客台帳アプリ", headcount=1, skills=(("nocode.kintone", 3, True),)
        )
        both = factories.trained_participant(koga, skills={"rpa.uipath": 3, "nocode.kintone": 3})
        rpa_only = factories.trained_participant(koga, skills={"rpa.uipath": 3})

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("ユーザー名").fill("operator-koga")
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    menu_go(page, "/r/koga/projects/")
    page.get_by_role("link", name="請求書処理の自動化").click()

    # Both people fit the RPA project; each card says why.
    cards = page.locator(".candidate")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("UiPath")
    expect(cards.first.locator("meter")).to_be_visible()

    # The proposal spreads people so that the total fit is largest.
    page.goto(f"{live_server.url}/r/koga/staffing/proposal/")
    page.locator("form[action$='/staffing/proposal/'] button").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator(f"tbody tr:has-text('{rpa.title}')")).to_contain_text(
        rpa_only.person.family_name
    )
    expect(page.locator(f"tbody tr:has-text('{kintone.title}')")).to_contain_text(
        both.person.family_name
    )
    # Accept only the kintone pair.
    page.locator(f"input[name=pair][value='{rpa.pk}:{rpa_only.pk}']").uncheck()
    page.locator("form[action*='/accept/'] button[type=submit]").click()
    expect(page.locator(".alert, .messages")).to_contain_text("1")
    with region_scope(koga):
        assert list(Assignment.objects.values_list("project_id", "participant_id")) == [
            (kintone.pk, both.pk)
        ]
