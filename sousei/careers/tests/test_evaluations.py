"""Evaluations: when an assignment may be evaluated, ratings, raising the skill profile, the
API and the form, tenancy, and the averages matching reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.careers.models import Evaluation, EvaluationSkill
from sousei.careers.selectors import evaluation_averages
from sousei.careers.services import SkillRating, evaluation_record
from sousei.careers.tests import factories as made
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Organization, Region
from sousei.core.scoping import region_scope
from sousei.people.models import Participant
from sousei.projects.models import Assignment, AssignmentStatus
from sousei.projects.tests import factories
from sousei.training.models import ParticipantSkill, SkillSource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Service messages are matched in English (the msgids)."""
    with translation.override("en"):
        yield


URL = "/api/v1/regions/{slug}/assignments/{id}/evaluation"


@pytest.fixture
def ended(koga: Region) -> Assignment:
    with region_scope(koga):
        return made.ended_assignment(koga)


def record(assignment: Assignment, cast: Cast, *ratings: SkillRating, **extra: Any) -> Evaluation:
    return evaluation_record(
        assignment_id=assignment.pk,
        ratings=list(ratings) or [SkillRating("rpa.uipath", 3)],
        recommendation=extra.pop("recommendation", "continue_projects"),
        comment=extra.pop("comment", "丁寧な仕事でした"),
        actor=cast.user("operator"),
    )


def level(assignment: Assignment, code: str) -> ParticipantSkill | None:
    return (
        ParticipantSkill.objects.filter(participant_id=assignment.participant_id, skill__code=code)
        .select_related("skill")
        .first()
    )


# --- the service -------------------------------------------------------------------------


def test_it_records_ratings_and_raises_a_level_shown_above_the_profile(
    cast: Cast, koga: Region, ended: Assignment
) -> None:
    with region_scope(koga):
        ParticipantSkill.objects.create(
            region=koga,
            participant_id=ended.participant_id,
            skill=factories.skill("rpa.uipath"),
            level=2,
        )
        evaluation = record(
            ended,
            cast,
            SkillRating("rpa.uipath", 4, "自走できる"),
            SkillRating("nocode.kintone", 2),
        )
        ratings = {r.skill.code: r for r in evaluation.ratings.select_related("skill")}
        assert (ratings["rpa.uipath"].level_before, ratings["rpa.uipath"].level_after) == (2, 4)
        assert ratings["rpa.uipath"].note == "自走できる"
        uipath = level(ended, "rpa.uipath")
        assert uipath is not None
        assert (uipath.level, uipath.source) == (4, SkillSource.EVALUATION)
        # A skill the person had no level in is added at the rating, with no certificate.
        kintone = level(ended, "nocode.kintone")
        assert kintone is not None
        assert (kintone.level, kintone.certificate_id) == (2, None)
        entry = AuditEntry.objects.get(action="evaluation.record")
        assert entry.changes["raised"] == {"nocode.kintone": [0, 2], "rpa.uipath": [2, 4]}


def test_a_lower_rating_never_lowers_the_profile(
    cast: Cast, koga: Region, ended: Assignment
) -> None:
    with region_scope(koga):
        ParticipantSkill.objects.create(
            region=koga,
            participant_id=ended.participant_id,
            skill=factories.skill("rpa.uipath"),
            level=3,
        )
        evaluation = record(ended, cast, SkillRating("rpa.uipath", 1))
        only = evaluation.ratings.get()
        assert (only.rating, only.level_before, only.level_after, only.raised) == (1, 3, 3, False)
        uipath = level(ended, "rpa.uipath")
        assert uipath is not None
        assert (uipath.level, uipath.source) == (3, SkillSource.COURSE)


def test_an_assignment_is_evaluated_once(cast: Cast, koga: Region, ended: Assignment) -> None:
    with region_scope(koga):
        record(ended, cast)
        with pytest.raises(Conflict, match="already been evaluated"):
            record(ended, cast)
        assert Evaluation.objects.count() == 1


def test_it_waits_for_the_last_day_unless_ended_early(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        running = made.ended_assignment(koga, days_ago=-10, status=AssignmentStatus.ACTIVE)
        with pytest.raises(Conflict, match="runs until"):
            record(running, cast)
        # On the planned last day it may be evaluated although still "active".
        last_day = made.ended_assignment(koga, days_ago=0, status=AssignmentStatus.ACTIVE)
        assert record(last_day, cast).pk
        # Ended early by the operator (status "ended", end date in the future is impossible,
        # but the status alone allows it).
        early = made.ended_assignment(koga, days_ago=-10, status=AssignmentStatus.ENDED)
        assert record(early, cast).pk


def test_a_cancelled_assignment_is_not_evaluated(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        cancelled = made.ended_assignment(koga, status=AssignmentStatus.CANCELLED)
        with pytest.raises(Conflict, match="cancelled"):
            record(cancelled, cast)


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ([SkillRating("nocode.appsheet", 3)], "did not ask for the skill nocode.appsheet"),
        ([SkillRating("rpa.uipath", 5)], "ratings go from 1"),
        ([SkillRating("rpa.uipath", 0)], "ratings go from 1"),
        ([SkillRating("rpa.uipath", 2), SkillRating("rpa.uipath", 3)], "rated twice"),
        ([], "Rate at least one skill"),
    ],
)
def test_it_refuses_bad_ratings_and_stores_nothing(
    cast: Cast, koga: Region, ended: Assignment, ratings: list[SkillRating], message: str
) -> None:
    with region_scope(koga):
        factories.skill("nocode.appsheet")
        with pytest.raises(ValidationError, match=message) as caught:
            evaluation_record(
                assignment_id=ended.pk,
                ratings=ratings,
                recommendation="independent",
                comment="",
                actor=cast.user("operator"),
            )
        assert "ratings" in caught.value.error_dict
        assert not Evaluation.objects.exists()
        assert not ParticipantSkill.objects.exists()


def test_it_refuses_an_unknown_recommendation(cast: Cast, koga: Region, ended: Assignment) -> None:
    with region_scope(koga), pytest.raises(ValidationError) as caught:
        record(ended, cast, recommendation="retire")
    assert "recommendation" in caught.value.error_dict


def test_averages_are_the_mean_rating_per_participant(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        first = made.ended_assignment(koga)
        second = made.ended_assignment(koga, participant=first.participant)
        other = made.ended_assignment(koga)
        record(first, cast, SkillRating("rpa.uipath", 4), SkillRating("nocode.kintone", 3))
        record(second, cast, SkillRating("rpa.uipath", 2))
        record(other, cast, SkillRating("rpa.uipath", 1))
        nobody = made.participant(koga)
        ids = [first.participant_id, other.participant_id, nobody.pk]
        assert evaluation_averages(participant_ids=ids) == {
            first.participant_id: 3.0,
            other.participant_id: 1.0,
        }
        # The participant's profile keeps the same mean for the ranking of candidates.
        means = dict(Participant.objects.filter(pk__in=ids).values_list("pk", "evaluation_mean"))
        assert means == {
            first.participant_id: Decimal("3.00"),
            other.participant_id: Decimal("1.00"),
            nobody.pk: None,
        }


# --- the API -----------------------------------------------------------------------------


def post(client: Client, assignment: Assignment, body: dict[str, Any] | None = None) -> Any:
    return client.post(
        URL.format(slug="koga", id=assignment.pk),
        body
        or {
            "ratings": [{"skill": "rpa.uipath", "rating": 3, "note": "速い"}],
            "recommendation": "fulltime_conversion",
            "comment": "正社員登用を推薦します",
        },
        content_type="application/json",
    )


def test_the_projects_client_evaluates_and_everyone_involved_reads_it(
    cast: Cast, koga: Region, ended: Assignment
) -> None:
    response = post(bearer_client(cast.user("client")), ended)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["evaluator_role"] == "client"
    assert body["recommendation"] == "fulltime_conversion"
    assert body["ratings"] == [
        {
            "skill": "rpa.uipath",
            "skill_name": "UiPath",
            "rating": 3,
            "note": "速い",
            "level_before": 0,
            "level_after": 3,
            "raised": True,
        }
    ]
    with region_scope(koga):
        participant = ended.participant
        participant.person.user = cast.user("participant")
        participant.person.save(update_fields=["user"])
    for role in ("operator", "client", "participant"):
        got = bearer_client(cast.user(role)).get(URL.format(slug="koga", id=ended.pk))
        assert got.status_code == 200
        assert got.json()["id"] == body["id"]
    again = post(bearer_client(cast.user("operator")), ended)
    assert again.status_code == 409
    assert "already been evaluated" in again.json()["detail_en"]


def test_the_api_answers_422_for_a_skill_the_project_did_not_ask_for(
    cast: Cast, ended: Assignment
) -> None:
    response = post(
        bearer_client(cast.user("operator")),
        ended,
        {"ratings": [{"skill": "excel", "rating": 3}], "recommendation": "independent"},
    )
    assert response.status_code == 422
    body = response.json()
    assert "did not ask for the skill excel" in body["detail_en"]
    assert body["errors"][0]["field"] == "ratings"
    assert body["detail_ja"] != body["detail_en"]


def test_another_companys_client_and_another_region_get_404(
    cast: Cast, koga: Region, fukutsu: Region
) -> None:
    with region_scope(koga):
        elsewhere = Organization.objects.create(
            kind=Organization.Kind.CLIENT, name="株式会社別会社"
        )
        theirs = made.ended_assignment(
            koga, on=factories.project(koga, organization=elsewhere, starts_on=dt.date(2026, 1, 1))
        )
    assert post(bearer_client(cast.user("client")), theirs).status_code == 404
    with region_scope(fukutsu):
        other_region = made.ended_assignment(fukutsu)
    assert post(bearer_client(cast.user("operator")), other_region).status_code == 404
    with region_scope(fukutsu):
        assert not Evaluation.objects.exists()


def test_a_participant_cannot_evaluate_their_own_assignment(
    cast: Cast, koga: Region, ended: Assignment
) -> None:
    with region_scope(koga):
        ended.participant.person.user = cast.user("participant")
        ended.participant.person.save(update_fields=["user"])
    assert post(bearer_client(cast.user("participant")), ended).status_code == 403


def test_reading_an_evaluation_is_a_fixed_number_of_queries(
    cast: Cast, koga: Region, ended: Assignment, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with region_scope(koga):
        record(ended, cast, SkillRating("rpa.uipath", 3), SkillRating("nocode.kintone", 2))
    api = bearer_client(cast.user("operator"))
    api.get(URL.format(slug="koga", id=ended.pk))  # warm the token and session caches
    # token, memberships, region, assignment, evaluation, its ratings
    with django_assert_num_queries(7):
        assert api.get(URL.format(slug="koga", id=ended.pk)).status_code == 200


# --- the pages ---------------------------------------------------------------------------


def test_the_client_evaluates_on_the_form_and_the_list_empties(
    cast: Cast, koga: Region, ended: Assignment
) -> None:
    browser = Client()
    browser.force_login(cast.user("client"))
    listing = browser.get("/r/koga/evaluations/")
    assert f"/r/koga/assignments/{ended.pk}/evaluation/" in listing.content.decode()
    page = browser.get(f"/r/koga/assignments/{ended.pk}/evaluation/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="rating__rpa.uipath"' in html
    assert 'name="rating__nocode.kintone"' in html
    # A required skill needs a rating; the form says so next to it and stores nothing.
    refused = browser.post(
        f"/r/koga/assignments/{ended.pk}/evaluation/", {"recommendation": "continue_projects"}
    )
    assert refused.status_code == 422
    assert "1から4" in refused.content.decode() or "from 1 to 4" in refused.content.decode()
    saved = browser.post(
        f"/r/koga/assignments/{ended.pk}/evaluation/",
        {
            "rating__rpa.uipath": "4",
            "note__rpa.uipath": "とても良い",
            "rating__nocode.kintone": "",
            "recommendation": "independent",
            "comment": "独立を応援します",
        },
    )
    assert saved.status_code == 302
    with region_scope(koga):
        evaluation = Evaluation.objects.get()
        assert evaluation.evaluator_role == "client"
        assert list(EvaluationSkill.objects.values_list("skill__code", "rating")) == [
            ("rpa.uipath", 4)
        ]
    shown = browser.get(f"/r/koga/assignments/{ended.pk}/evaluation/").content.decode()
    assert "独立を応援します" in shown
    assert (
        f"/r/koga/assignments/{ended.pk}/evaluation/"
        not in (browser.get("/r/koga/evaluations/").content.decode().split("recent-title")[0])
    )


def test_the_form_explains_a_running_assignment(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        running = made.ended_assignment(koga, days_ago=-30, status=AssignmentStatus.ACTIVE)
    browser = Client()
    browser.force_login(cast.user("operator"))
    page = browser.get(f"/r/koga/assignments/{running.pk}/evaluation/")
    assert page.status_code == 200
    assert 'name="recommendation"' not in page.content.decode()


def test_the_evaluation_list_is_a_fixed_number_of_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    browser = Client()
    browser.force_login(cast.user("client"))

    def grow(n: int) -> None:
        with region_scope(koga):
            for _ in range(n):
                done = made.ended_assignment(koga)
                record(done, cast)
                made.ended_assignment(koga)

    grow(1)
    browser.get("/r/koga/evaluations/")
    # 7 to read the page, 5 to record what it shows the client (APPI 第29条): the company,
    # a savepoint, the record, its people in one insert, the release.
    with django_assert_num_queries(12) as few:
        browser.get("/r/koga/evaluations/")
    grow(4)
    with django_assert_num_queries(len(few.captured_queries)):
        assert browser.get("/r/koga/evaluations/").status_code == 200
