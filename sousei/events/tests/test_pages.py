"""Event pages: the public list and registration form, the registrant's page by its secret
link, and the staff pages (events, the event form, check-in, survey results, calendar)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.events import services
from sousei.events.models import (
    Event,
    EventStatus,
    ItineraryItem,
    Registration,
    SurveyResponse,
)
from sousei.events.tests.factories import event, person, register

pytestmark = pytest.mark.django_db

FORM = {
    "family_name": "古賀",
    "given_name": "花子",
    "family_name_kana": "こが",
    "given_name_kana": "はなこ",
    "email": "hanako@example.jp",
    "university": "福岡大学",
    "graduation_year": "2027",
    "consent_privacy_policy": "on",
}


def signed_in(cast: Cast, role: str, slug: str = "koga") -> Client:
    client = Client()
    client.force_login(cast.user(role, slug))
    return client


def past(event_: Event) -> None:
    Event.objects.filter(pk=event_.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=1),
    )


# --- public ------------------------------------------------------------------------------


def test_the_public_list_shows_published_events_in_constant_queries(
    koga: Region, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        for n in range(5):
            event(koga, title=f"説明会{n}")
        event(koga, title="下書きの会", status=EventStatus.DRAFT)
    client = Client()
    client.get("/r/koga/events/")
    with django_assert_num_queries(2):  # the region, the events with their counts
        response = client.get("/r/koga/events/")
    text = response.content.decode()
    assert "説明会4" in text
    assert "下書きの会" not in text


def test_a_student_registers_and_sees_the_waitlist_position(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga, capacity=1)
        register(internship, 1)
    client = Client()
    page = client.get(f"/r/koga/events/{internship.pk}/")
    assert "個人情報" in page.content.decode() or "personal information" in page.content.decode()
    response = client.post(f"/r/koga/events/{internship.pk}/", FORM, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "data-waitlist-position>1<" in text
    with region_scope(koga):
        registration = Registration.objects.get(person__email="hanako@example.jp")
    assert registration.status == "waitlisted"
    assert registration.person.family_name_kana == "コガ"
    assert response.redirect_chain[-1][0] == f"/r/koga/events/my/{registration.token}/"


def test_errors_are_shown_next_to_the_fields_and_nothing_is_stored(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga)
    response = Client().post(
        f"/r/koga/events/{internship.pk}/",
        {**FORM, "consent_privacy_policy": "", "family_name_kana": "Koga"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert 'id="consent_privacy_policy-errors"' in text
    assert 'id="family_name_kana-errors"' in text
    with region_scope(koga):
        assert Registration.objects.count() == 0


def test_after_the_window_the_form_is_gone(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga, registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    page = Client().get(f"/r/koga/events/{internship.pk}/")
    assert b'name="consent_privacy_policy"' not in page.content
    response = Client().post(f"/r/koga/events/{internship.pk}/", FORM)
    assert response.status_code == 422


def test_the_registrant_cancels_by_the_link_and_the_next_gets_an_offer(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga, capacity=1)
        holder, waiting = register(internship, 1), register(internship, 2)
    client = Client()
    page = client.get(f"/r/koga/events/my/{holder.token}/")
    assert holder.checkin_code in page.content.decode()
    assert b"<svg" in page.content  # the check-in QR code
    client.post(f"/r/koga/events/my/{holder.token}/cancel/")
    offer = client.get(f"/r/koga/events/my/{waiting.token}/").content.decode()
    assert f"/r/koga/events/my/{waiting.token}/confirm/" in offer
    client.post(f"/r/koga/events/my/{waiting.token}/confirm/")
    with region_scope(koga):
        assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_an_unknown_link_answers_404(koga: Region) -> None:
    assert Client().get("/r/koga/events/my/nothing-here/").status_code == 404


def test_the_registrants_calendar_file(koga: Region) -> None:
    with region_scope(koga):
        holder = register(event(koga, title="古賀の説明会"))
    response = Client().get(f"/r/koga/events/my/{holder.token}/event.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "SUMMARY:古賀の説明会" in body
    assert body.endswith("END:VCALENDAR\r\n")


def test_the_survey_after_the_event(koga: Region) -> None:
    with region_scope(koga):
        internship = event(koga)
        holder = register(internship)
        past(internship)
    client = Client()
    assert f"/r/koga/events/my/{holder.token}/survey/" in client.get(
        f"/r/koga/events/my/{holder.token}/"
    ).content.decode("utf-8")
    response = client.post(
        f"/r/koga/events/my/{holder.token}/survey/",
        {"rating": "4", "comments": "海がきれい", "interested_in_jobs": "on"},
    )
    assert response.status_code == 302
    with region_scope(koga):
        answer = SurveyResponse.objects.get()
    assert (answer.rating, answer.interested_in_jobs) == (4, True)
    assert Client().post(f"/r/koga/events/my/{holder.token}/survey/", {}).status_code == 422


def test_a_link_of_another_region_answers_404(koga: Region, fukutsu: Region) -> None:
    with region_scope(fukutsu):
        theirs = register(event(fukutsu))
    assert Client().get(f"/r/koga/events/my/{theirs.token}/").status_code == 404
    assert Client().get(f"/r/koga/events/{theirs.event_id}/").status_code == 404


# --- staff -------------------------------------------------------------------------------


def test_staff_list_events_in_constant_queries(
    koga: Region, cast: Cast, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        for n in range(6):
            register(event(koga, title=f"イベント{n}"), n)
    client = signed_in(cast, "space_manager")
    client.get("/r/koga/events/manage/")
    # session, user, memberships, region, events with counts, and the nav's context
    with django_assert_num_queries(5):
        response = client.get("/r/koga/events/manage/")
    assert response.status_code == 200
    assert "イベント5" in response.content.decode()


def test_staff_create_an_internship_with_its_itinerary(koga: Region, cast: Cast) -> None:
    starts = timezone.localtime(timezone.now() + dt.timedelta(days=20)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "kind": "workation_internship",
        "title": "古賀ワーケーション・インターン",
        "description": "3日間",
        "starts_at": starts.strftime(fmt),
        "ends_at": (starts + dt.timedelta(days=2, hours=9)).strftime(fmt),
        "capacity": "12",
        "resource": "",
        "venue": "快生館",
        "offer_hours": "48",
        "status": "published",
        "itinerary-TOTAL_FORMS": "3",
        "itinerary-INITIAL_FORMS": "0",
        "itinerary-MIN_NUM_FORMS": "0",
        "itinerary-MAX_NUM_FORMS": "100",
        "itinerary-0-starts_at": starts.strftime(fmt),
        "itinerary-0-activity": "work_session",
        "itinerary-0-title": "快生館でリモートワーク体験",
        "itinerary-1-starts_at": (starts + dt.timedelta(days=1)).strftime(fmt),
        "itinerary-1-activity": "company_visit",
        "itinerary-1-title": "地元企業訪問",
        "itinerary-1-place": "古賀市内",
    }
    client = signed_in(cast, "operator")
    assert client.get("/r/koga/events/manage/new/").status_code == 200
    response = client.post("/r/koga/events/manage/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with region_scope(koga):
        created = Event.objects.get()
        assert ItineraryItem.objects.filter(event=created).count() == 2
    assert created.capacity == 12
    edit = client.get(f"/r/koga/events/manage/{created.pk}/edit/")
    assert "地元企業訪問" in edit.content.decode()
    bad = client.post("/r/koga/events/manage/new/", {**data, "ends_at": data["starts_at"]})
    assert bad.status_code == 422
    assert 'id="ends_at-errors"' in bad.content.decode()


def test_staff_check_people_in_with_a_button_or_the_code(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        internship = event(koga, starts_at=timezone.now() + dt.timedelta(hours=1))
        first, second = register(internship, 1), register(internship, 2)
    client = signed_in(cast, "space_manager")
    page = client.get(f"/r/koga/events/manage/{internship.pk}/").content.decode()
    assert "チェックイン: 古賀 学1" in page or "Check in: 古賀 学1" in page
    client.post(f"/r/koga/events/manage/{internship.pk}/check-in/", {"registration": first.pk})
    client.post(
        f"/r/koga/events/manage/{internship.pk}/check-in/", {"code": second.checkin_code.lower()}
    )
    with region_scope(koga):
        assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2
    client.post(
        f"/r/koga/events/manage/{internship.pk}/check-in/",
        {"registration": first.pk, "undo": "1"},
    )
    with region_scope(koga):
        assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_the_manage_page_in_constant_queries(
    koga: Region, cast: Cast, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        internship = event(koga, capacity=3)
        for n in range(10):
            register(internship, n)
    client = signed_in(cast, "operator")
    client.get(f"/r/koga/events/manage/{internship.pk}/")
    with django_assert_num_queries(7):
        response = client.get(f"/r/koga/events/manage/{internship.pk}/")
    assert response.status_code == 200


def test_staff_cancel_a_registration_and_the_event(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        internship = event(koga, capacity=1)
        holder, waiting = register(internship, 1), register(internship, 2)
    client = signed_in(cast, "operator")
    client.post(f"/r/koga/events/manage/{internship.pk}/registrations/{holder.pk}/cancel/")
    with region_scope(koga):
        assert Registration.objects.get(pk=waiting.pk).status == "offered"
    client.post(f"/r/koga/events/manage/{internship.pk}/cancel/", {})  # not confirmed
    with region_scope(koga):
        assert Event.objects.get().status == "published"
    client.post(f"/r/koga/events/manage/{internship.pk}/cancel/", {"confirm": "1"})
    with region_scope(koga):
        assert Event.objects.get().status == "cancelled"


def test_survey_results_and_the_staff_calendar(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        internship = event(koga, title="夏のインターン")
        holder = register(internship)
        past(internship)
        services.survey_submit(
            registration_id=holder.pk,
            rating=5,
            comments="また来たい",
            interested_in_jobs=True,
            actor=None,
        )
        event(koga, title="次の説明会")
    client = signed_in(cast, "operator")
    results = client.get(f"/r/koga/events/manage/{internship.pk}/survey/").content.decode()
    assert "また来たい" in results
    feed = client.get("/r/koga/events/manage/calendar.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 2


def test_other_roles_cannot_manage(koga: Region, cast: Cast) -> None:
    assert signed_in(cast, "candidate").get("/r/koga/events/manage/").status_code == 403
    assert signed_in(cast, "operator", "fukutsu").get("/r/koga/events/manage/").status_code == 404


def test_the_dashboard_shows_the_next_events_and_a_candidates_registrations(
    koga: Region, cast: Cast
) -> None:
    candidate = cast.user("candidate")
    with region_scope(koga):
        internship = event(koga, title="冬のインターン")
        registration = services.registration_create(
            event_id=internship.pk, data=person(email=candidate.email), actor=candidate
        )
    staff = signed_in(cast, "space_manager").get("/r/koga/dashboard/").content.decode()
    assert "冬のインターン" in staff
    mine = signed_in(cast, "candidate").get("/r/koga/dashboard/").content.decode()
    assert f"/r/koga/events/my/{registration.token}/" in mine
