"""The pages of each demo role, found as a person finds them: the destinations of their menu
and the first record each list links to. The accessibility test checks them and
`tools/screenshots` photographs them, so the two always cover the same pages."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "sousei-demo-2026"
# A record's own page: /r/<slug>/<…>/<id>/ (the first such link of a list).
RECORD = r"^/r/{slug}/[a-z-]+(/[a-z-]+)*/\d+/$"


def sign_in(page: Page, base_url: str, username: str, slug: str = "koga") -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(rf"/r/{slug}/dashboard/$"))


def pages_of(page: Page, base_url: str, slug: str = "koga") -> list[str]:
    """The signed-in user's menu destinations and the first record each of them lists."""
    prefix = f"/r/{slug}/"
    record = re.compile(RECORD.format(slug=slug))
    menu = page.eval_on_selector_all(
        "#site-nav a", "links => links.map(link => link.getAttribute('href'))"
    )
    destinations = [href for href in menu if href and href.startswith(prefix)]
    records: list[str] = []
    for href in destinations:
        page.goto(f"{base_url}{href}")
        linked = page.eval_on_selector_all(
            f"main a[href^='{prefix}']", "links => links.map(link => link.getAttribute('href'))"
        )
        first = next((link for link in linked if record.match(link)), None)
        if first and first not in destinations and first not in records:
            records.append(first)
    return [*destinations, *records]
