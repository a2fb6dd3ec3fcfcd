"""The training API: catalogue, plan preview, enrolments, progress, completion, pools."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.people.models import Participant
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.models import Course, CourseModule, ProgressEntry
from sousei.training.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(cast: Cast, koga: Region) -> Course:
    """A course the cast's trainer teaches."""
    with region_scope(koga):
        made = factories.course(koga, trainers=[cast.user("trainer")])
        factories.pool(koga, seats=1)
        return made


def participant_of(koga: Region, user: Any = None) -> Participant:
    with region_scope(koga):
        participant = ParticipantFactory.create(region=koga)
        if user is not None:
            participant.person.user = user
            participant.person.save(update_fields=["user"])
        return participant


def enrol(api: Client, participant: Participant, course: Course, **extra: Any) -> Any:
    body = {
        "participant_id": participant.pk,
        "course_id": course.pk,
        "start_date": str(timezone.localdate() - dt.timedelta(days=14)),
        "daily_hours": "8",
        **extra,
    }
    return api.post("/api/v1/regions/koga/enrolments", body, content_type="application/json")


def test_the_catalogue_lists_courses_with_modules_and_skills(cast: Cast, course: Course) -> None:
    body = bearer_client(cast.user("participant")).get("/api/v1/regions/koga/courses").json()
    (only,) = body
    assert only["title"] == "UiPath 入門"
    assert only["tool"] == "UiPath Studio"
    assert only["category"] == "rpa"
    assert only["total_hours"] == 160
    assert [m["hours"] for m in only["modules"]] == [40, 40, 40, 40]
    assert only["skills"] == [{"code": "rpa.uipath", "level": 2}]


def test_the_catalogue_runs_the_same_queries_for_1_or_5_courses(
    cast: Cast, koga: Region, course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    api = bearer_client(cast.user("trainer"))
    api.get("/api/v1/regions/koga/courses")
    # token + region + memberships + courses + modules + skills
    with django_assert_num_queries(6):
        api.get("/api/v1/regions/koga/courses")
    with region_scope(koga):
        for n in range(4):
            factories.course(koga, title=f"kintone {n}")
    with django_assert_num_queries(6):
        assert len(api.get("/api/v1/regions/koga/courses").json()) == 5


@pytest.mark.parametrize(
    ("daily_hours", "completion", "days"),
    [("8", "2026-12-28", 20), ("2.5", "2027-03-09", 64), ("3", "2027-02-22", 54)],
)
def test_the_plan_preview_holds_the_issue_examples(
    cast: Cast, course: Course, daily_hours: str, completion: str, days: int
) -> None:
    response = bearer_client(cast.user("participant")).get(
        f"/api/v1/regions/koga/plan-preview?course_id={course.pk}&start_date=2026-12-01"
        f"&daily_hours={daily_hours}&weekdays=0,1,2,3,4"
    )
    assert response.json() == {
        "planned_completion_date": completion,
        "study_days": days,
        "total_hours": 160,
    }


def test_the_plan_preview_refuses_odd_hours_with_a_reason(cast: Cast, course: Course) -> None:
    response = bearer_client(cast.user("participant")).get(
        f"/api/v1/regions/koga/plan-preview?course_id={course.pk}&start_date=2026-12-01"
        "&daily_hours=2.25"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "daily_hours"


def test_enrolling_takes_the_free_seat_then_queues(
    cast: Cast, koga: Region, course: Course
) -> None:
    api = bearer_client(cast.user("operator"))
    first = enrol(api, participant_of(koga), course)
    assert first.status_code == 201
    assert first.json()["status"] == "active"
    assert first.json()["licence_id"] is not None
    second = enrol(api, participant_of(koga), course).json()
    assert (second["status"], second["waitlist_position"], second["licence_id"]) == (
        "waiting_licence",
        1,
        None,
    )
    pools = api.get("/api/v1/regions/koga/licence-pools").json()
    assert [(p["seats"], p["in_use"], p["waiting"]) for p in pools] == [(1, 1, 1)]
    withdrawn = api.post(f"/api/v1/regions/koga/enrolments/{first.json()['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    promoted = api.get(f"/api/v1/regions/koga/enrolments/{second['id']}").json()
    assert (promoted["status"], promoted["waitlist_position"]) == ("active", None)


def test_enrolling_twice_is_a_conflict(cast: Cast, koga: Region, course: Course) -> None:
    api = bearer_client(cast.user("operator"))
    participant = participant_of(koga)
    assert enrol(api, participant, course).status_code == 201
    assert enrol(api, participant, course).status_code == 409


def test_a_participant_logs_study_and_sees_progress(
    cast: Cast, koga: Region, course: Course
) -> None:
    me = cast.user("participant")
    enrolment_id = enrol(
        bearer_client(cast.user("operator")), participant_of(koga, me), course
    ).json()["id"]
    api = bearer_client(me)
    url = f"/api/v1/regions/koga/enrolments/{enrolment_id}"
    yesterday = str(timezone.localdate() - dt.timedelta(days=1))
    logged = api.post(
        f"{url}/progress", {"date": yesterday, "hours": "6.5"}, content_type="application/json"
    )
    assert logged.status_code == 201
    body = api.get(url).json()
    assert (body["hours_done"], body["hours_total"], body["percent"]) == (6.5, 160, 4)
    assert body["projected_completion_date"] is not None


@pytest.mark.parametrize(
    ("day_offset", "hours", "field"),
    [(1, "2", "date"), (-30, "2", "date"), (-1, "0", "hours"), (-1, "25", "hours")],
)
def test_invalid_study_is_refused_and_nothing_stored(
    cast: Cast, koga: Region, course: Course, day_offset: int, hours: str, field: str
) -> None:
    me = cast.user("participant")
    enrolment_id = enrol(
        bearer_client(cast.user("operator")), participant_of(koga, me), course
    ).json()["id"]
    day = str(timezone.localdate() + dt.timedelta(days=day_offset))
    response = bearer_client(me).post(
        f"/api/v1/regions/koga/enrolments/{enrolment_id}/progress",
        {"date": day, "hours": hours},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert field in {e["field"] for e in response.json()["errors"]}
    with region_scope(koga):
        assert not ProgressEntry.objects.exists()


def test_a_day_cannot_hold_more_than_24_hours(cast: Cast, koga: Region, course: Course) -> None:
    me = cast.user("participant")
    enrolment_id = enrol(
        bearer_client(cast.user("operator")), participant_of(koga, me), course
    ).json()["id"]
    api = bearer_client(me)
    url = f"/api/v1/regions/koga/enrolments/{enrolment_id}/progress"
    day = str(timezone.localdate() - dt.timedelta(days=1))
    assert (
        api.post(url, {"date": day, "hours": "20"}, content_type="application/json").status_code
        == 201
    )
    refused = api.post(url, {"date": day, "hours": "5"}, content_type="application/json")
    assert refused.status_code == 422
    assert "24" in refused.json()["detail_en"]


def test_another_participants_enrolment_is_404(cast: Cast, koga: Region, course: Course) -> None:
    enrolment_id = enrol(bearer_client(cast.user("operator")), participant_of(koga), course).json()[
        "id"
    ]
    api = bearer_client(cast.user("participant"))
    assert api.get(f"/api/v1/regions/koga/enrolments/{enrolment_id}").status_code == 404


def test_completion_says_what_is_missing_then_issues_the_certificate(
    cast: Cast, koga: Region, course: Course
) -> None:
    staff = bearer_client(cast.user("trainer"))
    enrolment_id = enrol(bearer_client(cast.user("operator")), participant_of(koga), course).json()[
        "id"
    ]
    url = f"/api/v1/regions/koga/enrolments/{enrolment_id}"
    refused = staff.post(f"{url}/complete")
    assert refused.status_code == 409
    assert "単元1" in refused.json()["detail_en"]
    assert "assessment" in refused.json()["detail_en"]
    with region_scope(koga):
        modules = list(CourseModule.objects.filter(course=course).order_by("position"))
    day = timezone.localdate() - dt.timedelta(days=1)
    for n, module in enumerate(modules):
        staff.post(
            f"{url}/progress",
            {"date": str(day - dt.timedelta(days=n)), "hours": "8", "module_id": module.pk},
            content_type="application/json",
        )
    failed = staff.post(f"{url}/assessment", {"score": 55}, content_type="application/json")
    assert failed.json()["passed"] is False
    assert staff.post(f"{url}/complete").status_code == 409
    staff.post(f"{url}/assessment", {"score": 82}, content_type="application/json")
    done = staff.post(f"{url}/complete")
    assert done.status_code == 201
    code = done.json()["code"]
    assert len(code.replace("-", "")) == 12  # three groups of four
    assert done.json()["url"].endswith(f"/verify/{code}/")
    assert staff.get(url).json()["status"] == "completed"
    pdf = staff.get(done.json()["pdf_url"])
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_at_risk_list_shows_idle_learners(cast: Cast, koga: Region, course: Course) -> None:
    operator = bearer_client(cast.user("operator"))
    enrolment_id = enrol(
        operator,
        participant_of(koga),
        course,
        start_date=str(timezone.localdate() - dt.timedelta(days=28)),
    ).json()["id"]
    from sousei.training.services.enrolments import enrolments_refresh_pace

    with region_scope(koga):
        enrolments_refresh_pace(today=timezone.localdate())
    body = operator.get("/api/v1/regions/koga/enrolments/at-risk").json()
    assert [row["enrolment_id"] for row in body["results"]] == [enrolment_id]


def test_dashboards_show_training_for_learners_and_staff(
    cast: Cast, koga: Region, course: Course
) -> None:
    me = cast.user("participant")
    enrol(bearer_client(cast.user("operator")), participant_of(koga, me), course)
    learner = Client()
    learner.force_login(me)
    page = learner.get("/r/koga/dashboard/").content.decode()
    assert "UiPath 入門" in page
    operator = Client()
    operator.force_login(cast.user("operator"))
    page = operator.get("/r/koga/dashboard/").content.decode()
    assert "UiPath Studio" in page  # the pool's utilisation bar
