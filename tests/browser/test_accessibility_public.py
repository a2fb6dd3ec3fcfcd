"""A visitor's pages, the forms a visitor fills in (also in their error state), and the 403,
404 and 500 pages pass axe-core's WCAG 2.2 AA rules, on a desktop and on a phone.

The visitor's pages are found as the signed-in roles' are (tests/browser/demo_pages.py),
from the front page, the region's home, the sign-in page and the certificate check."""

from __future__ import annotations

from functools import partial
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from playwright.sync_api import Page, Route
from pytest_django.live_server_helper import LiveServer

from sousei.core.scoping import cross_region
from sousei.portal.errors import server_error
from sousei.training.models import Certificate
from tests.browser.axe import PageCheck
from tests.browser.demo_pages import page_type, public_pages, sign_in

pytestmark = [pytest.mark.browser]

VISITOR_FORMS = ("/r/koga/apply/", "/r/koga/contact/", "/contact/", "/verify/", "/login/")


def test_a_visitors_pages_forms_and_the_error_pages_pass_the_accessibility_check(
    page: Page, live_server: LiveServer
) -> None:
    call_command("seed_demo", stdout=StringIO())
    check = PageCheck(page, live_server.url)
    visited = public_pages(page, live_server.url, on_page=partial(check.here, "visitor"))
    assert {"/", "/r/koga/", "/r/koga/apply/", "/r/koga/jobs/", "/verify/"} <= set(visited)
    job_apply = next(path for path in visited if page_type(path) == "/r/koga/jobs/{id}/apply/")

    with cross_region("the test reads a demo certificate to look it up as a visitor"):
        code = Certificate.objects.values_list("code", flat=True).first()
    assert code
    assert check.visit("visitor", f"/verify/{code}/")
    for form in (*VISITOR_FORMS, job_apply):
        check.submitted_empty("visitor", form)

    page.goto(f"{live_server.url}/r/koga/no-such-page/")
    check.here("visitor", "404")
    sign_in(page, live_server.url, "participant-koga")
    page.goto(f"{live_server.url}/r/koga/no-such-page/")
    check.here("participant", "404")
    response = page.goto(f"{live_server.url}/r/koga/audit/")
    assert response is not None
    assert response.status == 403
    check.here("participant", "403")
    # The 500 page as the server renders it, served in place of a page of the site.
    fault = server_error(RequestFactory().get("/r/koga/dashboard/"))

    def serve_the_fault(route: Route) -> None:
        route.fulfill(status=500, body=fault.content, content_type="text/html; charset=utf-8")

    page.route("**/fault/", serve_the_fault)
    page.goto(f"{live_server.url}/fault/")
    check.here("participant", "500")
    check.assert_clean(at_least=40)
