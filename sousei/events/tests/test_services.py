"""Events: registration with consent, the window, the waitlist and its offers, check-in,
surveys, the space booked for an event, and the registrants' e-mails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone, translation

from conftest import Cast
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Region
from sousei.core.outbox.selectors import messages_about
from sousei.events import services
from sousei.events.models import (
    REGISTRATION_CONSENT_VERSION,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from sousei.events.tests.factories import event, event_input, person, register
from sousei.spaces.models import Booking, BookingStatus
from sousei.spaces.tests import factories as spaces

pytestmark = pytest.mark.usefixtures("in_koga")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are matched in English here (the API tests check the Japanese)."""
    with translation.override("en"):
        yield


def statuses(event_: Event) -> list[tuple[str, int | None]]:
    return list(
        Registration.objects.filter(event=event_)
        .order_by("id")
        .values_list("status", "waitlist_position")
    )


# --- registration ------------------------------------------------------------------------


def test_it_confirms_while_places_last_then_waitlists_in_order(koga: Region) -> None:
    internship = event(koga, capacity=2)
    for n in range(1, 6):
        register(internship, n)
    assert statuses(internship) == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
        ("waitlisted", 3),
    ]


def test_it_records_the_consent_wording_and_the_language(koga: Region) -> None:
    registration = services.registration_create(
        event_id=event(koga).pk, data=person(language="en"), actor=None
    )
    assert registration.consent_wording_version == REGISTRATION_CONSENT_VERSION
    assert registration.consented_at is not None
    assert registration.language == "en"
    assert len(registration.token) >= 32
    assert AuditEntry.objects.filter(action="registration.create").count() == 1


def test_it_normalises_the_email_and_kana(koga: Region) -> None:
    registration = register(
        event(koga), email=" Taro@Example.JP ", family_name_kana="こが", given_name_kana="ﾀﾛｳ"
    )
    assert registration.person.email == "taro@example.jp"
    person = registration.person
    assert (person.family_name_kana, person.given_name_kana) == ("コガ", "タロウ")


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"consent_privacy_policy": False}, "consent_privacy_policy", "consent_required"),
        ({"family_name_kana": "Koga"}, "family_name_kana", "kana"),
        ({"email": "not-an-address"}, "email", "email"),
        ({"family_name": " "}, "family_name", "required"),
        ({"graduation_year": 27}, "graduation_year", "range"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    koga: Region, fields: dict[str, Any], field: str, code: str
) -> None:
    internship = event(koga)
    with pytest.raises(ValidationError) as caught:
        register(internship, **fields)
    assert caught.value.error_dict[field][0].code == code
    assert Registration.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_audience_must_match(koga: Region) -> None:
    internship = event(koga, audience_graduation_year=2027)
    with pytest.raises(ValidationError) as caught:
        register(internship, graduation_year=2028)
    assert caught.value.error_dict["graduation_year"][0].code == "audience"
    with pytest.raises(ValidationError) as caught:
        register(internship, graduation_year=None)
    assert caught.value.error_dict["graduation_year"][0].code == "required"
    assert register(internship, graduation_year=2027).status == "confirmed"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"registration_opens_at": timezone.now() + dt.timedelta(days=1)}, "not_open_yet"),
        ({"registration_closes_at": timezone.now() - dt.timedelta(minutes=1)}, "closed"),
        ({"starts_at": timezone.now() - dt.timedelta(hours=1)}, "closed"),
        ({"status": EventStatus.DRAFT}, "not_published"),
        ({"status": EventStatus.CANCELLED}, "event_cancelled"),
    ],
)
def test_registration_outside_the_window_is_refused(
    koga: Region, fields: dict[str, object], code: str
) -> None:
    internship = event(koga, **fields)
    with pytest.raises(ValidationError) as caught:
        register(internship)
    assert caught.value.error_list[0].code == code
    assert Registration.objects.count() == 0


def test_the_window_error_says_when(koga: Region) -> None:
    closes = timezone.now() - dt.timedelta(days=1)
    internship = event(koga, registration_closes_at=closes)
    with pytest.raises(ValidationError) as caught:
        register(internship)
    message = caught.value.error_list[0]
    assert "Registration closed on" in str(message.message) % message.params


def test_one_email_registers_once(koga: Region) -> None:
    internship = event(koga)
    register(internship, 1)
    with pytest.raises(Conflict):
        register(internship, 2, email="student1@example.jp")
    assert Registration.objects.count() == 1


def test_after_cancelling_one_may_register_again(koga: Region) -> None:
    internship = event(koga)
    first = register(internship, 1)
    services.registration_cancel(registration_id=first.pk, actor=None)
    assert register(internship, 1).status == "confirmed"


# --- the waitlist ------------------------------------------------------------------------


def test_a_cancelled_place_is_offered_to_the_first_in_line_for_48_hours(koga: Region) -> None:
    internship = event(koga, capacity=1)
    holder, first, second = (register(internship, n) for n in (1, 2, 3))
    now = timezone.now()
    services.registration_cancel(registration_id=holder.pk, actor=None, now=now)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    assert first.waitlist_position is None
    assert first.offer_expires_at == now + dt.timedelta(hours=48)
    assert (second.status, second.waitlist_position) == ("waitlisted", 1)


def test_an_offer_never_runs_past_the_start(koga: Region) -> None:
    starts = timezone.now() + dt.timedelta(hours=5)
    internship = event(koga, capacity=1, starts_at=starts)
    holder, waiting = register(internship, 1), register(internship, 2)
    services.registration_cancel(registration_id=holder.pk, actor=None)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == starts


def test_leaving_the_waitlist_moves_those_behind_up(koga: Region) -> None:
    internship = event(koga, capacity=1)
    registrations = [register(internship, n) for n in range(1, 5)]
    services.registration_cancel(registration_id=registrations[2].pk, actor=None)
    assert statuses(internship) == [
        ("confirmed", None),
        ("waitlisted", 1),
        ("cancelled", None),
        ("waitlisted", 2),
    ]


def test_an_offer_is_confirmed_in_time(koga: Region) -> None:
    internship = event(koga, capacity=1)
    holder, waiting = register(internship, 1), register(internship, 2)
    services.registration_cancel(registration_id=holder.pk, actor=None)
    confirmed = services.registration_confirm(registration_id=waiting.pk, actor=None)
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert confirmed.confirmed_at is not None


def test_a_late_confirmation_is_refused(koga: Region) -> None:
    internship = event(koga, capacity=1, offer_hours=2)
    holder, waiting = register(internship, 1), register(internship, 2)
    services.registration_cancel(registration_id=holder.pk, actor=None)
    with pytest.raises(Conflict, match="expired"):
        services.registration_confirm(
            registration_id=waiting.pk, actor=None, now=timezone.now() + dt.timedelta(hours=3)
        )


def test_an_expired_offer_passes_to_the_next(koga: Region) -> None:
    internship = event(koga, capacity=1)
    holder, _first, second, _third = (register(internship, n) for n in range(1, 5))
    services.registration_cancel(registration_id=holder.pk, actor=None)
    later = timezone.now() + dt.timedelta(hours=49)
    assert services.offers_expire(now=later) == 1
    assert statuses(internship) == [
        ("cancelled", None),
        ("expired", None),
        ("offered", None),
        ("waitlisted", 1),
    ]
    second.refresh_from_db()
    assert second.offer_expires_at == later + dt.timedelta(hours=48)
    assert services.offers_expire(now=later) == 0  # nothing else is due


def test_the_daily_command_expires_offers(koga: Region) -> None:
    internship = event(koga, capacity=1)
    holder, _waiting = register(internship, 1), register(internship, 2)
    services.registration_cancel(registration_id=holder.pk, actor=None)
    out = StringIO()
    moment = (timezone.now() + dt.timedelta(days=3)).isoformat()
    call_command("events_daily", now=moment, stdout=out)
    assert "offers expired: 1" in out.getvalue()


def test_declining_an_offer_offers_the_place_to_the_next(koga: Region) -> None:
    internship = event(koga, capacity=1)
    holder, first, second = (register(internship, n) for n in (1, 2, 3))
    services.registration_cancel(registration_id=holder.pk, actor=None)
    services.registration_cancel(registration_id=first.pk, actor=None)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.OFFERED


def test_more_places_go_to_the_waitlist(koga: Region, cast: Cast) -> None:
    internship = event(koga, capacity=1)
    for n in range(1, 4):
        register(internship, n)
    data = event_input(
        kind=internship.kind,
        title=internship.title,
        starts_at=internship.starts_at,
        ends_at=internship.ends_at,
        capacity=2,
        itinerary=(),
    )
    services.event_update(event_id=internship.pk, data=data, actor=cast.user("operator"))
    assert [s for s, _p in statuses(internship)] == ["confirmed", "offered", "waitlisted"]


def test_fewer_places_than_held_is_refused(koga: Region, cast: Cast) -> None:
    internship = event(koga, capacity=2)
    register(internship, 1)
    register(internship, 2)
    data = event_input(
        starts_at=internship.starts_at, ends_at=internship.ends_at, capacity=1, itinerary=()
    )
    with pytest.raises(ValidationError) as caught:
        services.event_update(event_id=internship.pk, data=data, actor=cast.user("operator"))
    assert caught.value.error_dict["capacity"][0].code == "below_held"


def test_cancelling_the_event_cancels_every_registration(koga: Region, cast: Cast) -> None:
    internship = event(koga, capacity=1)
    register(internship, 1)
    register(internship, 2)
    services.event_cancel(event_id=internship.pk, actor=cast.user("operator"))
    assert statuses(internship) == [("cancelled", None), ("cancelled", None)]


# --- at the event ------------------------------------------------------------------------


def test_staff_check_in_a_confirmed_registrant_once(koga: Region, cast: Cast) -> None:
    internship = event(koga, capacity=1, starts_at=timezone.now() + dt.timedelta(hours=1))
    holder, waiting = register(internship, 1), register(internship, 2)
    manager = cast.user("space_manager")
    checked = services.registration_check_in(registration_id=holder.pk, actor=manager)
    assert checked.checked_in_at is not None
    assert checked.checked_in_by == manager
    with pytest.raises(Conflict, match="already checked in"):
        services.registration_check_in(registration_id=holder.pk, actor=manager)
    with pytest.raises(Conflict, match="Only confirmed"):
        services.registration_check_in(registration_id=waiting.pk, actor=manager)
    services.registration_check_in_undo(registration_id=holder.pk, actor=manager)
    holder.refresh_from_db()
    assert holder.checked_in_at is None


def test_check_in_opens_two_hours_before_the_event(koga: Region, cast: Cast) -> None:
    starts = timezone.now() + dt.timedelta(days=21)
    internship = event(koga, starts_at=starts)
    holder = register(internship)
    manager = cast.user("space_manager")
    with pytest.raises(Conflict) as early:
        services.registration_check_in(registration_id=holder.pk, actor=manager)
    with translation.override("ja"):
        assert "2時間前" in str(early.value)
    with pytest.raises(Conflict):
        services.registration_check_in(
            registration_id=holder.pk, actor=manager, now=starts - dt.timedelta(hours=2, seconds=1)
        )
    at_the_door = starts - dt.timedelta(hours=2)
    checked = services.registration_check_in(
        registration_id=holder.pk, actor=manager, now=at_the_door
    )
    assert checked.checked_in_at == at_the_door


def test_a_checked_in_visit_cannot_be_cancelled(koga: Region, cast: Cast) -> None:
    internship = event(koga, starts_at=timezone.now() + dt.timedelta(hours=1))
    holder = register(internship)
    services.registration_check_in(registration_id=holder.pk, actor=cast.user("operator"))
    with pytest.raises(Conflict):
        services.registration_cancel(registration_id=holder.pk, actor=None)


def test_the_survey_opens_at_the_start_and_takes_one_answer(koga: Region) -> None:
    internship = event(koga)
    holder = register(internship)
    with pytest.raises(Conflict, match="opens when the event starts"):
        services.survey_submit(
            registration_id=holder.pk, rating=5, comments="", interested_in_jobs=False, actor=None
        )
    after = internship.ends_at + dt.timedelta(hours=1)
    response = services.survey_submit(
        registration_id=holder.pk,
        rating=4,
        comments=" 楽しかった ",
        interested_in_jobs=True,
        actor=None,
        now=after,
    )
    assert (response.rating, response.comments, response.event_id) == (
        4,
        "楽しかった",
        internship.pk,
    )
    with pytest.raises(Conflict):
        services.survey_submit(
            registration_id=holder.pk,
            rating=3,
            comments="",
            interested_in_jobs=False,
            actor=None,
            now=after,
        )
    other = register(internship, 2)
    with pytest.raises(ValidationError):
        services.survey_submit(
            registration_id=other.pk,
            rating=6,
            comments="",
            interested_in_jobs=False,
            actor=None,
            now=after,
        )


# --- events and their space --------------------------------------------------------------


def test_an_event_in_a_space_books_it(koga: Region, cast: Cast) -> None:
    hall = spaces.resource(spaces.space(koga), kind="event_hall", name="ホール")
    data = event_input(
        kind="recruiting_event",
        starts_at=spaces.at(spaces.MONDAY, 13),
        ends_at=spaces.at(spaces.MONDAY, 17),
        resource_id=hall.pk,
        itinerary=(),
    )
    created = services.event_create(region=koga, data=data, actor=cast.user("operator"))
    booking = Booking.objects.get()
    assert created.booking == booking
    assert (booking.resource, booking.kind, booking.starts_at) == (hall, "event", data.starts_at)


def test_an_overlap_stores_no_event(koga: Region, cast: Cast) -> None:
    hall = spaces.resource(spaces.space(koga), kind="event_hall", name="ホール")
    spaces.booking(
        hall, starts_at=spaces.at(spaces.MONDAY, 15), ends_at=spaces.at(spaces.MONDAY, 16)
    )
    data = event_input(
        kind="recruiting_event",
        starts_at=spaces.at(spaces.MONDAY, 13),
        ends_at=spaces.at(spaces.MONDAY, 17),
        resource_id=hall.pk,
        itinerary=(),
    )
    with pytest.raises(Conflict):
        services.event_create(region=koga, data=data, actor=cast.user("operator"))
    assert Event.objects.count() == 0
    assert Booking.objects.count() == 1


def test_cancelling_an_event_releases_its_space(koga: Region, cast: Cast) -> None:
    hall = spaces.resource(spaces.space(koga), kind="event_hall", name="ホール")
    data = event_input(
        kind="recruiting_event",
        starts_at=spaces.at(spaces.MONDAY, 13),
        ends_at=spaces.at(spaces.MONDAY, 17),
        resource_id=hall.pk,
        itinerary=(),
    )
    created = services.event_create(region=koga, data=data, actor=cast.user("operator"))
    services.event_cancel(event_id=created.pk, actor=cast.user("operator"))
    assert Booking.objects.get().status == BookingStatus.CANCELLED


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ends_at": timezone.now()}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"kind": "online_session"}, "online_url"),
        ({"online_url": "zoom meeting"}, "online_url"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_a_bad_event_is_refused(
    koga: Region, cast: Cast, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.event_create(region=koga, data=event_input(**fields), actor=cast.user("operator"))
    assert field in caught.value.error_dict
    assert Event.objects.count() == 0


def test_an_event_keeps_its_itinerary(koga: Region, cast: Cast) -> None:
    created = services.event_create(region=koga, data=event_input(), actor=cast.user("operator"))
    assert [i.activity for i in created.itinerary.all()] == ["work_session", "nature"]


# --- e-mails -----------------------------------------------------------------------------


def registration_message(registration: Registration, kind: str) -> EmailMessage:
    """The e-mail of `kind` the services queued in the outbox about the registration."""
    (message,) = [m for m in messages_about(obj=registration) if m.kind == kind]
    return message.as_email()


def test_the_confirmation_is_in_the_registrants_language_with_the_ics(koga: Region) -> None:
    internship = event(koga, title="Koga Workation")
    japanese = register(internship, 1)
    english = register(internship, 2, language="en")
    message = registration_message(japanese, "registered")
    assert "参加が確定しました" in message.subject or "確定" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name == "event.ics"
    assert "BEGIN:VEVENT" in content
    assert "SUMMARY:Koga Workation" in content
    assert mimetype.startswith("text/calendar")
    assert registration_message(english, "registered").subject.endswith(
        "Your place is confirmed: Koga Workation"
    )


def test_the_waitlist_mail_gives_the_position_and_no_ics(koga: Region) -> None:
    internship = event(koga, capacity=1)
    register(internship, 1)
    waiting = register(internship, 2, language="en")
    message = registration_message(waiting, "registered")
    assert "waitlist at position 1" in message.body
    assert message.attachments == []


@pytest.mark.django_db(transaction=True)
def test_mails_go_out_through_the_task_worker(koga: Region) -> None:
    internship = event(koga, capacity=1)
    holder = register(internship, 1)
    register(internship, 2)
    services.registration_cancel(registration_id=holder.pk, actor=None)
    assert mail.outbox == []  # queued in the database, not sent inline
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO(), verbosity=0)
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 4  # confirmed, waitlisted, cancelled, offered
    assert any(m.to == ["student2@example.jp"] and "確認" in m.subject for m in mail.outbox)


def test_registering_for_an_event_twice_with_one_email_is_one_person(koga: Region) -> None:
    first = register(event(koga), 1)
    second = register(event(koga, title="二回目"), 1, email="Student1@Example.jp")
    assert first.person_id == second.person_id
    assert AuditEntry.objects.filter(action="person.create").count() == 1
