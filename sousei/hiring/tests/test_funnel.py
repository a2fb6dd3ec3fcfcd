"""The recruiting funnel on a small hand-made data set: registrations → attendees →
applicants → interviews → offers → hires (and hires living in the region), per opening and
per event, on the page, as CSV and through the API; the tally agrees with a rebuild."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.events.tests import factories as events_helpers
from sousei.hiring import funnel
from sousei.hiring.models import FunnelTally
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import (
    InterviewInput,
    OfferInput,
    interview_schedule,
    offer_approve,
    offer_draft,
    offer_respond,
)
from sousei.hiring.services.tally import funnel_tally_rebuild
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
)

pytestmark = pytest.mark.usefixtures("media")


def hire(candidacy_id: int, operator: Any, approver: Any) -> None:
    candidacy_move(candidacy_id=candidacy_id, to_stage="offer", actor=operator)
    today = timezone.localdate()
    offer = offer_draft(
        candidacy_id=candidacy_id,
        data=OfferInput(
            salary_jpy=4_000_000,
            start_date=today + dt.timedelta(days=30),
            respond_by=today + dt.timedelta(days=7),
        ),
        actor=operator,
    )
    offer_approve(offer_id=offer.pk, actor=approver)
    offer_respond(offer_id=offer.pk, accept=True, actor=None)


def interview(candidacy_id: int, operator: Any) -> None:
    start = timezone.now() + dt.timedelta(days=1)
    interview_schedule(
        candidacy_id=candidacy_id,
        data=InterviewInput(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            interviewer_ids=[operator.pk],
            place="快生館",
        ),
        actor=operator,
    )


@pytest.fixture
def data(koga: Region, cast: Cast) -> dict[str, int]:
    """An internship with 4 registrations (3 attended); a recruiting event with 1.
    Opening A: 3 applicants from the internship (2 interviewed, both hired, one of them
    living outside Koga) and 1 from nowhere (interviewed, rejected). Opening B: 1 applicant
    from the recruiting event (offered, not answered)."""
    operator = cast.user("operator")
    approver = UserFactory.create(username="approver")
    with region_scope(koga):
        internship = events_helpers.event(koga, title="ワーケーション・インターン", capacity=10)
        fair = events_helpers.event(koga, title="合同説明会")
        registrations = [events_helpers.register(internship, n) for n in range(1, 5)]
        for registration in registrations[:3]:
            registration.checked_in_at = timezone.now()
            registration.save(update_fields=["checked_in_at"])
        events_helpers.register(fair, 9)
        a, b = opening(koga, title="A"), opening(koga, title="B")
        first = apply(a, 1)
        second = apply(a, 2, postal_code="100-0001")  # lives in Tokyo
        apply(a, 3)
        rejected = apply(a, 5)
        offered = apply(b, 9)
        for candidacy in (first, second, rejected):
            interview(candidacy.pk, operator)
        hire(first.pk, operator, approver)
        hire(second.pk, operator, approver)
        candidacy_move(candidacy_id=rejected.pk, to_stage="rejected", reason="不一致", actor=None)
        candidacy_move(candidacy_id=offered.pk, to_stage="offer", actor=None)
        today = timezone.localdate()
        offer_approve(
            offer_id=offer_draft(
                candidacy_id=offered.pk,
                data=OfferInput(
                    salary_jpy=3_900_000,
                    start_date=today + dt.timedelta(days=30),
                    respond_by=today + dt.timedelta(days=7),
                ),
                actor=operator,
            ).pk,
            actor=approver,
        )
    return {"internship": internship.pk, "fair": fair.pk, "a": a.pk, "b": b.pk}


def test_the_region_funnel(koga: Region, data: dict[str, int]) -> None:
    with region_scope(koga):
        row = funnel.funnel()
    assert (row.registrations, row.attendees) == (5, 3)
    assert (row.applicants, row.interviews, row.offers, row.hires) == (5, 3, 3, 2)
    assert row.hires_in_region == 1
    assert row.median_days_to_hire is not None
    assert row.median_days_to_hire < 1


def test_the_funnel_of_the_internship_attributes_its_hires(
    koga: Region, data: dict[str, int]
) -> None:
    with region_scope(koga):
        row = funnel.funnel(event_id=data["internship"])
        fair = funnel.funnel(event_id=data["fair"])
        a_from_internship = funnel.funnel(opening_id=data["a"], event_id=data["internship"])
    assert (row.registrations, row.attendees, row.applicants) == (4, 3, 3)
    assert (row.interviews, row.offers, row.hires, row.hires_in_region) == (2, 2, 2, 1)
    assert (fair.registrations, fair.applicants, fair.offers, fair.hires) == (1, 1, 1, 0)
    assert a_from_internship.hires == 2


def test_the_funnel_per_opening_and_per_event(koga: Region, data: dict[str, int]) -> None:
    with region_scope(koga):
        by_opening = {row.label: row for row in funnel.funnel_by_opening()}
        by_event = {row.label: row for row in funnel.funnel_by_event()}
    assert by_opening["A"].applicants == 4
    assert by_opening["A"].hires == 2
    assert by_opening["A"].registrations is None
    assert by_opening["B"].offers == 1
    assert by_opening["B"].hires == 0
    assert by_event["ワーケーション・インターン"].hires == 2
    assert by_event["合同説明会"].registrations == 1


def test_the_tally_agrees_with_a_rebuild(koga: Region, data: dict[str, int]) -> None:
    with region_scope(koga):
        kept = sorted(
            FunnelTally.objects.values_list(
                "opening_id",
                "event_key",
                "applicants",
                "interviews",
                "offers",
                "hires",
                "hires_in_region",
            )
        )
        funnel_tally_rebuild(region=koga)
        rebuilt = sorted(
            FunnelTally.objects.values_list(
                "opening_id",
                "event_key",
                "applicants",
                "interviews",
                "offers",
                "hires",
                "hires_in_region",
            )
        )
    assert kept == rebuilt


def test_the_funnel_page_csv_and_api(koga: Region, cast: Cast, data: dict[str, int]) -> None:
    client = Client()
    client.force_login(cast.user("municipality"))
    page = client.get(f"/r/koga/hiring/funnel/?event={data['internship']}")
    assert page.status_code == 200
    assert "ワーケーション・インターン" in page.content.decode()
    csv = client.get("/r/koga/hiring/funnel.csv").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("kind,id,name,registrations")
    assert any(
        line.startswith(f"event,{data['internship']},ワーケーション・インターン,4,3,3,2,2,2,1")
        for line in csv
    )
    with region_scope(koga):
        [export] = AuditEntry.objects.filter(action="funnel.export")
    assert export.actor == cast.user("municipality")
    assert export.changes == {"format": "csv", "rows": len(csv) - 1}
    api = bearer_client(cast.user("operator")).get(
        f"/api/v1/regions/koga/recruiting/funnel?event_id={data['internship']}"
    )
    assert api.json()["hires"] == 2
    assert api.json()["registrations"] == 4


def test_the_funnel_of_another_regions_opening_is_404(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    with region_scope(fukutsu):
        other = opening(fukutsu)
    response = bearer_client(cast.user("operator")).get(
        f"/api/v1/regions/koga/recruiting/funnel?opening_id={other.pk}"
    )
    assert response.status_code == 404
