"""Every role's pages pass axe-core's WCAG 2.2 AA rules, on a desktop and on a phone.

The demo is seeded, as `make demo` shows it. Each demo user of Koga signs in and the check
runs on one page of every type they reach (tests/browser/demo_pages.py: their menu, the
records and forms it leads to), so a new page joins the check as soon as a menu or a page
links to it. Creation forms are checked again in their error state, submitted empty, as
people see them after a mistake. A visitor's pages and the error pages have a file of their
own (test_accessibility_public.py), so the two sweeps run side by side."""

from __future__ import annotations

from functools import partial
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from sousei.core.roles import Role
from tests.browser.axe import PageCheck
from tests.browser.demo_pages import pages_of, sign_in

pytestmark = [pytest.mark.browser]


def test_every_roles_pages_and_forms_pass_the_accessibility_check(
    page: Page, live_server: LiveServer
) -> None:
    call_command("seed_demo", stdout=StringIO())
    check = PageCheck(page, live_server.url)
    for role in Role.values:
        sign_in(page, live_server.url, f"{role}-koga")
        paths = pages_of(page, live_server.url, on_page=partial(check.here, role))
        for path in paths:
            if path.endswith("/new/"):
                check.submitted_empty(role, path)
    assert any("(submitted empty)" in label for label in check.checked)
    check.assert_clean(at_least=400)
