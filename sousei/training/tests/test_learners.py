"""The trainer's list of learners: the enrolments of the courses they teach, with progress
and the at-risk flag; who teaches a course is set on its form."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.people.tests.factories import ParticipantFactory
from sousei.training.models import Course, CourseModule, CourseTrainer, Enrolment, EnrolmentStatus
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    enrolment_create,
    progress_log,
)
from sousei.training.tests import factories
from sousei.training.tests.test_pages import START, client_for, course_post, seats

pytestmark = pytest.mark.django_db


def teach(region: Region, cast: Cast, course: Course, role: str = "trainer") -> None:
    CourseTrainer.objects.create(region=region, course=course, user=cast.user(role, region.slug))


def enrol_many(region: Region, cast: Cast, course: Course, count: int) -> list[Enrolment]:
    made = []
    for participant in ParticipantFactory.create_batch(count, region=region):
        made.append(
            enrolment_create(
                participant=participant,
                course=course,
                choice=PlanChoice(start_date=START, daily_minutes=120),
                actor=cast.user("operator", region.slug),
            )
        )
    return made


def test_a_trainer_sees_the_learners_of_the_courses_they_teach(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        taught = factories.course(koga, title="UiPath 入門")
        other = factories.course(koga, title="kintone 入門")
        seats(koga, taught, count=5)
        mine = enrol_many(koga, cast, taught, 2)
        theirs = enrol_many(koga, cast, other, 1)
        teach(koga, cast, taught)
        module = CourseModule.objects.filter(course=taught).first()
        assert module is not None
        progress_log(
            enrolment_id=mine[0].pk,
            log=StudyLog(day=START, minutes=960, module_id=module.pk),
            actor=cast.user("operator"),
        )
        Enrolment.objects.filter(pk=mine[0].pk).update(at_risk=False)
        Enrolment.objects.filter(pk=mine[1].pk).update(at_risk=True)
    response = client_for(cast, "trainer").get("/r/koga/learners/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.enrolment.pk for row in rows] == [mine[1].pk, mine[0].pk]  # at risk first
    assert theirs[0].pk not in [row.enrolment.pk for row in rows]
    assert (rows[1].percent, rows[1].hours) == (10, "16")  # 16 h of 160
    text = response.content.decode()
    assert "要注意" in text
    assert f"/r/koga/enrolments/{mine[0].pk}/" in text


def test_a_trainer_of_no_course_is_told_how_learners_arrive(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(koga)
        enrol_many(koga, cast, course, 1)
    response = client_for(cast, "trainer").get("/r/koga/learners/")
    assert response.context["rows"] == []
    assert "trainer of a course" in response.content.decode() or "講師" in (
        response.content.decode()
    )


def test_the_office_sees_every_course_and_others_are_refused(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(koga)
        enrol_many(koga, cast, course, 2)
    assert len(client_for(cast, "operator").get("/r/koga/learners/").context["rows"]) == 2
    assert client_for(cast, "participant").get("/r/koga/learners/").status_code == 403
    assert client_for(cast, "client").get("/r/koga/learners/").status_code == 403


def test_the_list_runs_constant_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with region_scope(koga):
        course = factories.course(koga)
        second = factories.course(koga, title="kintone 入門")
        teach(koga, cast, course)
        teach(koga, cast, second)
        enrol_many(koga, cast, course, 2)
    client = client_for(cast, "trainer")
    client.get("/r/koga/learners/")
    # session + user + region + memberships + courses + count + page ids + rows
    with django_assert_num_queries(8):
        assert len(client.get("/r/koga/learners/").context["rows"]) == 2
    with region_scope(koga):
        enrol_many(koga, cast, course, 4)
        enrol_many(koga, cast, second, 4)
    with django_assert_num_queries(8):
        assert len(client.get("/r/koga/learners/").context["rows"]) == 10


def test_the_course_form_names_its_trainers(cast: Cast, koga: Region) -> None:
    trainer = cast.user("trainer")
    with region_scope(koga):
        data = course_post(trainers=str(trainer.pk))
    response = client_for(cast, "operator").post("/r/koga/courses/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with region_scope(koga):
        course = Course.objects.get(title=data["title"])
        assert list(CourseTrainer.objects.filter(course=course).values_list("user", flat=True)) == [
            trainer.pk
        ]
        assert AuditEntry.objects.filter(action="course.create").get().changes["trainers"] == [
            trainer.pk
        ]
    edit = client_for(cast, "operator").get(f"/r/koga/courses/{course.pk}/edit/")
    assert 'name="trainers"' in edit.content.decode()
    # Someone who is not a trainer of the region is no choice.
    with region_scope(koga):
        refused = course_post(trainers=str(cast.user("client").pk))
    response = client_for(cast, "operator").post(f"/r/koga/courses/{course.pk}/edit/", refused)
    assert response.status_code == 422
    with region_scope(koga):
        assert CourseTrainer.objects.filter(course=course).count() == 1


def test_a_trainer_finds_a_learner_by_name_among_their_own(
    cast: Cast, koga: Region, fukutsu: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with region_scope(koga):
        taught = factories.course(koga)
        other = factories.course(koga, title="kintone 入門")
        seats(koga, taught, count=5)
        teach(koga, cast, taught)
        teach(koga, cast, other, role="operator")
        wanted, _someone = enrol_many(koga, cast, taught, 2)
        (elsewhere,) = enrol_many(koga, cast, other, 1)
        for enrolment, family, kana in ((wanted, "宮地", "ミヤジ"), (elsewhere, "宮地", "ミヤジ")):
            person = enrolment.participant.person
            person.family_name, person.family_name_kana = family, kana
            person.save(update_fields=["family_name", "family_name_kana"])
    with region_scope(fukutsu):
        course = factories.course(fukutsu)
        teach(fukutsu, cast, course)
        (theirs,) = enrol_many(fukutsu, cast, course, 1)
        person = theirs.participant.person
        person.family_name, person.family_name_kana = "宮地", "ミヤジ"
        person.save(update_fields=["family_name", "family_name_kana"])
    client = client_for(cast, "trainer")
    client.get("/r/koga/learners/")
    # The same queries as the whole list: the search is a condition of the page's query.
    with django_assert_num_queries(8):
        response = client.get("/r/koga/learners/", {"q": "みやじ"})
    assert [row.enrolment.pk for row in response.context["rows"]] == [wanted.pk]
    assert response.context["form"]["q"].value() == "みやじ"
    assert [r.enrolment.pk for r in client.get("/r/koga/learners/?q=宮地").context["rows"]] == [
        wanted.pk
    ]
    assert client.get("/r/koga/learners/?q=該当なし").context["rows"] == []
    # The office searches every course of the region, and nothing of another region.
    office = client_for(cast, "operator").get("/r/koga/learners/?q=宮地")
    assert {row.enrolment.pk for row in office.context["rows"]} == {wanted.pk, elsewhere.pk}


def test_the_trainers_page_of_a_learner_at_risk_advises_the_trainer(
    cast: Cast, koga: Region
) -> None:
    """The learner is told to talk to their trainer; the trainer is pointed at a new plan."""
    with region_scope(koga):
        course = factories.course(koga)
        seats(koga, course)
        teach(koga, cast, course)
        (enrolment,) = enrol_many(koga, cast, course, 1)
        Enrolment.objects.filter(pk=enrolment.pk).update(at_risk=True)
    text = client_for(cast, "trainer").get(f"/r/koga/enrolments/{enrolment.pk}/").content
    page = text.decode()
    assert "講師にご相談ください" not in page
    assert 'href="#replan-title"' in page


def test_the_list_shows_who_studies_now_and_filters_by_course_and_status(
    cast: Cast, koga: Region
) -> None:
    """A trainer's long history does not bury the learners who need them now: those who
    completed are one choice away, and each course of theirs is one choice."""
    with region_scope(koga):
        uipath = factories.course(koga, title="UiPath 入門", trainers=[cast.user("trainer")])
        kintone = factories.course(koga, title="kintone 入門", trainers=[cast.user("trainer")])
        seats(koga, uipath, count=5)
        studying, done = enrol_many(koga, cast, uipath, 2)
        (waiting,) = enrol_many(koga, cast, kintone, 1)  # no licence seat: waiting
        Enrolment.objects.filter(pk=done.pk).update(status=EnrolmentStatus.COMPLETED)
    client = client_for(cast, "trainer")

    def listed(query: str = "") -> set[int]:
        response = client.get(f"/r/koga/learners/{query}")
        assert response.status_code == 200
        return {row.enrolment.pk for row in response.context["rows"]}

    assert listed() == {studying.pk, waiting.pk}
    assert listed("?status=completed") == {done.pk}
    assert listed("?status=all") == {studying.pk, done.pk, waiting.pk}
    assert listed(f"?course={kintone.pk}") == {waiting.pk}
    assert listed(f"?course={uipath.pk}&status=all") == {studying.pk, done.pk}
    page = client.get("/r/koga/learners/").content.decode()
    assert f'<option value="{kintone.pk}">kintone 入門</option>' in page


@pytest.mark.parametrize(
    "query",
    [
        "?course=99999999999999999999",
        "?course=abc",
        "?status=withdrawn",
        "?q=%00",
        "?q=" + "あ" * 1000,
    ],
)
def test_a_refused_filter_says_so_and_lists_with_the_defaults(
    cast: Cast, koga: Region, query: str
) -> None:
    with region_scope(koga):
        course = factories.course(koga, trainers=[cast.user("trainer")])
        other = factories.course(koga, title="kintone 入門")  # not theirs
        seats(koga, course)
        (mine,) = enrol_many(koga, cast, course, 1)
        enrol_many(koga, cast, other, 1)
    response = client_for(cast, "trainer").get(f"/r/koga/learners/{query}")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'class="errorlist"' in response.content.decode()
    assert [row.enrolment.pk for row in response.context["rows"]] == [mine.pk]


def test_a_refused_filter_keeps_the_others(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        course = factories.course(koga, trainers=[cast.user("trainer")])
        seats(koga, course)
        _studying, done = enrol_many(koga, cast, course, 2)
        Enrolment.objects.filter(pk=done.pk).update(status=EnrolmentStatus.COMPLETED)
    response = client_for(cast, "trainer").get("/r/koga/learners/?status=completed&course=abc")
    assert response.context["form"].errors["course"]
    assert [row.enrolment.pk for row in response.context["rows"]] == [done.pk]


def test_another_trainers_course_is_not_a_choice(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        other = factories.course(koga, title="kintone 入門")
        seats(koga, other)
        enrol_many(koga, cast, other, 1)
    response = client_for(cast, "trainer").get(f"/r/koga/learners/?course={other.pk}")
    assert response.context["form"].errors["course"]
    assert response.context["rows"] == []
