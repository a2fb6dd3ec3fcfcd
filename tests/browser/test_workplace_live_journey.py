"""Two people in the virtual office, each in their own browser, against the ASGI server: a
message posted by one appears in the other's page within a second, a presence change shows
up, and after the server drops the stream the page reconnects and the message sent in the
meantime arrives."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.core.tokens import api_token_issue
from sousei.workplace import live
from sousei.workplace.models import Presence, PresenceState, Room
from sousei.workplace.tests import chat_made as made
from sousei.workplace.tests.asgi_server import AsgiServer, asgi_server
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server() -> Iterator[AsgiServer]:
    with asgi_server() as running:
        yield running


def person(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 390, "height": 844}, timezone_id="Asia/Tokyo"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def sign_in(page: Page, server: AsgiServer, username: str) -> None:
    page.goto(f"{server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/r/koga/"))


def office(koga: Region, cast: Cast) -> Room:
    with region_scope(koga):
        team = made.team(koga)
        made.member(koga, team, cast.user("participant"), lead=True)
        made.member(koga, team, cast.user("candidate"))
        room = made.open_room(koga)
        Presence.objects.create(
            region=koga, user=cast.user("participant"), room=room, state=PresenceState.AVAILABLE
        )
        return room


def test_two_people_see_each_others_messages_and_presence_live(
    browser: Browser, server: AsgiServer, koga: Region, cast: Cast
) -> None:
    room = office(koga, cast)
    url = f"{server.url}/r/koga/workplace/rooms/{room.pk}/chat/"
    writer_context, writer = person(browser)
    reader_context, reader = person(browser)
    try:
        sign_in(writer, server, "participant-koga")
        sign_in(reader, server, "candidate-koga")
        for page in (writer, reader):
            page.goto(url)
            expect(page.locator("[data-live-ready=true]")).to_have_count(1)
        assert_accessible(reader)

        # A message posted in one browser appears in the other within a second.
        writer.locator("#id_body").fill("今日の定例は15時からです")
        started = time.monotonic()
        writer.locator("[data-composer] button[type=submit]").click()
        reader.locator(".chat-message__text", has_text="今日の定例は15時からです").wait_for()
        elapsed = time.monotonic() - started
        print(f"message from one browser to the other: {elapsed * 1000:.0f} ms")
        assert elapsed < 1.0, f"the message took {elapsed:.2f} s to arrive"
        expect(
            writer.locator(".chat-message__text", has_text="今日の定例は15時からです")
        ).to_have_count(1)

        # A presence change shows in the other browser (the office's presence service calls
        # office_changed → live.office_publish in its transaction; here its write directly).
        mark = reader.locator(f'[data-presence-user="{cast.user("participant").pk}"]')
        expect(mark).to_have_attribute("data-state", "available")
        with region_scope(koga):
            Presence.objects.filter(user=cast.user("participant")).update(state=PresenceState.BUSY)
            live.office_publish(koga, "presence", {"user_id": cast.user("participant").pk})
        expect(mark).to_have_attribute("data-state", "busy", timeout=2_000)
        expect(mark).to_have_text("取り込み中")

        # The server drops every stream; a message sent before the browsers reconnect still
        # arrives, from the database, when they do (EventSource resumes with Last-Event-ID).
        server.drop_streams()
        expect(reader.locator("[data-live-ready=false]")).to_have_count(1, timeout=3_000)
        raw, _token = api_token_issue(user=cast.user("participant"))
        answer = httpx.post(
            f"{server.url}/api/v1/regions/koga/rooms/{room.pk}/messages",
            json={"body": "切断中に送ったメッセージ"},
            headers={"Authorization": f"Bearer {raw}"},
        )
        assert answer.status_code == 201
        expect(reader.locator("[data-live-ready=true]")).to_have_count(1, timeout=10_000)
        expect(
            reader.locator(".chat-message__text", has_text="切断中に送ったメッセージ")
        ).to_have_count(1, timeout=5_000)
        # Once: the replay and the page never show a message twice.
        expect(reader.locator("[data-message-id]")).to_have_count(2)
    finally:
        writer_context.close()
        reader_context.close()
