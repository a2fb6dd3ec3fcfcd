"""The participant's journey (私のあゆみ): what it shows, who may see it, and that it is read
in a fixed number of queries however long it grows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.careers.selectors import journey_get
from sousei.careers.services import (
    OutcomeInput,
    SkillRating,
    career_outcome_record,
    evaluation_record,
)
from sousei.careers.tests import factories as made
from sousei.careers.views import earnings_chart
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.people.models import Participant
from sousei.work.models.payroll import PayRunStatus

pytestmark = pytest.mark.django_db
JOURNEY = "/api/v1/regions/{slug}/participants/{id}/journey"
DEC, JAN, FEB = dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)


def build(koga: Region, cast: Cast, participant: Participant, projects: int = 1) -> None:
    """`projects` ended, evaluated, paid assignments and an outcome for the participant."""
    for n in range(projects):
        assignment = made.ended_assignment(koga, participant=participant, days_ago=1 + n)
        made.pay(koga, assignment, DEC, 100_000, 60 * 70)
        made.pay(koga, assignment, FEB, 50_500, 60 * 35)
        evaluation_record(
            assignment_id=assignment.pk,
            ratings=[SkillRating("rpa.uipath", 3), SkillRating("nocode.kintone", 2)],
            recommendation="fulltime_conversion",
            comment="",
            actor=cast.user("operator"),
        )
    career_outcome_record(
        participant_id=participant.pk,
        data=OutcomeInput(
            kind="fulltime_conversion",
            step="applied",
            effective_on=dt.date.today() - dt.timedelta(days=projects),
            lives_in_region=True,
        ),
        actor=cast.user("operator"),
    )


@pytest.fixture
def mine(cast: Cast, koga: Region) -> Participant:
    with region_scope(koga):
        participant = made.participant(koga, cast.user("participant"))
        build(koga, cast, participant)
        return participant


def test_the_journey_adds_up_earnings_by_project_and_month(
    cast: Cast, koga: Region, mine: Participant
) -> None:
    with region_scope(koga):
        # A draft pay run is not final and does not count.
        other = made.ended_assignment(koga, participant=mine)
        made.pay(koga, other, dt.date(2026, 3, 1), 9_999, 60, status=PayRunStatus.DRAFT)
        journey = journey_get(participant_id=mine.pk)
    assert journey.total_jpy == 150_500
    assert [(m.month, m.gross_jpy) for m in journey.months] == [
        (DEC, 100_000),
        (JAN, 0),  # a month without pay shows as a gap
        (FEB, 50_500),
    ]
    assert journey.average_month_jpy == 75_250
    paid = journey.stints[0]
    assert (paid.gross_jpy, paid.hours, paid.hourly_rate_jpy) == (150_500, 105.0, 1_300)
    assert paid.evaluation is not None
    assert journey.outcome is not None
    assert journey.outcome.step == "applied"
    assert {s.skill.code: s.level for s in journey.skills} == {
        "rpa.uipath": 3,
        "nocode.kintone": 2,
    }


def test_the_participant_reads_their_journey_in_the_api(cast: Cast, mine: Participant) -> None:
    response = bearer_client(cast.user("participant")).get(JOURNEY.format(slug="koga", id=mine.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["application"]["status"] == "accepted"
    assert body["total_earned_jpy"] == 150_500
    assert body["earnings_by_month"] == [
        {"month": "2025-12", "hours": 70.0, "gross_jpy": 100_000},
        {"month": "2026-01", "hours": 0.0, "gross_jpy": 0},
        {"month": "2026-02", "hours": 35.0, "gross_jpy": 50_500},
    ]
    (project,) = body["projects"]
    assert project["earned_jpy"] == 150_500
    assert project["client"] == "株式会社玄海ロジスティクス"
    assert body["evaluations"][0]["recommendation"] == "fulltime_conversion"
    assert body["outcome"]["steps"] == {"applied": body["outcome"]["effective_on"]}


def test_only_the_operator_and_the_person_see_a_journey(
    cast: Cast, koga: Region, fukutsu: Region, mine: Participant
) -> None:
    with region_scope(koga):
        someone = made.participant(koga)
    participant = bearer_client(cast.user("participant"))
    assert participant.get(JOURNEY.format(slug="koga", id=someone.pk)).status_code == 404
    for role in ("client", "municipality", "trainer", "space_manager"):
        got = bearer_client(cast.user(role)).get(JOURNEY.format(slug="koga", id=mine.pk))
        assert got.status_code == 403
    with region_scope(fukutsu):
        elsewhere = made.participant(fukutsu)
    operator = bearer_client(cast.user("operator"))
    assert operator.get(JOURNEY.format(slug="koga", id=elsewhere.pk)).status_code == 404
    assert operator.get(JOURNEY.format(slug="fukutsu", id=mine.pk)).status_code == 404


def test_the_journey_is_a_fixed_number_of_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with region_scope(koga):
        short, long = made.participant(koga), made.participant(koga)
        build(koga, cast, short, projects=1)
        build(koga, cast, long, projects=4)
        with django_assert_num_queries(9):
            journey_get(participant_id=short.pk)
        with django_assert_num_queries(9):
            assert len(journey_get(participant_id=long.pk).stints) == 4
    api = bearer_client(cast.user("operator"))
    api.get(JOURNEY.format(slug="koga", id=short.pk))
    with django_assert_num_queries(13) as few:
        api.get(JOURNEY.format(slug="koga", id=short.pk))
    with django_assert_num_queries(len(few.captured_queries)):
        assert api.get(JOURNEY.format(slug="koga", id=long.pk)).status_code == 200
    browser = Client()
    browser.force_login(cast.user("operator"))
    browser.get(f"/r/koga/participants/{short.pk}/journey/")
    with django_assert_num_queries(14) as page:
        browser.get(f"/r/koga/participants/{short.pk}/journey/")
    with django_assert_num_queries(len(page.captured_queries)):
        assert browser.get(f"/r/koga/participants/{long.pk}/journey/").status_code == 200


def test_my_journey_page_shows_the_timeline_and_the_chart(cast: Cast, mine: Participant) -> None:
    browser = Client()
    browser.force_login(cast.user("participant"))
    page = browser.get("/r/koga/journey/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "私のあゆみ" in html or "My journey" in html
    assert html.count('class="column-chart__bar"') == 3
    assert "¥150,500" in html
    assert "<script" not in html.split("</head>")[1]
    assert " style=" not in html


def test_the_chart_scales_bars_to_the_best_month() -> None:
    from sousei.careers.selectors import MonthEarnings

    chart = earnings_chart(
        [MonthEarnings(DEC, 100_000, 0), MonthEarnings(JAN, 0, 0), MonthEarnings(FEB, 50_000, 0)]
    )
    assert [b.height for b in chart.bars] == [120, 0, 60]
    assert chart.bars[2].y == chart.baseline - 60
