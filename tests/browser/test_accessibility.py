"""Every role's pages pass axe-core's WCAG 2.2 AA rules, on a desktop and on a phone.

The demo is seeded, as `make demo` shows it; each demo user of Koga signs in and the check
runs on every destination of their menu and on the first record each list links to (a
course, a project, an application, …), so a new page joins the check as soon as a menu or a
list leads to it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from sousei.core.roles import Role
from tests.browser.axe import DESKTOP, PHONE, axe_violations, described
from tests.browser.demo_pages import pages_of, sign_in

pytestmark = [pytest.mark.browser]


def test_every_roles_pages_pass_the_accessibility_check(
    page: Page, live_server: LiveServer, settings: object
) -> None:
    call_command("seed_demo", stdout=StringIO())
    found: list[str] = []
    checked = 0
    for role in Role.values:
        sign_in(page, live_server.url, f"{role}-koga")
        for path in pages_of(page, live_server.url):
            for size in (DESKTOP, PHONE):
                page.set_viewport_size(size)
                page.goto(f"{live_server.url}{path}")
                checked += 1
                violations = axe_violations(page)
                if violations:
                    found.append(f"{role} {path} {size['width']}px\n{described(violations)}")
        page.set_viewport_size(DESKTOP)
    assert checked > 100, f"only {checked} pages were checked"
    assert not found, "\n".join(found)
