"""Following the site's menu as a person does: on a phone it folds behind the menu button, and
an operator's destinations sit in grouped menus that open first."""

from __future__ import annotations

from playwright.sync_api import Page


def menu_go(page: Page, href: str) -> None:
    """Click the menu's link to `href`, opening the phone menu and its group first."""
    button = page.locator(".menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
    link = page.locator(f".site-nav a[href='{href}']")
    group = page.locator(".site-nav__menu", has=page.locator(f"a[href='{href}']"))
    if group.count() and group.get_attribute("open") is None:
        group.locator("summary").click()
    link.click()
