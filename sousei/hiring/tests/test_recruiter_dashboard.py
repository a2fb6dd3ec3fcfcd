"""A recruiter's dashboard: employer staff find their open openings with the candidates in
progress and the new ones to screen, the interviews to come where they sit on the panel,
and in the work queue the applications to screen and the scorecards they owe. Another
company's openings and interviews stay out of it. The office's recruiting funnel panel
shows its bars, and a candidacy's move form offers the next stage first."""

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
from sousei.core.tests.factories import employer_company, operator_company
from sousei.hiring import selectors
from sousei.hiring.models import Interview
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import InterviewInput, interview_schedule
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
)

pytestmark = pytest.mark.usefixtures("media")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def interview(candidacy_id: int, starts_at: dt.datetime, interviewer_id: int, by: Any) -> Interview:
    return interview_schedule(
        candidacy_id=candidacy_id,
        data=InterviewInput(
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=1),
            interviewer_ids=[interviewer_id],
            place="快生館 会議室B",
        ),
        actor=by,
    )


@pytest.fixture
def recruiting(koga: Region, cast: Cast) -> dict[str, Any]:
    """花鶴テック (the cast employer's company) with an opening: two new applicants and one
    in interview, a past interview without the employer's scorecard and one to come; the
    operator's own opening with an applicant of its own."""
    employer = cast.user("employer")
    operator = cast.user("operator")
    now = timezone.now()
    with region_scope(koga):
        kaju = employer_company(koga)
        own = opening(koga, title="花鶴テックの求人", employer_id=kaju.pk)
        apply(own, 1)
        apply(own, 2)
        interviewed = apply(own, 3, family_name="宗像", given_name="凛")
        candidacy_move(candidacy_id=interviewed.pk, to_stage="interview_1", actor=None)
        interview(interviewed.pk, now - dt.timedelta(days=2), employer.pk, operator)
        interview(interviewed.pk, now + dt.timedelta(days=4), employer.pk, operator)
        rival = opening(koga, title="運営事業者の求人", employer_id=operator_company(koga).pk)
        apply(rival, 4)
    return {"own": own, "rival": rival}


def test_the_employers_dashboard_shows_their_openings_interviews_and_queue(
    cast: Cast, recruiting: dict[str, Any]
) -> None:
    body = signed_in(cast.user("employer")).get("/r/koga/dashboard/").content.decode()
    assert "花鶴テックの求人" in body
    assert "運営事業者の求人" not in body
    assert f"/r/koga/hiring/openings/{recruiting['own'].pk}/?stage=applied" in body
    assert "宗像 凛" in body  # the interview to come, family name first
    assert "快生館 会議室B" in body
    # The queue: two applications to screen, one scorecard owed.
    assert queued(body, "hiring.to_screen") == 2
    assert queued(body, "hiring.scorecards") == 1


def queued(body: str, name: str) -> int:
    item = body.split(f'data-queue="{name}"', 1)[1]
    return int(item.split('class="work-queue__count">', 1)[1].split("<", 1)[0])


def test_the_queue_counts_the_readers_own_work(
    koga: Region, cast: Cast, recruiting: dict[str, Any]
) -> None:
    employer, operator = cast.user("employer"), cast.user("operator")
    kaju = recruiting["own"].employer_id
    now = timezone.now()
    with region_scope(koga):
        assert selectors.candidacies_to_screen_count(employer_ids=frozenset({kaju})) == 2
        assert selectors.candidacies_to_screen_count(employer_ids=None) == 3
        assert selectors.scorecards_to_write_count(user=employer, now=now) == 1
        assert selectors.scorecards_to_write_count(user=operator, now=now) == 0
        # Once the candidacy is closed, the scorecard is no longer owed.
        interviewed = Interview.objects.get(ends_at__lt=now).candidacy_id
        candidacy_move(candidacy_id=interviewed, to_stage="rejected", reason="辞退", actor=None)
        assert selectors.scorecards_to_write_count(user=employer, now=now) == 0


def test_the_recruiter_view_reads_in_two_queries(
    koga: Region,
    cast: Cast,
    recruiting: dict[str, Any],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    employer = cast.user("employer")
    kaju = frozenset({recruiting["own"].employer_id})
    with region_scope(koga):
        for n in range(3):
            apply(opening(koga, title=f"追加の求人{n}", employer_id=recruiting["own"].employer_id))
        with django_assert_num_queries(2):
            view = selectors.recruiter_view(
                user=employer, employer_ids=kaju, now=timezone.now(), shown=5
            )
    assert len(view.openings) == 4
    first = view.openings[0]
    assert (first.opening.title, first.to_screen, first.in_progress) == ("花鶴テックの求人", 2, 3)
    assert [i.candidacy.person.family_name for i in view.interviews] == ["宗像"]


def test_published_openings_come_before_drafts_with_as_much_to_screen(
    koga: Region, cast: Cast
) -> None:
    """PostgreSQL sorts an empty publication date first when descending: a draft would lead
    the list among openings with nothing to screen."""
    with region_scope(koga):
        employer_id = employer_company(koga).pk
        draft = opening(koga, title="下書きの求人", employer_id=employer_id, publish=False)
        published = opening(koga, title="公開中の求人", employer_id=employer_id)
        view = selectors.recruiter_view(
            user=cast.user("employer"),
            employer_ids=frozenset({employer_id}),
            now=timezone.now(),
            shown=5,
        )
    assert [o.opening.pk for o in view.openings] == [published.pk, draft.pk]


def test_the_offices_funnel_panel_shows_its_bars(cast: Cast, recruiting: dict[str, Any]) -> None:
    body = signed_in(cast.user("municipality")).get("/r/koga/dashboard/").content.decode()
    panel = body.split('id="panel-funnel-title"', 1)[1].split("</section>", 1)[0]
    assert panel.count("<meter") == 6


def test_the_move_form_offers_the_next_stage_first(
    koga: Region, cast: Cast, recruiting: dict[str, Any]
) -> None:
    from sousei.hiring.forms import MoveForm

    with region_scope(koga):
        own = recruiting["own"]
    form = MoveForm(opening=own, current="applied")
    assert form.fields["stage"].initial == "screening"
    assert MoveForm(opening=own, current="offer").fields["stage"].initial is None
