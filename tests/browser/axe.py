"""Accessibility checks with axe-core (bundled in tests/browser/vendor/axe-core): the rules of
WCAG 2.0, 2.1 and 2.2 at levels A and AA, run on the page as the browser shows it.

The engine is evaluated through the DevTools protocol, which the site's Content-Security-
Policy does not govern, so the check needs no exception in the policy the site ships."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, ViewportSize

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
