"""Event pages say where the space is: its address and a link that opens a map search."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.events.models import Event
from sousei.events.tests.factories import event, register
from sousei.spaces.tests import factories as spaces

pytestmark = pytest.mark.django_db

MAP_SEARCH = "https://www.openstreetmap.org/search?query="


def in_the_space(region: Region) -> Event:
    """An event whose hall is booked in 快生館 (〒811-3101 福岡県古賀市天神)."""
    space = spaces.space(region, postal_code="811-3101")
    hall = spaces.resource(space, kind="event_hall", name="ホール")
    held = event(region, venue="")
    held.booking = spaces.booking(
        hall,
        starts_at=held.starts_at,
        ends_at=held.ends_at,
        purpose=held.title,
        kind="event",
    )
    held.save(update_fields=["booking"])
    return held


def test_the_event_page_gives_the_spaces_address_and_a_map_link(koga: Region) -> None:
    with region_scope(koga):
        held = in_the_space(koga)
    page = Client().get(f"/r/koga/events/{held.pk}/").content.decode()
    assert "〒811-3101 福岡県古賀市天神" in page
    link = f'href="{MAP_SEARCH}{quote("福岡県古賀市天神")}"'
    assert link in page
    anchor = page[page.index(link) - 60 : page.index(link) + 200]
    assert 'target="_blank"' in anchor
    assert 'rel="noopener' in anchor
    assert "<iframe" not in page


def test_the_registrants_page_and_the_staff_page_give_it_too(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        held = in_the_space(koga)
        registration = register(held)
    own = Client().get(f"/r/koga/events/my/{registration.token}/")
    assert own.status_code == 200
    assert "福岡県古賀市天神" in own.content.decode()
    staff = Client()
    staff.force_login(cast.user("operator"))
    manage = staff.get(f"/r/koga/events/manage/{held.pk}/").content.decode()
    assert f"{MAP_SEARCH}{quote('福岡県古賀市天神')}" in manage


def test_a_named_venue_gets_a_map_link_and_an_online_event_none(koga: Region) -> None:
    with region_scope(koga):
        hall = event(koga, venue="古賀市中央公民館")
        online = event(
            koga,
            venue="",
            online_url="https://meet.example.jp/abc",
            starts_at=timezone.now() + dt.timedelta(days=3),
        )
    page = Client().get(f"/r/koga/events/{hall.pk}/").content.decode()
    assert f"{MAP_SEARCH}{quote('古賀市中央公民館')}" in page
    assert MAP_SEARCH not in Client().get(f"/r/koga/events/{online.pk}/").content.decode()


def test_an_online_events_link_is_for_the_registered_only(koga: Region) -> None:
    """The public page and list say オンライン; the registrant's page and e-mail give the link."""
    link = "https://meet.example.jp/only-for-you"
    with region_scope(koga):
        online = event(
            koga,
            venue="",
            online_url=link,
            starts_at=timezone.make_aware(dt.datetime(2027, 1, 15, 19)),
            ends_at=timezone.make_aware(dt.datetime(2027, 1, 15, 20, 30)),
        )
        registration = register(online)
    public = Client().get(f"/r/koga/events/{online.pk}/").content.decode()
    assert link not in public
    assert "オンライン" in public
    assert "2027年1月15日(金) 19:00–20:30" in public
    assert link not in Client().get("/r/koga/events/").content.decode()
    assert link in Client().get(f"/r/koga/events/my/{registration.token}/").content.decode()
    with region_scope(koga):
        mail = OutboxMessage.objects.filter(email=registration.person.email).latest("id")
    assert link in mail.body
    assert "2027年1月15日(金) 19:00–20:30" in mail.body
