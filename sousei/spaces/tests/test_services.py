"""Booking, cancelling, check-in and check-out, no-shows: the rules and their messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from conftest import Cast
from sousei.core.errors import Conflict, bilingual
from sousei.core.models import AuditEntry, Region
from sousei.spaces import services
from sousei.spaces.models import Booking, BookingKind, BookingStatus, ResourceKind
from sousei.spaces.tests import factories as f
from sousei.spaces.tests.factories import BEFORE, MONDAY, at

pytestmark = pytest.mark.usefixtures("in_koga")


def book(
    region: Region,
    cast: Cast,
    resource_id: int,
    starts: dt.datetime,
    ends: dt.datetime,
    **kwargs: object,
) -> Booking:
    return services.booking_create(
        region=region,
        actor=cast.user("space_manager"),
        resource_id=resource_id,
        starts_at=starts,
        ends_at=ends,
        purpose=str(kwargs.pop("purpose", "打ち合わせ")),
        now=BEFORE,
        **kwargs,  # type: ignore[arg-type]
    )


def field_messages(error: ValidationError, field: str) -> list[str]:
    with translation.override("en"):
        return [str(m) for m in error.message_dict[field]]


def test_it_books_a_room_and_audits_it(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga))
    booking = book(
        koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12), holder=cast.user("participant")
    )
    assert booking.status == BookingStatus.BOOKED
    assert len(booking.check_in_code) == 16
    assert booking.holder == cast.user("participant")
    assert AuditEntry.objects.get(action="booking.create").object_id == str(booking.pk)


def test_it_refuses_an_end_before_the_start(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga))
    with pytest.raises(ValidationError) as caught:
        book(koga, cast, room.pk, at(MONDAY, 12), at(MONDAY, 10))
    assert "ends before it starts" in field_messages(caught.value, "ends_at")[0]
    assert not Booking.objects.exists()


def test_it_refuses_times_outside_the_opening_hours(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga))
    with pytest.raises(ValidationError) as caught:
        book(koga, cast, room.pk, at(MONDAY, 20), at(MONDAY, 22))
    message = field_messages(caught.value, "starts_at")[0]
    assert "open from 09:00 to 21:00 on 2027-03-01" in message
    assert (
        "09:00"
        in bilingual(
            caught.value.error_dict["starts_at"][0].message,
            caught.value.error_dict["starts_at"][0].params,
        )["ja"]
    )
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2027, 3, 7), "closed every Sunday"),
        (dt.date(2027, 3, 22), "national holiday"),
        (dt.date(2027, 12, 30), "year-end"),
    ],
)
def test_it_refuses_a_closed_day(koga: Region, cast: Cast, day: dt.date, words: str) -> None:
    room = f.resource(f.space(koga))
    with pytest.raises(ValidationError) as caught:
        book(koga, cast, room.pk, at(day, 11), at(day, 12))
    assert words in field_messages(caught.value, "starts_at")[0]
    assert not Booking.objects.exists()


def test_it_refuses_a_closed_date_of_the_space(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga, closed_dates=["2027-03-02"]))
    with pytest.raises(ValidationError) as caught:
        book(
            koga,
            cast,
            room.pk,
            at(MONDAY + dt.timedelta(days=1), 11),
            at(MONDAY + dt.timedelta(days=1), 12),
        )
    assert "closed on 2027-03-02" in field_messages(caught.value, "starts_at")[0]


def test_it_refuses_the_past_naive_times_and_an_empty_purpose(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga))
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            region=koga,
            actor=None,
            resource_id=room.pk,
            starts_at=at(MONDAY, 10),
            ends_at=at(MONDAY, 11),
            purpose="x",
            now=at(MONDAY, 12),
        )
    assert "already passed" in field_messages(caught.value, "ends_at")[0]
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            region=koga,
            actor=None,
            resource_id=room.pk,
            starts_at=dt.datetime(2027, 3, 1, 10),
            ends_at=at(MONDAY, 11),
            purpose=" ",
        )
    assert set(caught.value.message_dict) == {"starts_at", "purpose"}


def test_it_names_the_time_it_overlaps_but_not_the_other_bookings_purpose(
    koga: Region, cast: Cast
) -> None:
    room = f.resource(f.space(koga))
    book(koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12), purpose="UiPath勉強会")
    with pytest.raises(Conflict) as caught:
        book(koga, cast, room.pk, at(MONDAY, 11), at(MONDAY, 13))
    both = bilingual(caught.value.message, caught.value.params)
    assert "会議室A is already booked from 2027-03-01 10:00 to 12:00." in both["en"]
    assert "UiPath勉強会" not in both["ja"] + both["en"]
    assert Booking.objects.count() == 1


def test_back_to_back_bookings_do_not_overlap(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga))
    book(koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12))
    book(koga, cast, room.pk, at(MONDAY, 12), at(MONDAY, 13))
    assert Booking.objects.count() == 2


def test_cancelling_frees_the_slot(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga))
    first = book(koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12))
    cancelled = services.booking_cancel(
        booking_id=first.pk, actor=cast.user("participant"), reason="体調不良", now=BEFORE
    )
    assert (cancelled.status, cancelled.cancel_reason) == (BookingStatus.CANCELLED, "体調不良")
    again = book(koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12))
    assert again.status == BookingStatus.BOOKED
    with pytest.raises(Conflict):
        services.booking_cancel(booking_id=first.pk, actor=None, now=BEFORE)


def test_another_resource_is_free_at_the_same_time(koga: Region, cast: Cast) -> None:
    space = f.space(koga)
    room = f.resource(space)
    desk = f.resource(space, kind=ResourceKind.DESK, name="デスク1", capacity=1)
    book(koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12))
    book(koga, cast, desk.pk, at(MONDAY, 10), at(MONDAY, 12))
    assert Booking.objects.count() == 2


def test_an_event_holds_the_hall_over_several_days(koga: Region, cast: Cast) -> None:
    space = f.space(koga)
    hall = f.resource(space, kind=ResourceKind.EVENT_HALL, name="イベントホール", capacity=60)
    event = book(
        koga,
        cast,
        hall.pk,
        at(MONDAY, 10),
        at(MONDAY + dt.timedelta(days=2), 17),
        kind=BookingKind.EVENT,
        purpose="ワーケーション・インターン",
    )
    assert event.kind == BookingKind.EVENT
    with pytest.raises(Conflict):
        book(
            koga,
            cast,
            hall.pk,
            at(MONDAY + dt.timedelta(days=1), 13),
            at(MONDAY + dt.timedelta(days=1), 14),
        )
    with pytest.raises(ValidationError):
        book(
            koga,
            cast,
            hall.pk,
            at(MONDAY + dt.timedelta(days=3), 10),
            at(MONDAY + dt.timedelta(days=4), 17),
        )  # a member booking over two days


def test_another_regions_resource_is_unknown(koga: Region, fukutsu: Region, cast: Cast) -> None:
    from sousei.core.scoping import region_scope

    with region_scope(fukutsu):
        other = f.resource(f.space(fukutsu, name="福津ベース"))
    with pytest.raises(ValidationError) as caught:
        book(koga, cast, other.pk, at(MONDAY, 10), at(MONDAY, 12))
    assert "resource_id" in caught.value.message_dict


def test_check_in_by_code_then_check_out(koga: Region, cast: Cast) -> None:
    room = f.resource(f.space(koga))
    booking = book(koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12))
    manager = cast.user("space_manager")
    with pytest.raises(Conflict):  # too early
        services.booking_check_in(
            region=koga, code_or_id=booking.check_in_code, actor=manager, now=at(MONDAY, 9)
        )
    typed = booking.check_in_code.lower()[:4] + "-" + booking.check_in_code.lower()[4:]
    checked = services.booking_check_in(
        region=koga, code_or_id=typed, actor=manager, now=at(MONDAY, 9, 45)
    )
    assert checked.status == BookingStatus.CHECKED_IN
    assert checked.checked_in_at == at(MONDAY, 9, 45)
    with pytest.raises(Conflict):
        services.booking_check_in(
            region=koga, code_or_id=booking.pk, actor=manager, now=at(MONDAY, 10)
        )
    with pytest.raises(Conflict):
        services.booking_cancel(booking_id=booking.pk, actor=manager, now=at(MONDAY, 10))
    out = services.booking_check_out(
        region=koga,
        code_or_id=f"https://x/r/koga/c/{booking.check_in_code}",
        actor=manager,
        now=at(MONDAY, 11, 30),
    )
    assert out.status == BookingStatus.CHECKED_OUT
    assert AuditEntry.objects.filter(action__startswith="booking.check").count() == 2


def test_an_unknown_code_says_so(koga: Region, cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.booking_check_in(region=koga, code_or_id="NOPE-NOPE", actor=None)
    assert "No booking has this code" in field_messages(caught.value, "code")[0]


def test_a_no_show_frees_the_rest_of_the_slot(koga: Region, cast: Cast) -> None:
    desk = f.resource(f.space(koga), kind=ResourceKind.DESK, name="デスク1", capacity=1)
    booking = book(koga, cast, desk.pk, at(MONDAY, 10), at(MONDAY, 18))
    with pytest.raises(Conflict):
        services.booking_mark_no_show(booking_id=booking.pk, actor=None, now=at(MONDAY, 9))
    services.booking_mark_no_show(booking_id=booking.pk, actor=None, now=at(MONDAY, 10, 30))
    walk_in = services.booking_create(
        region=koga,
        actor=None,
        resource_id=desk.pk,
        starts_at=at(MONDAY, 11),
        ends_at=at(MONDAY, 18),
        purpose="walk-in",
        now=at(MONDAY, 10, 45),
    )
    assert walk_in.status == BookingStatus.BOOKED


def test_a_person_holds_one_desk_at_a_time(koga: Region, cast: Cast) -> None:
    space = f.space(koga)
    desk1 = f.resource(space, kind=ResourceKind.DESK, name="デスク1", capacity=1)
    desk2 = f.resource(space, kind=ResourceKind.DESK, name="デスク2", capacity=1)
    room = f.resource(space)
    member = cast.user("participant")
    book(koga, cast, desk1.pk, at(MONDAY, 10), at(MONDAY, 17), holder=member)
    with pytest.raises(Conflict) as caught:
        book(koga, cast, desk2.pk, at(MONDAY, 13), at(MONDAY, 18), holder=member)
    assert "デスク1" in bilingual(caught.value.message, caught.value.params)["en"]
    book(koga, cast, room.pk, at(MONDAY, 13), at(MONDAY, 14), holder=member)  # a meeting is fine
    book(koga, cast, desk2.pk, at(MONDAY, 17), at(MONDAY, 18), holder=member)
