"""Every role's pages pass axe-core's WCAG 2.2 AA rules, on a desktop and on a phone.

The demo is seeded, as `make demo` shows it; each demo user of Koga signs in and the check
runs on every destination of their menu and on the first record each list links to (a
course, a project, an application, …), so a new page joins the check as soon as a menu or a
list leads to it."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from sousei.core.roles import Role
from tests.browser.axe import DESKTOP, PHONE, axe_violations, described

pytestmark = [pytest.mark.browser]

DEMO_PASSWORD = "sousei-demo-2026"
# A record's own page: /r/koga/<…>/<id>/ (the first such link of a list).
RECORD = re.compile(r"^/r/koga/[a-z-]+(/[a-z-]+)*/\d+/$")


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/dashboard/$"))


def pages_of(page: Page, live_server: LiveServer) -> list[str]:
    """The signed-in user's menu destinations and the first record each of them lists."""
    menu = page.eval_on_selector_all(
        "#site-nav a", "links => links.map(link => link.getAttribute('href'))"
    )
    destinations = [href for href in menu if href and href.startswith("/r/koga/")]
    records: list[str] = []
    for href in destinations:
        page.goto(f"{live_server.url}{href}")
        linked = page.eval_on_selector_all(
            "main a[href^='/r/koga/']", "links => links.map(link => link.getAttribute('href'))"
        )
        first = next((link for link in linked if RECORD.match(link)), None)
        if first and first not in destinations and first not in records:
            records.append(first)
    return [*destinations, *records]


def test_every_roles_pages_pass_the_accessibility_check(
    page: Page, live_server: LiveServer, settings: object
) -> None:
    call_command("seed_demo", stdout=StringIO())
    found: list[str] = []
    checked = 0
    for role in Role.values:
        sign_in(page, live_server, f"{role}-koga")
        for path in pages_of(page, live_server):
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
