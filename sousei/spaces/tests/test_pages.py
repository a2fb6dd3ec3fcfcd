"""The spaces pages: booking form, my bookings with QR codes, calendar, today's occupancy,
the front desk's check-in, and the dashboard panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.spaces.models import Booking, BookingStatus, Resource, ResourceKind, Space
from sousei.spaces.tests import factories as f
from sousei.spaces.tests.factories import MONDAY, at

pytestmark = pytest.mark.django_db
ALWAYS_OPEN = [["00:00", "23:59"]] * 7


def signed_in(user: object) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def space(koga: Region) -> Space:
    with region_scope(koga):
        made = f.space(koga, opening_hours=ALWAYS_OPEN, closed_periods=[], closed_on_holidays=False)
        f.resource(made)
        f.resource(made, kind=ResourceKind.DESK, name="デスク1", capacity=1)
        f.resource(made, kind=ResourceKind.DESK, name="デスク2", capacity=1)
        f.resource(made, kind=ResourceKind.EVENT_HALL, name="イベントホール", capacity=60)
        return made


def resource(space: Space, name: str) -> Resource:
    with region_scope(space.region):
        return Resource.objects.get(space=space, name=name)


def now_booking(space: Space, name: str, holder: object, **fields: Any) -> Booking:
    now = timezone.now()
    with region_scope(space.region):
        return f.booking(
            resource(space, name),
            starts_at=now - dt.timedelta(minutes=5),
            ends_at=now + dt.timedelta(hours=2),
            holder=holder,
            **fields,
        )


def test_a_member_books_a_desk_and_sees_its_qr_code(cast: Cast, space: Space) -> None:
    client = signed_in(cast.user("participant"))
    page = client.get("/r/koga/bookings/new/")
    assert page.status_code == 200
    assert "イベントホール" not in page.content.decode()  # staff book the hall
    response = client.post(
        "/r/koga/bookings/new/",
        {
            "resource": resource(space, "デスク1").pk,
            "day": "2027-03-01",
            "start": "10:00",
            "end": "17:00",
            "purpose": "UiPath 自習",
        },
    )
    assert response.status_code == 302
    with region_scope(space.region):
        booking = Booking.objects.get()
    assert booking.holder == cast.user("participant")
    assert booking.starts_at == at(MONDAY, 10)
    detail = client.get(response["Location"]).content.decode()
    assert "<svg" in detail
    assert booking.check_in_code[:4] in detail
    mine = client.get("/r/koga/bookings/").content.decode()
    assert "UiPath 自習" in mine
    assert "UiPath 自習" in mine


def test_the_booking_form_shows_errors_next_to_the_fields(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        room = f.resource(f.space(koga))
    client = signed_in(cast.user("participant"))
    response = client.post(
        "/r/koga/bookings/new/",
        {"resource": room.pk, "day": "2027-03-07", "start": "12:00", "end": "10:00", "purpose": ""},
    )
    assert response.status_code == 422
    assert "purpose" in response.context["form"].errors
    response = client.post(
        "/r/koga/bookings/new/",
        {
            "resource": room.pk,
            "day": "2027-03-01",
            "start": "12:00",
            "end": "10:00",
            "purpose": "x",
        },
    )
    assert "ends before it starts" in str(response.context["form"].errors["end"])
    response = client.post(
        "/r/koga/bookings/new/",
        {
            "resource": room.pk,
            "day": "2027-03-07",
            "start": "10:00",
            "end": "12:00",
            "purpose": "x",
        },
    )
    assert "closed every Sunday" in str(response.context["form"].errors["start"])
    with region_scope(koga):
        assert not Booking.objects.exists()


def test_an_overlap_is_explained_above_the_form(cast: Cast, space: Space) -> None:
    room = resource(space, "会議室A")
    with region_scope(space.region):
        f.booking(room, purpose="採用面接")
    response = signed_in(cast.user("candidate")).post(
        "/r/koga/bookings/new/",
        {
            "resource": room.pk,
            "day": "2027-03-01",
            "start": "11:00",
            "end": "13:00",
            "purpose": "x",
        },
    )
    assert response.status_code == 422
    explained = str(response.context["form"].non_field_errors())
    assert "10:00" in explained
    assert "採用面接" not in explained  # another member's purpose is not shown


def test_the_front_desk_checks_in_a_typed_code(cast: Cast, space: Space) -> None:
    booking = now_booking(space, "デスク1", cast.user("participant"))
    desk = signed_in(cast.user("space_manager"))
    assert desk.get("/r/koga/spaces/check-in/").status_code == 200
    typed = " ".join(booking.check_in_code[i : i + 4] for i in range(0, 16, 4)).lower()
    response = desk.post("/r/koga/spaces/check-in/", {"code": typed, "action": "check_in"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN
    again = desk.post("/r/koga/spaces/check-in/", {"code": typed})
    assert again.status_code == 409
    assert "already checked in" in again.content.decode()
    out = desk.post("/r/koga/spaces/check-in/", {"code": typed, "action": "check_out"})
    assert out.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_OUT
    wrong = desk.post("/r/koga/spaces/check-in/", {"code": "WRONG-CODE"})
    assert wrong.status_code == 422
    assert "No booking has this code" in wrong.content.decode()


def test_a_scanned_qr_opens_the_booking_at_the_front_desk(cast: Cast, space: Space) -> None:
    booking = now_booking(space, "デスク1", cast.user("participant"))
    desk = signed_in(cast.user("space_manager"))
    page = desk.get(f"/r/koga/spaces/check-in/{booking.check_in_code}/")
    assert page.status_code == 200
    assert f"/r/koga/bookings/{booking.pk}/check-in/" in page.content.decode()
    assert desk.get("/r/koga/spaces/check-in/NOSUCHCODE/").status_code == 404
    response = desk.post(
        f"/r/koga/bookings/{booking.pk}/check-in/", {"next": "/r/koga/spaces/check-in/"}
    )
    assert response["Location"] == "/r/koga/spaces/check-in/"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN


def test_todays_occupancy_shows_who_is_in_and_free_desks(
    cast: Cast, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    now_booking(
        space,
        "デスク1",
        cast.user("participant"),
        status=BookingStatus.CHECKED_IN,
        checked_in_at=timezone.now(),
    )
    now_booking(space, "会議室A", cast.user("candidate"), purpose="面接準備")
    client = signed_in(cast.user("space_manager"))
    url = f"/r/koga/spaces/{space.pk}/today/"
    client.get(url)
    with django_assert_num_queries(7):  # region, session, user, roles, space, resources, bookings
        page = client.get(url)
    html = page.content.decode()
    assert "participant-koga" in html
    assert "面接準備" in html
    occupancy = page.context["occupancy"]
    assert [row.resource.name for row in occupancy.free_desks] == ["デスク2"]
    assert len(occupancy.late) == 1
    with region_scope(space.region):
        for hour in range(3):
            f.booking(
                resource(space, "デスク2"),
                starts_at=timezone.now() + dt.timedelta(hours=3 + hour),
                ends_at=timezone.now() + dt.timedelta(hours=3 + hour, minutes=30),
            )
    with django_assert_num_queries(7):
        client.get(url)


def test_the_calendar_hides_other_peoples_purposes_from_members(cast: Cast, space: Space) -> None:
    room = resource(space, "会議室A")
    with region_scope(space.region):
        f.booking(room, purpose="社外秘の打ち合わせ", holder=cast.user("client"))
    url = f"/r/koga/spaces/{space.pk}/?week=2027-03-03"
    member = signed_in(cast.user("participant")).get(url).content.decode()
    assert "10:00–12:00" in member
    assert "社外秘" not in member
    staff = signed_in(cast.user("space_manager")).get(url).content.decode()
    assert "社外秘の打ち合わせ" in staff


def test_a_member_cancels_their_booking_but_not_anothers(cast: Cast, space: Space) -> None:
    room = resource(space, "会議室A")
    with region_scope(space.region):
        mine = f.booking(room, holder=cast.user("participant"))
        theirs = f.booking(
            room, starts_at=at(MONDAY, 13), ends_at=at(MONDAY, 14), holder=cast.user("candidate")
        )
    client = signed_in(cast.user("participant"))
    assert (
        client.post(f"/r/koga/bookings/{mine.pk}/cancel/", {"reason": "予定変更"}).status_code
        == 302
    )
    # Someone else's booking answers 404, as one that does not exist.
    assert client.post(f"/r/koga/bookings/{theirs.pk}/cancel/").status_code == 404
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (BookingStatus.CANCELLED, BookingStatus.BOOKED)


def test_another_regions_booking_is_not_found(cast: Cast, space: Space, fukutsu: Region) -> None:
    with region_scope(fukutsu):
        theirs = f.booking(f.resource(f.space(fukutsu, name="福津ベース")))
    client = signed_in(cast.user("space_manager"))
    assert client.get(f"/r/koga/bookings/{theirs.pk}/").status_code == 404
    assert client.post(f"/r/koga/bookings/{theirs.pk}/check-in/").status_code == 404
    assert client.get(f"/r/koga/spaces/check-in/{theirs.check_in_code}/").status_code == 404


def test_the_space_manager_dashboard_has_todays_occupancy(cast: Cast, space: Space) -> None:
    now_booking(
        space,
        "デスク1",
        cast.user("participant"),
        status=BookingStatus.CHECKED_IN,
        checked_in_at=timezone.now(),
    )
    html = signed_in(cast.user("space_manager")).get("/r/koga/dashboard/").content.decode()
    assert "Today at the space" in html
    assert f"/r/koga/spaces/{space.pk}/today/" in html


def test_the_spaces_page_lists_hours_and_resources(cast: Cast, space: Space) -> None:
    html = signed_in(cast.user("candidate")).get("/r/koga/spaces/").content.decode()
    assert "快生館" in html
    assert "デスク1" in html
    assert "00:00–23:59" in html


def test_the_space_manager_sets_hours_and_closed_days(cast: Cast, space: Space) -> None:
    client = signed_in(cast.user("space_manager"))
    url = f"/r/koga/spaces/{space.pk}/settings/"
    assert client.get(url).status_code == 200
    data: dict[str, str] = {
        "closed_dates": "2027-03-03\n2027-03-04",
        "closed_periods": "12-29..01-03",
        "closed_on_holidays": "on",
    }
    for day in range(5):
        data[f"opens_{day}"], data[f"closes_{day}"] = "09:00", "18:00"
    bad = client.post(url, {**data, "closes_5": "12:00", "closed_dates": "tomorrow"})
    assert bad.status_code == 422
    assert "Give both times" in str(bad.context["form"].errors["opens_5"])
    assert "closed_dates" in bad.context["form"].errors
    assert client.post(url, data).status_code == 302
    space.refresh_from_db()
    assert space.opening_hours == [["09:00", "18:00"]] * 5 + [None, None]
    assert space.closed_dates == ["2027-03-03", "2027-03-04"]
    room = resource(space, "会議室A")
    response = signed_in(cast.user("participant")).post(
        "/r/koga/bookings/new/",
        {
            "resource": room.pk,
            "day": "2027-03-03",
            "start": "10:00",
            "end": "11:00",
            "purpose": "x",
        },
    )
    assert "closed on 2027-03-03" in str(response.context["form"].errors["start"])
    assert signed_in(cast.user("participant")).get(url).status_code == 403


def test_my_bookings_and_the_calendar_run_a_fixed_number_of_queries(
    cast: Cast, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    member = cast.user("participant")
    client = signed_in(member)
    calendar = f"/r/koga/spaces/{space.pk}/?week=2027-03-01"

    def add(count: int, first_hour: int) -> None:
        now = timezone.now()
        with region_scope(space.region):
            for n in range(count):
                f.booking(
                    resource(space, "会議室A"),
                    starts_at=at(MONDAY, first_hour + n),
                    ends_at=at(MONDAY, first_hour + n, 45),
                    holder=member,
                )
                f.booking(
                    resource(space, "デスク2"),
                    starts_at=now + dt.timedelta(hours=first_hour - 8 + n),
                    ends_at=now + dt.timedelta(hours=first_hour - 8 + n, minutes=30),
                    holder=member,
                )

    add(1, 9)
    client.get("/r/koga/bookings/")
    with django_assert_num_queries(6):  # region, session, user, roles, upcoming, past
        client.get("/r/koga/bookings/")
    with django_assert_num_queries(7):  # region, session, user, roles, space, resources, bookings
        client.get(calendar)
    add(3, 12)
    with django_assert_num_queries(6):
        client.get("/r/koga/bookings/")
    with django_assert_num_queries(7):
        client.get(calendar)


def test_a_day_the_space_is_closed_reads_closed_not_free(cast: Cast, koga: Region) -> None:
    hours = [["09:00", "21:00"]] * 6 + [None]  # closed on Sundays
    with region_scope(koga):
        closed_sundays = f.space(koga, opening_hours=hours, closed_on_holidays=False)
        f.resource(closed_sundays, kind=ResourceKind.DESK, name="デスク1", capacity=1)
    html = signed_in(cast.user("participant")).get(
        f"/r/koga/spaces/{closed_sundays.pk}/?week=2027-03-01"
    )
    page = html.content.decode()
    assert "date=2027-03-06" in page  # Saturday is bookable
    assert "date=2027-03-07" not in page  # Sunday is not offered
    assert page.count(">Closed<") == 1


def test_the_yearly_closure_reads_as_dates(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        f.space(koga, closed_periods=["12-29..01-03"], closed_on_holidays=False)
    client = Client()
    client.force_login(cast.user("participant"))
    page = client.get("/r/koga/spaces/").content.decode()
    assert "12月29日〜1月3日" in page
    assert "12-29..01-03" not in page


def test_staff_read_the_holders_family_name_first(cast: Cast, space: Space) -> None:
    holder = cast.user("participant")
    holder.last_name, holder.first_name = "安部", "雄一"
    holder.save(update_fields=["last_name", "first_name"])
    with region_scope(space.region):
        booking = f.booking(resource(space, "会議室A"), holder=holder)
    staff = signed_in(cast.user("space_manager"))
    for url in (f"/r/koga/spaces/{space.pk}/?week=2027-03-03", f"/r/koga/bookings/{booking.pk}/"):
        page = staff.get(url).content.decode()
        assert "安部 雄一" in page
        assert "雄一 安部" not in page
