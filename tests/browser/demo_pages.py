"""The pages of the seeded demo, found as a person finds them, one of each page type.

A signed-in role's pages are the destinations of their menu, then one page of each type that
those destinations link to (a course, a project, an application, the form for a new one, …),
then one of each type those pages link to in turn (an edit form from a record, …). A visitor's
pages are found the same way from the front page and the region's home. A page type is its
path with every number read as an id, so a list of forty courses yields one course page.

The accessibility test checks these pages and `tools/screenshots` photographs them, so the two
always cover the same pages, and a new page joins both as soon as a menu or a page links to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "sousei-demo-2026"
# Links that are not pages: downloads, and links that change state or end the session.
NOT_A_PAGE = re.compile(r"(\.[a-z]{2,4}$|/logout/|/i18n/|/admin/|/api/|/static/)")
ID = re.compile(r"/\d+(?=/)")


def sign_in(page: Page, base_url: str, username: str, slug: str = "koga") -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(rf"/r/{slug}/dashboard/$"))


def page_type(path: str) -> str:
    """`/r/koga/courses/12/edit/` → `/r/koga/courses/{id}/edit/`."""
    return ID.sub("/{id}", path.split("?", 1)[0].split("#", 1)[0])


def _links(page: Page, scope: str, prefixes: Iterable[str]) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        f"{scope} a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    return [
        href.split("#", 1)[0]
        for href in hrefs
        if href
        and any(href.startswith(prefix) for prefix in prefixes)
        and not NOT_A_PAGE.search(href.split("?", 1)[0])
    ]


def crawl(
    page: Page,
    base_url: str,
    start: list[str],
    prefixes: tuple[str, ...],
    *,
    scope: str = "main",
    depth: int = 2,
    on_page: Callable[[str], object] | None = None,
) -> list[str]:
    """`start`, then one page of each new type linked from `scope` in those pages, `depth`
    times over; the pages that open as themselves (not sent to sign-in or elsewhere), in
    the order they were reached. A signed-in user's links are read from `main`: the menu's
    destinations are the start already.

    Each page is opened once: `on_page(path)` runs while it is shown (the accessibility
    check, a screenshot), before its links are read."""
    seen = {page_type(path) for path in start}
    found: list[str] = []
    level = list(start)
    for step in range(depth + 1):
        following: list[str] = []
        for path in level:
            page.goto(f"{base_url}{path}")
            if page_type(page.url.removeprefix(base_url)) != page_type(path):
                continue
            found.append(path)
            if on_page is not None:
                on_page(path)
            if step == depth:
                continue
            for link in _links(page, scope, prefixes):
                kind = page_type(link)
                if kind not in seen:
                    seen.add(kind)
                    following.append(link)
        level = following
    return found


def pages_of(
    page: Page,
    base_url: str,
    slug: str = "koga",
    on_page: Callable[[str], object] | None = None,
) -> list[str]:
    """The signed-in user's menu destinations and one page of each type they lead to."""
    prefix = f"/r/{slug}/"
    menu: list[str] = page.eval_on_selector_all(
        "#site-nav a", "links => links.map(link => link.getAttribute('href'))"
    )
    destinations = list(dict.fromkeys(href for href in menu if href and href.startswith(prefix)))
    return crawl(page, base_url, destinations, (prefix,), on_page=on_page)


def public_pages(
    page: Page,
    base_url: str,
    slug: str = "koga",
    on_page: Callable[[str], object] | None = None,
) -> list[str]:
    """What a visitor who is not signed in reaches from the front page and the region's home:
    the program, the application and contact forms, events, openings, employers, the policy,
    the certificate check, the sign-in and password-reset pages."""
    page.context.clear_cookies()
    start = ["/", f"/r/{slug}/", "/login/", "/verify/"]
    return crawl(
        page,
        base_url,
        start,
        (f"/r/{slug}/", "/contact/", "/privacy/", "/verify/", "/password-reset/"),
        scope="body",
        depth=3,
        on_page=on_page,
    )
