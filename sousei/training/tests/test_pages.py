"""The training pages: catalogue and plan preview, course editing, enrolling, pools, the
at-risk list, each enrolment's page, the participant's own learning, notifications and the
public certificate check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.people.models import Participant
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.models import (
    AssessmentAttempt,
    Certificate,
    Course,
    CourseModule,
    Enrolment,
    EnrolmentStatus,
    LicencePool,
    PlanRevision,
    ProgressEntry,
    Skill,
)
from sousei.training.notifications import Kind
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    assessment_record,
    enrolment_complete,
    enrolment_create,
    progress_log,
)
from sousei.training.tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=28)


def client_for(cast: Cast, role: str, slug: str = "koga") -> Client:
    client = Client()
    client.force_login(cast.user(role, slug))
    return client


def seats(region: Region, course: Course, count: int = 5) -> LicencePool:
    """A pool of the course's tool valid around today, whenever the tests run."""
    return LicencePool.objects.create(
        region=region,
        product=course.product,
        seats=count,
        valid_from=TODAY - dt.timedelta(days=365),
        valid_to=TODAY + dt.timedelta(days=365),
    )


def enrol(region: Region, cast: Cast, *, user_role: str = "participant") -> Enrolment:
    """The cast's participant user, enrolled by the operator on a 160-hour course that the
    cast's trainer teaches."""
    with region_scope(region):
        course = factories.course(region, trainers=[cast.user("trainer", region.slug)])
        seats(region, course)
        participant = ParticipantFactory.create(region=region)
        participant.person.user = cast.user(user_role, region.slug)
        participant.person.save(update_fields=["user"])
        return enrolment_create(
            participant=participant,
            course=course,
            choice=PlanChoice(start_date=START, daily_minutes=150),
            actor=cast.user("operator", region.slug),
        )


def complete(region: Region, cast: Cast, enrolment: Enrolment) -> Certificate:
    operator = cast.user("operator", region.slug)
    with region_scope(region):
        for number, module in enumerate(CourseModule.objects.filter(course=enrolment.course)):
            log = StudyLog(day=START + dt.timedelta(days=number), minutes=480, module_id=module.pk)
            progress_log(enrolment_id=enrolment.pk, log=log, actor=operator)
        assessment_record(enrolment_id=enrolment.pk, score=85, actor=operator)
        return enrolment_complete(enrolment_id=enrolment.pk, actor=operator)


# --- catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["participant", "trainer", "operator", "municipality"])
def test_every_role_sees_the_catalogue(cast: Cast, koga: Region, role: str) -> None:
    with region_scope(koga):
        factories.course(koga, title="UiPath 実践")
    response = client_for(cast, role).get("/r/koga/courses/")
    assert response.status_code == 200
    assert "UiPath 実践" in response.content.decode()
    assert response.context["cards"][0].hours == "160"


def test_participants_do_not_see_drafts_but_staff_do(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        draft = factories.course(koga, title="準備中のコース")
        Course.objects.filter(pk=draft.pk).update(is_published=False)
    assert (
        "準備中のコース"
        not in client_for(cast, "participant").get("/r/koga/courses/").content.decode()
    )
    assert client_for(cast, "participant").get(f"/r/koga/courses/{draft.pk}/").status_code == 404
    assert "準備中のコース" in client_for(cast, "trainer").get("/r/koga/courses/").content.decode()


def test_the_catalogue_runs_constant_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(cast, "participant")
    with region_scope(koga):
        for number in range(2):
            factories.course(koga, title=f"コース{number}")
    client.get("/r/koga/courses/")
    # session + user + region + memberships + courses + modules + skills
    with django_assert_num_queries(7):
        assert len(client.get("/r/koga/courses/").context["cards"]) == 2
    with region_scope(koga):
        for number in range(2, 10):
            factories.course(koga, title=f"コース{number}")
    with django_assert_num_queries(7):
        assert len(client.get("/r/koga/courses/").context["cards"]) == 10


def test_the_course_page_compares_daily_hours_on_the_japanese_calendar(
    cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        course = factories.course(koga)
    response = client_for(cast, "participant").get(
        f"/r/koga/courses/{course.pk}/",
        {
            "preview": "1",
            "start_date": "2026-12-01",
            "weekdays": ["0", "1", "2", "3", "4"],
            "skip_holidays": "on",
        },
    )
    lines = {line.hours: line for line in response.context["lines"]}
    assert list(lines) == ["2", "2.5", "3", "4", "8"]
    assert (lines["8"].completion_date, lines["8"].study_days) == (dt.date(2026, 12, 28), 20)
    assert (lines["2.5"].completion_date, lines["2.5"].study_days) == (dt.date(2027, 3, 9), 64)
    assert (lines["3"].completion_date, lines["3"].study_days) == (dt.date(2027, 2, 22), 54)
    assert "2027年3月9日(火)" in response.content.decode()


def test_the_preview_explains_a_missing_weekday_next_to_the_field(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(koga)
    response = client_for(cast, "participant").get(
        f"/r/koga/courses/{course.pk}/", {"preview": "1", "start_date": "2026-12-01"}
    )
    assert response.context["form"].errors["weekdays"]
    assert response.context["lines"] == []


# --- course editing ----------------------------------------------------------------------


def course_post(**overrides: str) -> dict[str, str]:
    with_skill = Skill.objects.get_or_create(
        code="rpa.uipath", defaults={"name_ja": "UiPath", "name_en": "UiPath"}
    )[0]
    data = {
        "title": "UiPath 入門",
        "product": str(factories.product().pk),
        "description": "RPA の基礎",
        "pass_mark": "70",
        "is_published": "on",
        "modules-TOTAL_FORMS": "2",
        "modules-INITIAL_FORMS": "0",
        "modules-0-position": "1",
        "modules-0-title": "基礎",
        "modules-0-hours": "12.5",
        "modules-0-outcome": "ロボットを作れる",
        "modules-1-position": "2",
        "modules-1-title": "応用",
        "modules-1-hours": "20",
        "skills-TOTAL_FORMS": "1",
        "skills-INITIAL_FORMS": "0",
        "skills-0-skill": str(with_skill.pk),
        "skills-0-level": "2",
    }
    data.update(overrides)
    return data


def test_a_trainer_writing_a_new_course_is_ticked_as_its_trainer(cast: Cast) -> None:
    """A trainer sees the learners of the courses they teach only, so the form starts with
    them ticked; the office's form starts with nobody."""
    mine = client_for(cast, "trainer").get("/r/koga/courses/new/").context["editor"].form
    assert mine["trainers"].value() == [cast.user("trainer").pk]
    office = client_for(cast, "operator").get("/r/koga/courses/new/").context["editor"].form
    assert not office["trainers"].value()


def test_a_trainer_creates_a_course_with_modules_and_skills(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        data = course_post()
    response = client_for(cast, "trainer").post("/r/koga/courses/new/", data)
    assert response.status_code == 302
    with region_scope(koga):
        course = Course.objects.get()
        modules = list(course.modules.order_by("position").values_list("title", "minutes"))
        assert modules == [("基礎", 750), ("応用", 1200)]
        assert course.skills.get().level == 2
        assert AuditEntry.objects.filter(action="course.create").exists()


def test_module_hours_must_come_in_half_hours(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        data = course_post(**{"modules-1-hours": "20.3"})
    response = client_for(cast, "operator").post("/r/koga/courses/new/", data)
    assert response.status_code == 422
    assert response.context["editor"].modules.forms[1].errors["hours"]
    with region_scope(koga):
        assert not Course.objects.exists()


def test_a_trainer_edits_only_the_courses_they_teach(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        mine = factories.course(koga, trainers=[cast.user("trainer")])
        theirs = factories.course(koga, title="Power Automate 入門")
        data = course_post(title="書き換え")
    trainer = client_for(cast, "trainer")
    assert trainer.get(f"/r/koga/courses/{mine.pk}/edit/").status_code == 200
    assert trainer.get(f"/r/koga/courses/{mine.pk}/").context["editor"]
    # Another trainer's course: readable in the catalogue, not editable.
    assert not trainer.get(f"/r/koga/courses/{theirs.pk}/").context["editor"]
    assert trainer.get(f"/r/koga/courses/{theirs.pk}/edit/").status_code == 403
    assert trainer.post(f"/r/koga/courses/{theirs.pk}/edit/", data).status_code == 403
    assert client_for(cast, "operator").get(f"/r/koga/courses/{theirs.pk}/edit/").status_code == 200
    with region_scope(koga):
        assert not Course.objects.filter(title="書き換え").exists()


def test_editing_reorders_changes_and_removes_modules(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(
            koga, module_minutes=(600, 600, 600), trainers=[cast.user("trainer")]
        )
        first, second, third = course.modules.order_by("position")
        data = course_post(
            title="UiPath 入門（改訂）",
            **{
                "modules-TOTAL_FORMS": "3",
                "modules-INITIAL_FORMS": "3",
                "modules-0-id": str(first.pk),
                "modules-0-position": "2",
                "modules-0-title": "一",
                "modules-0-hours": "10",
                "modules-1-id": str(second.pk),
                "modules-1-position": "1",
                "modules-1-title": "二",
                "modules-1-hours": "8.5",
                "modules-2-id": str(third.pk),
                "modules-2-position": "3",
                "modules-2-title": "三",
                "modules-2-hours": "10",
                "modules-2-DELETE": "on",
            },
        )
    response = client_for(cast, "trainer").post(f"/r/koga/courses/{course.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with region_scope(koga):
        rows = list(course.modules.order_by("position").values_list("pk", "title", "minutes"))
        assert rows == [(second.pk, "二", 510), (first.pk, "一", 600)]
        assert Course.objects.get().title == "UiPath 入門（改訂）"


def test_untouched_blank_skill_rows_are_ignored(cast: Cast, koga: Region) -> None:
    """A browser posts the blank extra skill rows with their level select at 1; saving once
    failed with "this field is required" on rows nobody touched."""
    data = course_post(
        **{
            "skills-TOTAL_FORMS": "3",
            "skills-1-skill": "",
            "skills-1-level": "1",
            "skills-2-skill": "",
            "skills-2-level": "1",
        }
    )
    response = client_for(cast, "operator").post("/r/koga/courses/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with region_scope(koga):
        assert Course.objects.get().skills.count() == 1


def test_participants_may_not_edit_courses(cast: Cast, koga: Region) -> None:
    assert client_for(cast, "participant").get("/r/koga/courses/new/").status_code == 403


# --- enrolling, pools, at risk -----------------------------------------------------------


def test_an_operator_enrols_a_participant_who_gets_a_seat(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(koga)
        seats(koga, course)
        participant = ParticipantFactory.create(region=koga)
    client = client_for(cast, "operator")
    assert client.get(f"/r/koga/enrolments/new/?course={course.pk}").status_code == 200
    response = client.post(
        "/r/koga/enrolments/new/",
        {
            "participant": participant.pk,
            "course": course.pk,
            "start_date": "2026-12-01",
            "daily_hours": "2.5",
            "weekdays": ["0", "1", "2", "3", "4"],
            "skip_holidays": "on",
        },
    )
    with region_scope(koga):
        enrolment = Enrolment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/r/koga/enrolments/{enrolment.pk}/"  # type: ignore[attr-defined]
    assert (enrolment.status, enrolment.planned_completion_date) == ("active", dt.date(2027, 3, 9))
    assert client.get(response.url).status_code == 200  # type: ignore[attr-defined]


def test_enrolling_without_a_study_weekday_says_so(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(koga)
        participant = ParticipantFactory.create(region=koga)
    response = client_for(cast, "operator").post(
        "/r/koga/enrolments/new/",
        {
            "participant": participant.pk,
            "course": course.pk,
            "start_date": "2026-12-01",
            "daily_hours": "3",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["weekdays"]
    with region_scope(koga):
        assert not Enrolment.objects.exists()


def test_trainers_may_not_enrol(cast: Cast, koga: Region) -> None:
    assert client_for(cast, "trainer").get("/r/koga/enrolments/new/").status_code == 403


def test_the_pool_pages_show_utilisation_and_holders(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    with region_scope(koga):
        pool = LicencePool.objects.get()
    client = client_for(cast, "operator")
    listing = client.get("/r/koga/licences/")
    assert [(use.in_use, use.pool.seats) for use in listing.context["uses"]] == [(1, 5)]
    detail = client.get(f"/r/koga/licences/{pool.pk}/")
    assert [licence.enrolment_id for licence in detail.context["holders"]] == [enrolment.pk]
    assert detail.context["free"] == 4
    assert client_for(cast, "trainer").get("/r/koga/licences/").status_code == 403


def test_the_at_risk_list_runs_constant_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(cast, "trainer")
    with region_scope(koga):
        course = factories.course(koga, trainers=[cast.user("trainer")])
        seats(koga, course, count=20)

        def risky(count: int) -> None:
            for participant in ParticipantFactory.create_batch(count, region=koga):
                enrolment_create(
                    participant=participant,
                    course=course,
                    choice=PlanChoice(start_date=START, daily_minutes=120),
                    actor=cast.user("operator"),
                )
            Enrolment.objects.update(at_risk=True)

        risky(2)
    client.get("/r/koga/at-risk/")
    # session + user + region + memberships + count + page ids + rows
    with django_assert_num_queries(7):
        assert len(client.get("/r/koga/at-risk/").context["rows"]) == 2
    with region_scope(koga):
        risky(8)
    with django_assert_num_queries(7):
        assert len(client.get("/r/koga/at-risk/").context["rows"]) == 10


def test_the_at_risk_list_shows_the_hours_each_participant_has_studied(
    cast: Cast, koga: Region
) -> None:
    enrolment = enrol(koga, cast)
    with region_scope(koga):
        module = CourseModule.objects.filter(course=enrolment.course).first()
        assert module is not None
        log = StudyLog(day=START, minutes=150, module_id=module.pk)
        progress_log(enrolment_id=enrolment.pk, log=log, actor=cast.user("operator"))
        Enrolment.objects.update(at_risk=True)
    page = client_for(cast, "trainer").get("/r/koga/at-risk/").content.decode()
    assert '<td class="num">2.5</td>' in page


def test_a_trainer_sees_and_records_only_the_learners_of_the_courses_they_teach(
    cast: Cast, koga: Region
) -> None:
    """DESIGN.md's trainer: their courses, enrolments, progress and assessments. A colleague's
    learner answers 404, as another region's would, on the pages, the API and the certificate;
    the office sees both."""
    mine = enrol(koga, cast)
    with region_scope(koga):
        course = factories.course(koga, title="Power Automate 入門")  # a colleague's course
        seats(koga, course)
        theirs = enrolment_create(
            participant=ParticipantFactory.create(region=koga),
            course=course,
            choice=PlanChoice(start_date=START, daily_minutes=150),
            actor=cast.user("operator"),
        )
        Enrolment.objects.update(at_risk=True)
        module = course.modules.order_by("position").first()
    assert module is not None
    trainer, office = client_for(cast, "trainer"), client_for(cast, "operator")
    api = bearer_client(cast.user("trainer"))

    assert list(trainer.get("/r/koga/at-risk/").context["page"].items) == [mine]
    assert set(office.get("/r/koga/at-risk/").context["page"].items) == {mine, theirs}
    at_risk = api.get("/api/v1/regions/koga/enrolments/at-risk").json()["results"]
    assert [row["enrolment_id"] for row in at_risk] == [mine.pk]
    assert trainer.get(f"/r/koga/enrolments/{mine.pk}/").status_code == 200
    assert trainer.get(f"/r/koga/enrolments/{theirs.pk}/").status_code == 404
    assert api.get(f"/api/v1/regions/koga/enrolments/{theirs.pk}").status_code == 404
    logged = trainer.post(
        f"/r/koga/enrolments/{theirs.pk}/progress/",
        {"date": START.isoformat(), "hours": "8", "module_id": module.pk},
    )
    assert logged.status_code == 404
    refused = api.post(
        f"/api/v1/regions/koga/enrolments/{theirs.pk}/assessment",
        {"score": 90},
        content_type="application/json",
    )
    assert refused.status_code == 404
    with region_scope(koga):
        assert not ProgressEntry.objects.exists()
        assert not AssessmentAttempt.objects.exists()

    certificate = complete(koga, cast, theirs)
    pdf_url = f"/r/koga/certificates/{certificate.code}.pdf"
    assert trainer.get(pdf_url).status_code == 404
    assert office.get(pdf_url).status_code == 200


# --- one enrolment -----------------------------------------------------------------------


def test_the_participant_sees_the_plan_by_day_and_the_daily_hours_comparison(
    cast: Cast, koga: Region
) -> None:
    enrolment = enrol(koga, cast)
    response = client_for(cast, "participant").get(f"/r/koga/learning/{enrolment.pk}/")
    assert response.status_code == 200
    days = [day for month in response.context["months"] for day in month.days]
    assert len(days) == enrolment.study_days
    assert days[0].parts == [("1. 単元1", "2.5")]
    assert [line.hours for line in response.context["comparison"]] == ["2", "2.5", "3", "4", "8"]
    assert [line.current for line in response.context["comparison"]][1]


def test_my_learning_lists_only_the_callers_enrolments(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    with region_scope(koga):
        other = enrolment_create(
            participant=ParticipantFactory.create(region=koga),
            course=enrolment.course,
            choice=PlanChoice(start_date=START, daily_minutes=150),
            actor=cast.user("operator"),
        )
    client = client_for(cast, "participant")
    listing = client.get("/r/koga/learning/")
    assert [view.enrolment.pk for view in listing.context["views"]] == [enrolment.pk]
    assert client.get(f"/r/koga/learning/{other.pk}/").status_code == 404


def test_my_learning_and_the_dashboard_read_a_fixed_number_of_queries(
    cast: Cast, koga: Region
) -> None:
    """Progress of every enrolment is read in bulk, not enrolment by enrolment."""
    enrolment = enrol(koga, cast)
    client = client_for(cast, "participant")
    client.get("/r/koga/learning/")
    with CaptureQueriesContext(connection) as one:
        client.get("/r/koga/learning/")
    with CaptureQueriesContext(connection) as one_dashboard:
        client.get("/r/koga/dashboard/")
    with region_scope(koga):
        for title in ("kintone 入門", "AppSheet 入門"):
            course = factories.course(koga, title=title)
            seats(koga, course)
            enrolment_create(
                participant=enrolment.participant,
                course=course,
                choice=PlanChoice(start_date=START, daily_minutes=150),
                actor=cast.user("operator"),
            )
    with CaptureQueriesContext(connection) as three:
        assert len(client.get("/r/koga/learning/").context["views"]) == 3
    with CaptureQueriesContext(connection) as three_dashboard:
        client.get("/r/koga/dashboard/")
    assert len(three) == len(one)
    assert len(three_dashboard) == len(one_dashboard)


def test_another_regions_enrolment_answers_404(cast: Cast, koga: Region, fukutsu: Region) -> None:
    theirs = enrol(fukutsu, cast)
    assert client_for(cast, "operator").get(f"/r/koga/enrolments/{theirs.pk}/").status_code == 404


def test_logging_study_stores_an_entry_and_moves_progress(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    client = client_for(cast, "participant")
    url = f"/r/koga/learning/{enrolment.pk}/"
    response = client.post(url, {"date": TODAY.isoformat(), "hours": "2.5", "note": "第1章"})
    assert response.status_code == 302
    with region_scope(koga):
        entry = ProgressEntry.objects.get()
    assert (entry.minutes, entry.note, entry.recorded_by) == (
        150,
        "第1章",
        cast.user("participant"),
    )
    page = client.get(url)
    assert page.context["view"].done == "2.5"
    assert page.context["view"].percent == 2


def test_a_future_date_is_refused_next_to_the_field_and_nothing_is_stored(
    cast: Cast, koga: Region
) -> None:
    enrolment = enrol(koga, cast)
    tomorrow = TODAY + dt.timedelta(days=1)
    response = client_for(cast, "participant").post(
        f"/r/koga/learning/{enrolment.pk}/", {"date": tomorrow.isoformat(), "hours": "2"}
    )
    assert response.status_code == 422
    assert tomorrow.isoformat() in response.context["log_form"].errors["date"][0]
    assert 'id="id_date_error"' in response.content.decode()
    with region_scope(koga):
        assert not ProgressEntry.objects.exists()


def test_a_trainer_logs_study_for_the_participant(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    with region_scope(koga):
        module = enrolment.course.modules.order_by("position").first()
    assert module is not None
    response = client_for(cast, "trainer").post(
        f"/r/koga/enrolments/{enrolment.pk}/progress/",
        {"date": START.isoformat(), "hours": "8", "module_id": module.pk},
    )
    assert response.status_code == 302
    with region_scope(koga):
        entry = ProgressEntry.objects.get()
    assert (entry.module_finished_id, entry.recorded_by) == (module.pk, cast.user("trainer"))


def test_completion_is_refused_with_what_is_missing_then_granted(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    client = client_for(cast, "trainer")
    url = f"/r/koga/enrolments/{enrolment.pk}/"
    assert len(client.get(url).context["gaps"]) == 2
    refused = client.post(url + "complete/", follow=True)
    assert "単元1" in str(next(iter(refused.context["messages"])))
    with region_scope(koga):
        for number, module in enumerate(enrolment.course.modules.all()):
            log = StudyLog(day=START + dt.timedelta(days=number), minutes=600, module_id=module.pk)
            progress_log(enrolment_id=enrolment.pk, log=log, actor=cast.user("trainer"))
    assert client.post(url + "assessment/", {"score": "55"}).status_code == 302
    assert client.post(url + "assessment/", {"score": "101"}).status_code == 422
    assert client.post(url + "assessment/", {"score": "90"}).status_code == 302
    assert client.post(url + "complete/").status_code == 302
    with region_scope(koga):
        assert [a.passed for a in AssessmentAttempt.objects.order_by("id")] == [False, True]
        assert Enrolment.objects.get().status == EnrolmentStatus.COMPLETED
        assert Certificate.objects.exists()


def test_replanning_keeps_the_history(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    response = client_for(cast, "trainer").post(
        f"/r/koga/enrolments/{enrolment.pk}/replan/",
        {"from_date": TODAY.isoformat(), "daily_hours": "4"},
    )
    assert response.status_code == 302
    with region_scope(koga):
        assert list(
            PlanRevision.objects.order_by("id").values_list("daily_minutes", flat=True)
        ) == [
            150,
            240,
        ]
    page = client_for(cast, "operator").get(f"/r/koga/enrolments/{enrolment.pk}/")
    assert [row.hours for row in page.context["history"]] == ["2.5", "4"]


def test_withdrawing_needs_the_operator_and_a_confirmation(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    url = f"/r/koga/enrolments/{enrolment.pk}/withdraw/"
    assert client_for(cast, "trainer").post(url, {"confirm": "on"}).status_code == 403
    operator = client_for(cast, "operator")
    assert operator.post(url, {}).status_code == 422
    assert operator.post(url, {"confirm": "on"}).status_code == 302
    with region_scope(koga):
        assert Enrolment.objects.get().status == EnrolmentStatus.WITHDRAWN


def test_a_waiting_participant_sees_their_place_in_line(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(koga)
        participant = ParticipantFactory.create(region=koga)
        participant.person.user = cast.user("participant")
        participant.person.save(update_fields=["user"])
        enrolment = enrolment_create(
            participant=participant,
            course=course,
            choice=PlanChoice(start_date=START, daily_minutes=150),
            actor=cast.user("operator"),
        )
    response = client_for(cast, "participant").get(f"/r/koga/learning/{enrolment.pk}/")
    assert response.context["view"].progress.waitlist_position == 1
    assert response.context["log_form"] is not None
    assert "log-title" not in response.content.decode()


# --- certificates and notifications ------------------------------------------------------


def test_the_certificate_downloads_as_a_pdf(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    certificate = complete(koga, cast, enrolment)
    holder = client_for(cast, "participant")
    page = holder.get(f"/r/koga/learning/{enrolment.pk}/")
    pdf_url = f"/r/koga/certificates/{certificate.code}.pdf"
    assert pdf_url in page.content.decode()
    # Only the holder and the staff get the PDF: it carries more than the public check.
    assert Client().get(pdf_url).status_code == 302
    assert client_for(cast, "client").get(pdf_url).status_code == 403
    assert client_for(cast, "trainer").get(pdf_url).status_code == 200
    response = holder.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")


def test_verify_shows_the_holder_and_nothing_else(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    certificate = complete(koga, cast, enrolment)
    response = Client().get(f"/verify/{certificate.code}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert certificate.holder_name in text
    assert "160" in text
    assert certificate.holder_name_kana not in text
    with region_scope(koga):
        person = Participant.objects.get().person
    assert person.email not in text
    assert person.address_line not in text


def test_verify_answers_404_for_an_unknown_code(koga: Region) -> None:
    response = Client().get("/verify/not-a-real-code/")
    assert response.status_code == 404
    assert response.context["not_found"] is True
    assert Client().get("/verify/not-a-real-code/certificate.pdf").status_code == 404


def test_the_notifications_page_lists_the_users_notifications(cast: Cast, koga: Region) -> None:
    enrol(koga, cast)
    response = client_for(cast, "participant").get("/r/koga/notifications/")
    assert response.status_code == 200
    kinds = [n.kind for n in response.context["notifications"]]
    assert kinds == [Kind.LICENCE_GRANTED]
    other = client_for(cast, "trainer").get("/r/koga/notifications/")
    assert other.context["notifications"] == []


def test_hours_studied_read_to_a_tenth_on_the_learners_pages(cast: Cast, koga: Region) -> None:
    enrolment = enrol(koga, cast)
    with region_scope(koga):
        Enrolment.objects.filter(pk=enrolment.pk).update(minutes_done=2234)
    client = client_for(cast, "participant")
    for url in ("/r/koga/learning/", f"/r/koga/learning/{enrolment.pk}/"):
        page = client.get(url).content.decode()
        assert "160時間中 <strong>37.2</strong>時間を学習済み" in page, url
        assert "37.23" not in page, url


def test_the_dashboard_tells_pools_of_one_tool_apart_by_their_period(
    cast: Cast, koga: Region
) -> None:
    """The dashboard shows the pools in force and those to come, each with its period; an
    expired pool is on the licences page only."""
    with region_scope(koga):
        tool = factories.product()
        factories.pool(koga, seats=3, tool=tool)
        for start, end in (
            (dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
            (dt.date(2025, 5, 20), dt.date(2025, 9, 30)),
        ):
            LicencePool.objects.create(
                region=koga, product=tool, seats=2, valid_from=start, valid_to=end
            )
    page = client_for(cast, "operator").get("/r/koga/dashboard/").content.decode()
    assert "有効期間 2026年1月1日(木)〜2027年12月31日(金)" in page
    assert "有効期間 2028年1月1日(土)〜2028年12月31日(日)" in page
    assert "2025年5月20日" not in page
    licences = client_for(cast, "operator").get("/r/koga/licences/").content.decode()
    assert "2025年5月20日(火)" in licences
    assert 'class="bars bars--stacked" aria-labelledby="pools-chart-title"' in page
