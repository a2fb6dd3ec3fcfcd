"""Two people in the virtual office, each in their own browser, against the ASGI server: a
message posted by one appears in the other's page within a second, a presence change shows
up, and after the server drops the stream the page reconnects and the message sent in the
meantime arrives. On the office page, a status shows live and clears itself, and a browser
that stopped sending heartbeats turns its person offline."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator

import httpx
import pytest
from django.utils import timezone
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


def test_the_office_shows_a_status_live_clears_it_and_marks_a_silent_browser_offline(
    browser: Browser, server: AsgiServer, koga: Region, cast: Cast
) -> None:
    """One person sets a status that clears itself seconds later: the other's office page
    shows it at once (the stream) and then without it (by itself). When the first closes
    their browser, its heartbeats stop; once the last one is 140 s old the other's page shows
    them offline, out of the room."""
    room = office(koga, cast)
    member = cast.user("participant")
    status = "資料作成に集中しています"
    setter_context, setter = person(browser)
    watcher_context, watcher = person(browser)
    try:
        sign_in(setter, server, "participant-koga")
        sign_in(watcher, server, "candidate-koga")
        for page in (setter, watcher):
            page.goto(f"{server.url}/r/koga/workplace/")
        expect(watcher.locator("#office-live[data-live-ready=true]")).to_have_count(1)
        in_room = watcher.locator(f"section[aria-labelledby='room-{room.pk}'] .office-people")
        expect(in_room).to_contain_text(member.get_username())

        setter.locator("#id_status_text").fill(status)
        setter.locator("#id_expires").select_option("custom")
        clears = timezone.localtime() + dt.timedelta(seconds=8)
        setter.locator("#id_expires_at").fill(clears.strftime("%Y-%m-%dT%H:%M:%S"))
        started = time.monotonic()
        setter.locator("form[action='/r/koga/workplace/presence/'] button[type=submit]").click()
        watcher.locator("#office-live", has_text=status).wait_for(timeout=5_000)
        elapsed = time.monotonic() - started
        print(f"status from one browser to the other: {elapsed * 1000:.0f} ms")
        assert elapsed < 2.0, f"the status took {elapsed:.2f} s to show"
        # Past its expiry the status is gone without anyone touching it.
        expect(watcher.locator("#office-live")).not_to_contain_text(status, timeout=30_000)

        # The setter's browser closes: no more heartbeats. Rather than wait 140 s, the last
        # one is dated 135 s back; five seconds on, it is past the threshold.
        setter_context.close()
        with region_scope(koga):
            Presence.objects.filter(user=member).update(
                last_heartbeat_at=timezone.now() - dt.timedelta(seconds=135),
                last_active_at=timezone.now() - dt.timedelta(seconds=135),
            )
        time.sleep(5)
        expect(watcher.locator("#office-live .office-offline")).to_contain_text(
            member.get_username(), timeout=30_000
        )
    finally:
        watcher_context.close()
        setter_context.close()
