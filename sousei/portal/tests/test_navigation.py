"""The site's menu by role: each role sees its few daily destinations and not the others';
operators find theirs in grouped menus."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import Cast
from sousei.core import navigation
from sousei.core.navigation import NAVIGATION, Link, Menu, site_menu
from sousei.core.roles import Role

pytestmark = pytest.mark.django_db

R = "/r/koga/"


def menu_of(cast: Cast, role: str, path: str = "dashboard/") -> str:
    client = Client()
    client.force_login(cast.user(role))
    response = client.get(R + path)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<nav id="site-nav"') : html.index("</nav>")]


def hrefs(nav: str) -> set[str]:
    return {h.removeprefix(R) for h in re.findall(r'href="([^"]+)"', nav)}


# What each role's menu must show, and some pages of other roles it must not.
SHOWN: dict[str, set[str]] = {
    Role.OPERATOR: {
        "dashboard/",
        "applications/",
        "events/manage/",
        "courses/",
        "licences/",
        "learners/",
        "at-risk/",
        "live/",
        "projects/",
        "approvals/",
        "pay-runs/",
        "costs/",
        "evaluations/",
        "hiring/openings/",
        "hiring/funnel/",
        "careers/",
        "workplace/",
        "spaces/check-in/",
        "spaces/",
        "impact/",
        "inquiries/",
        "members/",
        "privacy/erasures/",
        "audit/",
        "privacy/requests/",
        "privacy/provisions/",
        "privacy/breaches/",
        "webhooks/",
        "notifications/",
    },
    Role.MUNICIPALITY: {"dashboard/", "impact/", "hiring/funnel/", "notifications/"},
    Role.SPACE_MANAGER: {
        "dashboard/",
        "spaces/check-in/",
        "spaces/",
        "events/manage/",
        "notifications/",
    },
    Role.TRAINER: {
        "dashboard/",
        "learners/",
        "at-risk/",
        "live/",
        "courses/",
        "workplace/",
        "notifications/",
    },
    Role.CLIENT: {
        "dashboard/",
        "projects/",
        "approvals/",
        "costs/",
        "evaluations/",
        "notifications/",
    },
    Role.PARTICIPANT: {
        "dashboard/",
        "learning/",
        "work/",
        "pay/",
        "bookings/",
        "events/",
        "journey/",
        "workplace/",
        "notifications/",
    },
    # Location-free hires sign in as candidates: the virtual office is where they work.
    Role.CANDIDATE: {
        "dashboard/",
        "jobs/",
        "my-applications/",
        "workplace/",
        "events/",
        "notifications/",
    },
}


@pytest.mark.parametrize("role", list(SHOWN))
def test_each_role_sees_exactly_its_daily_destinations(cast: Cast, role: str) -> None:
    assert hrefs(menu_of(cast, role)) == SHOWN[role]


def test_the_menus_stay_short_except_the_operators_which_is_grouped() -> None:
    for role, items in NAVIGATION.items():
        if role != Role.OPERATOR:
            # Nine for participants: their program day, and the virtual office of their team.
            assert len(items) <= 9, role
            assert all(isinstance(item, Link) for item in items), role
    groups = [item.key for item in NAVIGATION[Role.OPERATOR] if isinstance(item, Menu)]
    assert groups == ["intake", "training", "projects", "recruiting", "office", "privacy"]


def test_the_operator_gets_six_grouped_menus_that_open_by_keyboard(cast: Cast) -> None:
    nav = menu_of(cast, Role.OPERATOR)
    assert nav.count('<details class="site-nav__menu">') == 6
    summaries = re.findall(r"<summary[^>]*>([^<]+)</summary>", nav)
    assert summaries == ["応募受付", "研修", "案件と報酬", "採用", "事務局", "個人情報"]
    # Two top-level links only: the dashboard first and the notifications last.
    top = re.findall(r'<li><a href="([^"]+)"', nav.replace("\n", ""))
    assert top[0] == R + "dashboard/"
    assert top[-1] == R + "notifications/"


def test_the_group_of_the_current_page_is_marked_and_the_page_is_current(cast: Cast) -> None:
    nav = menu_of(cast, Role.OPERATOR, "pay-runs/")
    assert '<summary class="is-current">案件と報酬</summary>' in nav
    assert f'<a href="{R}pay-runs/" aria-current="page">' in nav
    assert nav.count('aria-current="page"') == 1


def test_a_visitor_sees_the_public_destinations(cast: Cast) -> None:
    html = Client().get(R).content.decode()
    nav = html[html.index('<nav id="site-nav"') : html.index("</nav>")]
    assert hrefs(nav) == {"", "apply/", "events/", "jobs/", "contact/"}


def test_several_roles_see_the_union_once_with_notifications_last() -> None:
    menu = site_menu(roles={Role.TRAINER, Role.CLIENT}, slug="koga", here="at-risk")
    urls = [entry.url for entry in menu if isinstance(entry, navigation.MenuLink)]
    assert urls == [
        "dashboard",
        "learners",
        "at-risk",
        "live-session-list",
        "course-list",
        "workplace-office",
        "project-list",
        "week-approvals",
        "project-costs",
        "evaluation-list",
        "notifications",
    ]
    assert [e.is_current for e in menu if isinstance(e, navigation.MenuLink)].count(True) == 1


def test_a_destination_whose_page_is_not_installed_falls_back_to_its_path_or_is_left_out() -> None:
    label = navigation.DASHBOARD.label
    fallback = navigation._resolve(Link("no-such-page", label, path="somewhere/"), "koga", "")
    assert fallback is not None
    assert fallback.href == "/r/koga/somewhere/"
    assert navigation._resolve(Link("no-such-page", label), "koga", "") is None
