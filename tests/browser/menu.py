"""Following the site's menu as a person does: on a phone it folds behind the menu button."""

from __future__ import annotations

from playwright.sync_api import Page


def menu_go(page: Page, href: str) -> None:
    """Click the menu's link to `href`, opening the phone menu first when it is folded."""
    button = page.locator(".menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
    page.locator(f".site-nav a[href='{href}']").click()
