"""The spaces API: spaces with resources, booking (201/409/422), lists, cancel, check-in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.spaces.models import Booking, BookingStatus, Resource, ResourceKind, Space
from sousei.spaces.tests import factories as f
from sousei.spaces.tests.factories import MONDAY, at

pytestmark = pytest.mark.django_db
BOOKINGS = "/api/v1/regions/koga/bookings"


@pytest.fixture
def space(koga: Region) -> Space:
    with region_scope(koga):
        made = f.space(koga)
        f.resource(made)
        f.resource(made, kind=ResourceKind.DESK, name="デスク1", capacity=1)
        f.resource(made, kind=ResourceKind.EVENT_HALL, name="イベントホール", capacity=60)
        return made


def resource(space: Space, name: str) -> Resource:
    with region_scope(space.region):
        return Resource.objects.get(space=space, name=name)


def post_booking(
    api: Client,
    resource_id: int,
    starts: dt.datetime,
    ends: dt.datetime,
    purpose: str = "打ち合わせ",
    **extra: Any,
) -> Any:
    body = {
        "resource_id": resource_id,
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "purpose": purpose,
        **extra,
    }
    return api.post(BOOKINGS, body, content_type="application/json")


def test_it_lists_spaces_with_their_resources(
    cast: Cast, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    api = bearer_client(cast.user("candidate"))
    with django_assert_num_queries(6):  # token (3), roles, spaces, resources
        body = api.get("/api/v1/regions/koga/spaces").json()
    (only,) = body
    assert only["name"] == "快生館"
    assert sorted((r["kind"], r["name"], r["capacity"]) for r in only["resources"]) == [
        ("desk", "デスク1", 1),
        ("event_hall", "イベントホール", 60),
        ("meeting_room", "会議室A", 6),
    ]


def test_the_holder_reads_family_name_first(cast: Cast, space: Space) -> None:
    holder = cast.user("participant")
    holder.last_name, holder.first_name = "安部", "雄一"
    holder.save()
    room = resource(space, "会議室A")
    response = post_booking(bearer_client(holder), room.pk, at(MONDAY, 10), at(MONDAY, 12))
    assert response.status_code == 201, response.content
    assert response.json()["holder"] == "安部 雄一"


def test_a_member_books_a_room_for_themselves(cast: Cast, space: Space) -> None:
    room = resource(space, "会議室A")
    response = post_booking(
        bearer_client(cast.user("participant")), room.pk, at(MONDAY, 10), at(MONDAY, 12)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "booked"
    assert body["holder"] == "participant-koga"
    assert body["resource"] == "会議室A"
    assert len(body["check_in_code"]) == 16
    assert dt.datetime.fromisoformat(body["starts_at"]) == at(MONDAY, 10)


def test_an_overlap_answers_409_saying_when_but_not_what(cast: Cast, space: Space) -> None:
    room = resource(space, "会議室A")
    post_booking(
        bearer_client(cast.user("trainer")),
        room.pk,
        at(MONDAY, 10),
        at(MONDAY, 12),
        purpose="UiPath勉強会",
    )
    response = post_booking(
        bearer_client(cast.user("participant")), room.pk, at(MONDAY, 11), at(MONDAY, 13)
    )
    assert response.status_code == 409
    body = response.json()
    assert "2027-03-01 10:00" in body["detail_en"]
    # Another member's purpose is theirs: the conflict names the time, not what it is for.
    assert "UiPath勉強会" not in body["detail_en"]
    assert "UiPath勉強会" not in body["detail_ja"]
    with region_scope(space.region):
        assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("starts", "ends", "field", "words"),
    [
        (at(MONDAY, 12), at(MONDAY, 10), "ends_at", "ends before it starts"),
        (at(MONDAY, 20), at(MONDAY, 22), "starts_at", "open from 09:00 to 21:00"),
        (
            at(dt.date(2027, 3, 7), 10),
            at(dt.date(2027, 3, 7), 12),
            "starts_at",
            "closed every Sunday",
        ),
    ],
)
def test_bad_input_answers_422_and_stores_nothing(
    cast: Cast, space: Space, starts: dt.datetime, ends: dt.datetime, field: str, words: str
) -> None:
    room = resource(space, "会議室A")
    response = post_booking(bearer_client(cast.user("participant")), room.pk, starts, ends)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == field
    assert words in body["detail_en"]
    assert body["detail_ja"] != body["detail_en"]
    with region_scope(space.region):
        assert not Booking.objects.exists()


def test_a_malformed_body_answers_422(cast: Cast, space: Space) -> None:
    response = bearer_client(cast.user("participant")).post(
        BOOKINGS, {"resource_id": "x"}, content_type="application/json"
    )
    assert response.status_code == 422


def test_members_cannot_book_the_event_hall_or_events(cast: Cast, space: Space) -> None:
    hall = resource(space, "イベントホール")
    member = bearer_client(cast.user("candidate"))
    response = post_booking(member, hall.pk, at(MONDAY, 10), at(MONDAY, 12))
    assert response.status_code == 422
    assert "space manager" in response.json()["detail_en"]
    room = resource(space, "会議室A")
    assert (
        post_booking(member, room.pk, at(MONDAY, 10), at(MONDAY, 12), kind="event").status_code
        == 403
    )
    manager = bearer_client(cast.user("space_manager"))
    response = post_booking(
        manager,
        hall.pk,
        at(MONDAY, 10),
        at(MONDAY + dt.timedelta(days=1), 17),
        purpose="採用イベント",
        kind="event",
    )
    assert response.status_code == 201, response.content
    assert response.json()["holder"] is None


def test_members_list_their_own_bookings_and_staff_all(
    cast: Cast, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    room = resource(space, "会議室A")
    desk = resource(space, "デスク1")
    with region_scope(space.region):
        for hour in (9, 11, 13, 15):
            f.booking(
                room,
                starts_at=at(MONDAY, hour),
                ends_at=at(MONDAY, hour + 1),
                holder=cast.user("participant"),
            )
        f.booking(desk, holder=cast.user("candidate"))
        f.booking(
            desk,
            starts_at=at(MONDAY + dt.timedelta(days=1), 10),
            ends_at=at(MONDAY + dt.timedelta(days=1), 11),
            holder=cast.user("candidate"),
        )
    mine = bearer_client(cast.user("participant")).get(BOOKINGS).json()
    assert mine["count"] == 4
    staff = bearer_client(cast.user("space_manager"))
    with django_assert_num_queries(7):  # token (3), roles, count, ids, rows
        everything = staff.get(BOOKINGS).json()
    assert everything["count"] == 6
    on_monday = staff.get(BOOKINGS + "?date=2027-03-01").json()
    assert on_monday["count"] == 5
    assert [r["starts_at"][11:16] for r in on_monday["results"]][:2] == ["09:00", "10:00"]


def test_cancel_and_check_in_through_the_api(cast: Cast, space: Space) -> None:
    room = resource(space, "会議室A")
    member = bearer_client(cast.user("participant"))
    booking = post_booking(member, room.pk, at(MONDAY, 10), at(MONDAY, 12)).json()
    # Someone else's booking answers 404, as one that does not exist.
    other = bearer_client(cast.user("candidate"))
    assert other.get(f"{BOOKINGS}/{booking['id']}").status_code == 404
    assert (
        other.post(
            f"{BOOKINGS}/{booking['id']}/cancel", {}, content_type="application/json"
        ).status_code
        == 404
    )
    # Check-in opens 30 minutes before the start: in November 2026 it is far too early.
    manager = bearer_client(cast.user("space_manager"))
    early = manager.post(
        BOOKINGS + "/check-in", {"code": booking["check_in_code"]}, content_type="application/json"
    )
    assert early.status_code == 409
    assert "30 minutes before" in early.json()["detail_en"]
    unknown = manager.post(
        BOOKINGS + "/check-in", {"code": "ZZZZ"}, content_type="application/json"
    )
    assert unknown.status_code == 422
    cancelled = member.post(
        f"{BOOKINGS}/{booking['id']}/cancel",
        {"reason": "体調不良"},
        content_type="application/json",
    )
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["cancel_reason"]) == (
        "cancelled",
        "体調不良",
    )
    again = post_booking(
        bearer_client(cast.user("trainer")), room.pk, at(MONDAY, 10), at(MONDAY, 12)
    )
    assert again.status_code == 201


def test_another_regions_booking_is_404(cast: Cast, space: Space, fukutsu: Region) -> None:
    with region_scope(fukutsu):
        theirs = f.booking(f.resource(f.space(fukutsu, name="福津ベース")))
    manager = bearer_client(cast.user("space_manager"))
    assert manager.get(f"{BOOKINGS}/{theirs.pk}").status_code == 404
    assert manager.post(f"{BOOKINGS}/{theirs.pk}/check-in").status_code == 404
    response = manager.post(
        BOOKINGS + "/check-in", {"code": theirs.check_in_code}, content_type="application/json"
    )
    assert response.status_code == 422
    with region_scope(fukutsu):
        assert Booking.objects.get(pk=theirs.pk).status == BookingStatus.BOOKED


def test_occupancy_says_who_is_in(cast: Cast, koga: Region) -> None:
    from django.utils import timezone

    with region_scope(koga):
        space = f.space(
            koga,
            opening_hours=[["00:00", "23:59"]] * 7,
            closed_periods=[],
            closed_on_holidays=False,
        )
        desk1 = f.resource(space, kind=ResourceKind.DESK, name="デスク1", capacity=1)
        f.resource(space, kind=ResourceKind.DESK, name="デスク2", capacity=1)
        now = timezone.now()
        f.booking(
            desk1,
            starts_at=now - dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(hours=1),
            status=BookingStatus.CHECKED_IN,
            checked_in_at=now,
            holder=cast.user("participant"),
        )
    body = (
        bearer_client(cast.user("space_manager"))
        .get(f"/api/v1/regions/koga/spaces/{space.pk}/occupancy")
        .json()
    )
    assert [r["holder"] for r in body["checked_in"]] == ["participant-koga"]
    assert body["desks"] == 2
    assert [d["name"] for d in body["free_desks"]] == ["デスク2"]
