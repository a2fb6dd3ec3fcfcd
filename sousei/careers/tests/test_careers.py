"""Career outcomes: dated history, the full-time conversion workflow, independents and the
開業届, residence, the API with its roles, the outcome pages and the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.careers.models import CareerOutcome
from sousei.careers.selectors import outcome_summary
from sousei.careers.services import (
    OutcomeInput,
    add_one_month,
    career_outcome_record,
    opening_notice_late,
)
from sousei.careers.tests import factories as made
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.people.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Service messages are matched in English (the msgids)."""
    with translation.override("en"):
        yield


TODAY = timezone.localdate


def days_ago(n: int) -> dt.date:
    return TODAY() - dt.timedelta(days=n)


@pytest.fixture
def person(koga: Region) -> Participant:
    with region_scope(koga):
        return made.participant(koga)


def change(participant: Participant, cast: Cast, **fields: Any) -> CareerOutcome:
    fields.setdefault("lives_in_region", True)
    fields.setdefault("effective_on", TODAY())
    return career_outcome_record(
        participant_id=participant.pk, data=OutcomeInput(**fields), actor=cast.user("operator")
    )


def problems(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {
        field: " ".join(ValidationError(e).messages) for field, e in error.value.error_dict.items()
    }


def test_each_change_is_a_new_row_and_the_latest_is_current(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        first = change(person, cast, kind="continue_projects", effective_on=days_ago(30))
        second = change(
            person,
            cast,
            kind="employed_elsewhere",
            employer="株式会社ミライ",
            effective_on=days_ago(3),
            lives_in_region=False,
            municipality_code="40133",
        )
        first.refresh_from_db()
        assert (first.current, first.kind) == (False, "continue_projects")
        assert second.current
        assert list(
            CareerOutcome.objects.filter(participant=person).values_list("kind", flat=True)
        ) == ["employed_elsewhere", "continue_projects"]
        assert AuditEntry.objects.filter(action="career_outcome.record").count() == 2
        person.refresh_from_db()
        assert person.lives_in_region is False  # kept on the participant for matching


def test_a_change_is_never_dated_before_the_current_outcome(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        change(person, cast, kind="continue_projects", effective_on=days_ago(5))
        with pytest.raises(ValidationError) as caught:
            change(person, cast, kind="left_program", effective_on=days_ago(6))
        assert "Date a change on or after it" in problems(caught)["effective_on"]
        with pytest.raises(ValidationError) as future:
            change(person, cast, kind="left_program", effective_on=TODAY() + dt.timedelta(days=1))
        assert "in the future" in problems(future)["effective_on"]
        assert CareerOutcome.objects.count() == 1


def test_nothing_changed_is_a_conflict(cast: Cast, koga: Region, person: Participant) -> None:
    with region_scope(koga):
        change(person, cast, kind="continue_projects")
        with pytest.raises(Conflict, match="Nothing changed"):
            change(person, cast, kind="continue_projects")


def test_a_conversion_moves_one_step_at_a_time_with_each_step_dated(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        steps = [("applied", 40), ("interviewed", 30), ("offered", 20), ("hired", 10)]
        for step, ago in steps:
            outcome = change(
                person,
                cast,
                kind="fulltime_conversion",
                step=step,
                effective_on=days_ago(ago),
                employer="株式会社玄海ロジスティクス",
            )
        assert outcome.step == "hired"
        assert [(s, d) for s, _label, d in outcome.step_dates()] == [
            (step, days_ago(ago)) for step, ago in steps
        ]
        assert CareerOutcome.objects.filter(participant=person).count() == 4
        # After the hire, a residence change keeps the step and its dates.
        moved = change(
            person,
            cast,
            kind="fulltime_conversion",
            step="hired",
            effective_on=days_ago(1),
            employer="株式会社玄海ロジスティクス",
            lives_in_region=False,
            municipality_code="13101",
        )
        assert moved.hired_on == days_ago(10)
        assert moved.applied_on == days_ago(40)


@pytest.mark.parametrize(
    ("history", "step", "message"),
    [
        ([], "offered", "starts with"),
        (["applied"], "offered", "next step is"),
        (["applied", "interviewed"], "hired", "next step is"),
        (["applied", "interviewed", "offered", "hired"], "applied", "ended with"),
    ],
)
def test_a_step_out_of_order_is_refused(
    cast: Cast, koga: Region, person: Participant, history: list[str], step: str, message: str
) -> None:
    with region_scope(koga):
        for n, done in enumerate(history):
            change(
                person, cast, kind="fulltime_conversion", step=done, effective_on=days_ago(50 - n)
            )
        with pytest.raises(ValidationError) as caught:
            change(person, cast, kind="fulltime_conversion", step=step)
        assert message in problems(caught)["step"]
        assert CareerOutcome.objects.count() == len(history)


def test_a_decline_ends_the_attempt_and_a_new_one_starts_at_applied(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        change(person, cast, kind="fulltime_conversion", step="applied", effective_on=days_ago(30))
        declined = change(
            person, cast, kind="fulltime_conversion", step="declined", effective_on=days_ago(20)
        )
        assert (declined.applied_on, declined.declined_on) == (days_ago(30), days_ago(20))
        again = change(
            person, cast, kind="fulltime_conversion", step="applied", effective_on=days_ago(2)
        )
        assert (again.applied_on, again.declined_on) == (days_ago(2), None)


def test_hired_cannot_be_dated_before_applied(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        change(person, cast, kind="fulltime_conversion", step="applied", effective_on=days_ago(5))
        with pytest.raises(ValidationError) as caught:
            change(
                person,
                cast,
                kind="fulltime_conversion",
                step="interviewed",
                effective_on=days_ago(9),
            )
        assert "Date a change on or after it" in problems(caught)["effective_on"]


def test_an_independent_has_a_start_date_and_the_notice_follows_it(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        with pytest.raises(ValidationError) as missing:
            change(person, cast, kind="independent")
        assert "開業日" in problems(missing)["business_started_on"]
        with pytest.raises(ValidationError) as before:
            change(
                person,
                cast,
                kind="independent",
                business_started_on=days_ago(10),
                opening_notice_filed_on=days_ago(11),
            )
        assert "on or after the business start date" in problems(before)["opening_notice_filed_on"]
        started = change(
            person,
            cast,
            kind="independent",
            business_started_on=days_ago(60),
            effective_on=days_ago(60),
        )
        assert started.opening_notice_filed_on is None
        # Filing later keeps the start date without giving it again; filed 50 days after the
        # start is later than the month 所得税法 第229条 asks for.
        filed = change(
            person,
            cast,
            kind="independent",
            opening_notice_filed_on=days_ago(10),
            effective_on=days_ago(10),
        )
        assert filed.business_started_on == days_ago(60)
        assert opening_notice_late(filed)


def test_fields_of_another_kind_are_refused(cast: Cast, koga: Region, person: Participant) -> None:
    with region_scope(koga), pytest.raises(ValidationError) as caught:
        change(
            person,
            cast,
            kind="continue_projects",
            step="applied",
            employer="どこか",
            business_started_on=days_ago(3),
        )
    assert set(problems(caught)) == {"step", "employer", "business_started_on"}


def test_residence_must_agree_with_the_municipality_code(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        with pytest.raises(ValidationError) as elsewhere:
            change(person, cast, kind="continue_projects", municipality_code="40133")
        assert "another municipality" in problems(elsewhere)["municipality_code"]
        with pytest.raises(ValidationError) as here:
            change(
                person,
                cast,
                kind="continue_projects",
                lives_in_region=False,
                municipality_code="40223",
            )
        assert "this region's own code" in problems(here)["municipality_code"]
        with pytest.raises(ValidationError) as malformed:
            change(person, cast, kind="continue_projects", municipality_code="4022")
        assert "5 digits" in problems(malformed)["municipality_code"]
        stays = change(person, cast, kind="continue_projects")
        assert stays.municipality_code == "40223"


def test_one_month_after_is_the_same_day_or_the_months_last() -> None:
    assert add_one_month(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert add_one_month(dt.date(2026, 12, 15)) == dt.date(2027, 1, 15)


def test_the_summary_counts_current_outcomes_and_who_moved_away(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with region_scope(koga):
        people = [made.participant(koga) for _ in range(4)]
        change(people[0], cast, kind="continue_projects", effective_on=days_ago(9))
        change(people[0], cast, kind="independent", business_started_on=days_ago(2))
        change(people[1], cast, kind="fulltime_conversion", step="applied")
        change(people[2], cast, kind="left_program", lives_in_region=False)
        with django_assert_num_queries(2):
            summary = outcome_summary()
    counts = {k.kind: (k.count, k.in_region) for k in summary.kinds}
    assert counts == {
        "continue_projects": (0, 0),
        "fulltime_conversion": (1, 1),
        "independent": (1, 1),
        "employed_elsewhere": (0, 0),
        "left_program": (1, 0),
    }
    assert (summary.participants, summary.with_outcome, summary.without_outcome) == (4, 3, 1)
    assert (summary.in_region, summary.moved_away) == (2, 1)
    assert dict((s, n) for s, _label, n in summary.conversion_steps)["applied"] == 1


# --- the API -----------------------------------------------------------------------------

OUTCOMES = "/api/v1/regions/{slug}/participants/{id}/career-outcomes"


def test_the_operator_records_and_the_participant_reads_their_own(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        mine = made.participant(koga, cast.user("participant"))
        someone = made.participant(koga)
    api = bearer_client(cast.user("operator"))
    response = api.post(
        OUTCOMES.format(slug="koga", id=mine.pk),
        {
            "kind": "independent",
            "effective_on": str(days_ago(20)),
            "business_started_on": str(days_ago(20)),
            "opening_notice_filed_on": str(days_ago(5)),
            "lives_in_region": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "independent"
    assert body["municipality_code"] == "40223"
    assert body["opening_notice_late"] is False
    participant_api = bearer_client(cast.user("participant"))
    listed = participant_api.get(OUTCOMES.format(slug="koga", id=mine.pk))
    assert [o["id"] for o in listed.json()] == [body["id"]]
    assert participant_api.get(OUTCOMES.format(slug="koga", id=someone.pk)).status_code == 404
    for role in ("client", "municipality", "trainer"):
        got = bearer_client(cast.user(role)).get(OUTCOMES.format(slug="koga", id=mine.pk))
        assert got.status_code == 403


def test_a_step_out_of_order_answers_422(cast: Cast, koga: Region, person: Participant) -> None:
    response = bearer_client(cast.user("operator")).post(
        OUTCOMES.format(slug="koga", id=person.pk),
        {
            "kind": "fulltime_conversion",
            "step": "hired",
            "effective_on": str(TODAY()),
            "lives_in_region": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "step"


def test_another_regions_participant_is_404(cast: Cast, fukutsu: Region) -> None:
    with region_scope(fukutsu):
        theirs = made.participant(fukutsu)
    api = bearer_client(cast.user("operator"))
    assert api.get(OUTCOMES.format(slug="koga", id=theirs.pk)).status_code == 404
    posted = api.post(
        OUTCOMES.format(slug="koga", id=theirs.pk),
        {"kind": "left_program", "effective_on": str(TODAY()), "lives_in_region": True},
        content_type="application/json",
    )
    assert posted.status_code == 404


def test_the_city_reads_the_counts_only(cast: Cast, koga: Region, person: Participant) -> None:
    with region_scope(koga):
        change(person, cast, kind="left_program", lives_in_region=False)
    body = (
        bearer_client(cast.user("municipality"))
        .get("/api/v1/regions/koga/career-outcomes/summary")
        .json()
    )
    assert body["moved_away"] == 1
    assert {"kind": "left_program", "count": 1, "in_region": 0} in body["kinds"]
    assert "participant_id" not in str(body)


# --- the pages ---------------------------------------------------------------------------


def test_the_operator_records_a_conversion_step_on_the_page(
    cast: Cast, koga: Region, person: Participant
) -> None:
    browser = Client()
    browser.force_login(cast.user("operator"))
    url = f"/r/koga/participants/{person.pk}/career/"
    assert browser.get(url).status_code == 200
    refused = browser.post(
        url,
        {"kind": "fulltime_conversion", "step": "offered", "effective_on": str(TODAY())},
    )
    assert refused.status_code == 422
    assert 'id="id_step_error"' in refused.content.decode()
    saved = browser.post(
        url,
        {
            "kind": "fulltime_conversion",
            "step": "applied",
            "effective_on": str(days_ago(3)),
            "employer": "株式会社玄海ロジスティクス",
            "lives_in_region": "on",
        },
    )
    assert saved.status_code == 302
    page = browser.get(url).content.decode()
    assert "conversion-steps__step--here" in page
    assert "株式会社玄海ロジスティクス" in page


def test_the_outcome_list_is_a_fixed_number_of_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    browser = Client()
    browser.force_login(cast.user("operator"))

    def grow(n: int) -> None:
        with region_scope(koga):
            for _ in range(n):
                change(made.participant(koga), cast, kind="continue_projects")
                made.participant(koga)

    grow(1)
    browser.get("/r/koga/careers/")
    with django_assert_num_queries(10) as few:
        browser.get("/r/koga/careers/")
    grow(5)
    with django_assert_num_queries(len(few.captured_queries)):
        page = browser.get("/r/koga/careers/?kind=continue_projects")
    assert page.status_code == 200
    assert page.content.decode().count("badge--continue_projects") == 6


def test_an_employee_job_records_whether_employment_insurance_covers_it(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga):
        outcome = change(
            person, cast, kind="employed_elsewhere", employer="古賀製作所", employment_insured=True
        )
        assert outcome.employment_insured is True
        entry = AuditEntry.objects.get(action="career_outcome.record")
        assert entry.changes["employment_insured"] is True
        unknown = change(person, cast, kind="continue_projects")
        assert unknown.employment_insured is None


def test_an_independent_is_never_insured_as_an_employee(
    cast: Cast, koga: Region, person: Participant
) -> None:
    with region_scope(koga), pytest.raises(ValidationError) as refused:
        change(
            person,
            cast,
            kind="independent",
            effective_on=days_ago(10),
            business_started_on=days_ago(10),
            employment_insured=False,
        )
    assert "Employment insurance covers employees only" in str(
        refused.value.message_dict["employment_insured"]
    )
