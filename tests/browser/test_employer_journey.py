"""An employer other than the operator recruits through the program: its staff member signs
in, opens the hiring pages from the menu and finds their company's opening and its
candidates, and nothing of the operator's own opening."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD, employer_company, operator_company
from sousei.hiring.tests.factories import apply, opening
from tests.browser.menu import menu_go

pytestmark = pytest.mark.browser


def test_employer_staff_see_only_their_openings_candidacies(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region, tmp_path: Path
) -> None:
    url = live_server.url
    with override_settings(MEDIA_ROOT=str(tmp_path)), region_scope(koga):
        kaju = employer_company(koga)
        own = opening(koga, title="ECサイト運用（花鶴テック）", employer_id=kaju.pk)
        rival = opening(
            koga, title="RPAエンジニア（運営事業者）", employer_id=operator_company(koga).pk
        )
        apply(own, 1, family_name="林", given_name="美咲", email="hayashi@example.jp")
        apply(rival, 2, family_name="清水", given_name="翔", email="shimizu@example.jp")

    page.goto(f"{url}/login/")
    page.locator("input[name=username]").fill("employer-koga")
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/"))

    menu_go(page, "/r/koga/hiring/openings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("求人")
    table = page.locator("table")
    expect(table).to_contain_text("ECサイト運用（花鶴テック）")
    expect(table).to_contain_text("株式会社花鶴テック")
    expect(table).not_to_contain_text("RPAエンジニア（運営事業者）")

    page.get_by_role("link", name="ECサイト運用（花鶴テック）").click()
    expect(page.locator("main")).to_contain_text("林 美咲")
    expect(page.locator("main")).not_to_contain_text("清水")

    # The operator's own opening, typed into the address bar, is not there for them.
    response = page.goto(f"{url}/r/koga/hiring/openings/{rival.pk}/")
    assert response is not None
    assert response.status == 404
