"""The workplace pages: the office works without JavaScript (forms POST and come back), the
org chart and a member's profile, and who may see them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.tests import factories as project_factories
from sousei.workplace.models import Presence, Room
from sousei.workplace.tests import factories

pytestmark = pytest.mark.django_db


def signed_in(cast: Cast, role: str) -> Client:
    client = Client()
    client.force_login(cast.user(role))
    return client


@pytest.fixture
def team_room(koga: Region, cast: Cast) -> int:
    with region_scope(koga):
        team = factories.team(koga, "RPAチーム")
        factories.seat(koga, cast.user("participant"), team, manager=cast.user("operator"))
        factories.open_room(koga)
        return factories.room_of(team).pk


def test_the_office_page_shows_rooms_and_my_controls(cast: Cast, team_room: int) -> None:
    response = signed_in(cast, "participant").get("/r/koga/workplace/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "RPAチーム" in page
    assert "オープンオフィス" in page
    assert 'name="status_text"' in page
    assert 'name="expires"' in page
    assert "workplace-office.js" in page
    assert "<script>" not in page


def test_setting_a_status_without_javascript(cast: Cast, team_room: int, koga: Region) -> None:
    client = signed_in(cast, "participant")
    response = client.post(
        "/r/koga/workplace/presence/",
        {"state": "busy", "status_emoji": "📞", "status_text": "電話中", "expires": "30m"},
    )
    assert response.status_code == 302
    with region_scope(koga):
        row = Presence.objects.get(user=cast.user("participant"))
    assert (row.state, row.status_text) == ("busy", "電話中")
    assert row.status_expires_at is not None
    assert (
        dt.timedelta(minutes=29)
        < row.status_expires_at - timezone.now()
        <= dt.timedelta(minutes=30)
    )
    assert "電話中" in client.get("/r/koga/workplace/").content.decode()


def test_a_custom_expiry_in_the_past_is_shown_next_to_the_field(cast: Cast, team_room: int) -> None:
    past = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = signed_in(cast, "participant").post(
        "/r/koga/workplace/presence/",
        {"state": "available", "status_text": "x", "expires": "custom", "expires_at": past},
    )
    assert response.status_code == 422
    assert "id_expires_at_error" in response.content.decode()


def test_dnd_hide_enter_and_leave_through_forms(cast: Cast, team_room: int, koga: Region) -> None:
    client = signed_in(cast, "participant")
    assert client.post("/r/koga/workplace/presence/dnd/", {"until": "1h"}).status_code == 302
    assert client.post("/r/koga/workplace/presence/hide/", {"hidden": "on"}).status_code == 302
    assert client.post(f"/r/koga/workplace/rooms/{team_room}/enter/").status_code == 302
    with region_scope(koga):
        row = Presence.objects.get(user=cast.user("participant"))
    assert row.hidden
    assert row.do_not_disturb_until is not None
    assert row.room_id == team_room
    assert client.post("/r/koga/workplace/rooms/leave/").status_code == 302
    assert client.post("/r/koga/workplace/presence/hide/", {"hidden": ""}).status_code == 302
    with region_scope(koga):
        row.refresh_from_db()
    assert not row.hidden
    assert row.room_id is None


def test_another_teams_room_and_region_answer_404(cast: Cast, team_room: int, koga: Region) -> None:
    with region_scope(koga):
        other = factories.room_of(factories.team(koga, "よそのチーム"))
    client = signed_in(cast, "participant")
    assert client.post(f"/r/koga/workplace/rooms/{other.pk}/enter/").status_code == 404
    outsider = Client()
    outsider.force_login(cast.user("operator", "fukutsu"))
    assert outsider.get("/r/koga/workplace/").status_code == 404


def test_the_municipality_and_a_participant_without_a_team_get_403(cast: Cast) -> None:
    assert signed_in(cast, "municipality").get("/r/koga/workplace/").status_code == 403
    assert signed_in(cast, "participant").get("/r/koga/workplace/").status_code == 403
    assert signed_in(cast, "trainer").get("/r/koga/workplace/").status_code == 200


def test_the_org_chart_nests_people_under_their_manager(cast: Cast, team_room: int) -> None:
    page = signed_in(cast, "trainer").get("/r/koga/workplace/org/").content.decode()
    operator = page.index(cast.user("operator").get_username())
    participant = page.index(cast.user("participant").get_username())
    assert operator < participant
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_profile_shows_team_manager_municipality_and_skills(
    cast: Cast, koga: Region, minimum_wages: None
) -> None:
    user = cast.user("participant")
    with region_scope(koga):
        participant = ParticipantFactory.create(region=koga)
        participant.person.user = user
        participant.person.save(update_fields=["user"])
        project_factories.trained_participant(
            koga, skills={"rpa.uipath": 3}, participant=participant
        )
        team = factories.team(koga, "RPAチーム")
        place = factories.seat(koga, user, team, manager=cast.user("operator"))
        place.person = participant.person
        place.save(update_fields=["person"])
    page = signed_in(cast, "trainer").get(f"/r/koga/workplace/people/{user.pk}/").content.decode()
    assert "RPAチーム" in page
    assert "福岡県古賀市" in page
    assert "40223" not in page
    assert "UiPath" in page
    missing = signed_in(cast, "trainer").get(f"/r/koga/workplace/people/{cast.user('client').pk}/")
    assert missing.status_code == 404


def test_operators_add_and_close_rooms(cast: Cast, koga: Region) -> None:
    client = signed_in(cast, "operator")
    response = client.post(
        "/r/koga/workplace/rooms/",
        {"name": "会議室A", "kind": "meeting", "meeting_url": "https://meet.example.jp/x"},
    )
    assert response.status_code == 302
    with region_scope(koga):
        room = Room.objects.get(name="会議室A")
    assert client.post(f"/r/koga/workplace/rooms/{room.pk}/archive/").status_code == 302
    assert signed_in(cast, "trainer").get("/r/koga/workplace/rooms/").status_code == 403
