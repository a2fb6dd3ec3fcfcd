"""403, 404 and 500 pages: in the reader's language, in the site's layout, with a way back.
The 500 page renders without the database and without the request's context processors."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ApplicationFactory
from sousei.portal.errors import server_error


def client_for(user: object = None, language: str = "ja") -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "back"),
    [
        ("ja", "ページが見つかりません", "ダッシュボードに戻る"),
        ("en", "Page not found", "Back to your dashboard"),
    ],
)
def test_another_regions_object_answers_the_404_page_in_the_readers_language(
    cast: Cast, fukutsu: Region, language: str, title: str, back: str
) -> None:
    with region_scope(fukutsu):
        theirs = ApplicationFactory.create(region=fukutsu)
    client = client_for(cast.user(Role.OPERATOR), language)
    response = client.get(f"/r/koga/applications/{theirs.pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'<html lang="{language}">' in html
    # The site's layout with the operator's menu of Koga, and a way back to their dashboard.
    assert 'class="site-nav__menu"' in html
    assert f'<a href="/r/koga/dashboard/">{back}</a>' in html
    assert theirs.email not in html


@pytest.mark.django_db
def test_an_unknown_address_answers_the_404_page_with_the_start_page(cast: Cast) -> None:
    response = client_for().get("/nowhere/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>ページが見つかりません</h1>" in html
    assert '<a href="/">創生のトップページ</a>' in html
    assert 'href="/login/?next=/nowhere/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("ja", "このページは開けません"), ("en", "You cannot open this page")]
)
def test_a_role_without_access_gets_the_403_page_with_its_own_menu(
    cast: Cast, language: str, title: str
) -> None:
    response = client_for(cast.user(Role.PARTICIPANT), language).get("/r/koga/applications/")
    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert 'href="/r/koga/learning/"' in html  # the participant's menu
    assert 'href="/r/koga/applications/"' not in html
    assert 'href="/r/koga/dashboard/"' in html


@pytest.mark.parametrize(
    ("language", "title", "back"),
    [
        ("ja", "システム側で問題が発生しました", "創生のトップページ"),
        ("en", "Something went wrong on our side", "Sousei's start page"),
    ],
)
def test_the_500_page_renders_without_the_database_or_the_context_processors(
    language: str, title: str, back: str
) -> None:
    # No database in this test: any query raises. The request carries a region and a user
    # whose roles would need the database, so the menu's context processor would fail.
    request = RequestFactory().get("/r/koga/dashboard/")
    request.region = Region(pk=1, slug="koga", code="40220")  # type: ignore[attr-defined]
    request.user = _NoDatabaseUser()  # type: ignore[assignment]
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert f'<a href="/">{back}</a>' in html
    assert 'class="site-header"' in html


class _NoDatabaseUser:
    """A user whose every attribute would read the database: the 500 page must not ask."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the 500 page read request.user.{name}")


@pytest.mark.django_db
@pytest.mark.urls("sousei.portal.tests.error_urls")
def test_a_fault_answers_the_500_page_through_the_whole_stack(cast: Cast) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.user(Role.OPERATOR))
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "<h1>システム側で問題が発生しました</h1>" in response.content.decode()
