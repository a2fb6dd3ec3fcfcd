"""Accessibility checks with axe-core (bundled in tests/browser/vendor/axe-core): the rules of
WCAG 2.0, 2.1 and 2.2 at levels A and AA, run on the page as the browser shows it.

The engine is evaluated through the DevTools protocol, which the site's Content-Security-
Policy does not govern, so the check needs no exception in the policy the site ships."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, ViewportSize

from tests.browser.demo_pages import page_type

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@cache
def _engine() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The WCAG 2.2 AA violations on the page now: each rule with the elements failing it."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_engine())
    result: dict[str, Any] = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: "
        "['violations']})",
        WCAG_22_AA,
    )
    return list(result["violations"])


def described(violations: list[dict[str, Any]]) -> str:
    """Violations as lines a failing test prints: the rule, its impact and the elements."""
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with the list of violations unless the page has none, at both viewports."""
    found = []
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        violations = axe_violations(page)
        if violations:
            found.append(f"[{name}] {page.url}\n{described(violations)}")
    assert not found, "\n".join(found)


class PageCheck:
    """Runs the check at both sizes on each page it is shown and keeps what it finds, so a
    sweep over many pages reports every violation at once.

    The live stream is refused: the pages fall back to polling, as they do when a stream
    fails, and the test server keeps no request open for the stream's half hour."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.checked: list[str] = []
        self.found: list[str] = []
        page.route("**/api/v1/regions/*/stream*", _refuse)

    def here(self, who: str, label: str) -> None:
        for size in (DESKTOP, PHONE):
            self.page.set_viewport_size(size)
            violations = axe_violations(self.page)
            self.checked.append(label)
            if violations:
                self.found.append(f"{who} {label} {size['width']}px\n{described(violations)}")
        self.page.set_viewport_size(DESKTOP)

    def visit(self, who: str, path: str) -> bool:
        """Check the page at `path`; False when it sends the reader elsewhere (sign-in)."""
        self.page.goto(f"{self.base_url}{path}")
        if page_type(self.page.url.removeprefix(self.base_url)) != page_type(path):
            return False
        self.here(who, path)
        return True

    def submitted_empty(self, who: str, path: str) -> None:
        """The page's main form sent with nothing typed, past the browser's own checks, so
        the server's messages show next to the fields."""
        self.page.goto(f"{self.base_url}{path}")
        form = self.page.locator("main form[method=post]").last
        if not form.count():
            return
        form.evaluate("form => { form.noValidate = true; }")
        form.locator("[type=submit]").last.click()
        self.page.wait_for_load_state()
        self.here(who, f"{path} (submitted empty)")

    def assert_clean(self, at_least: int) -> None:
        assert len(self.checked) >= at_least, f"only {len(self.checked)} pages were checked"
        assert not self.found, "\n".join(self.found)


def _refuse(route: Route) -> None:
    route.abort()
