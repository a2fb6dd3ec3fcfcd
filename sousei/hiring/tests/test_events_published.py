"""Stage changes and an accepted offer tell the domain event subscribers, ids and stages only."""

from __future__ import annotations

import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.tests.events import events_recorded, of_kind
from sousei.core.tests.factories import UserFactory
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import offer_approve, offer_respond
from sousei.hiring.tests.factories import apply, media, opening  # noqa: F401 (fixture)
from sousei.hiring.tests.test_services import offered

pytestmark = pytest.mark.usefixtures("media")


def test_moving_a_candidacy_publishes_candidacy_stage_changed(
    in_koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    candidacy = apply(opening(in_koga))
    candidacy_move(candidacy_id=candidacy.pk, to_stage="screening", actor=cast.user("operator"))
    [event] = of_kind(published, "candidacy.stage_changed")
    assert event.payload == {
        "candidacy_id": candidacy.pk,
        "opening_id": candidacy.opening_id,
        "person_id": candidacy.person_id,
        "from": "applied",
        "to": "screening",
    }


def test_accepting_an_offer_publishes_offer_accepted_then_the_hire(
    in_koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    candidacy, offer = offered(in_koga, cast)
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    published.clear()
    offer_respond(offer_id=offer.pk, accept=True, actor=None)
    assert [e.kind for e in published] == [
        "offer.accepted",
        "candidacy.stage_changed",
        "employee.created",
    ]
    assert published[0].payload == {
        "offer_id": offer.pk,
        "candidacy_id": candidacy.pk,
        "opening_id": candidacy.opening_id,
        "person_id": candidacy.person_id,
        "start_date": offer.start_date.isoformat(),
        "status": "accepted",
    }
    assert (published[1].payload["from"], published[1].payload["to"]) == ("offer", "hired")


def test_declining_an_offer_publishes_no_acceptance(
    in_koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    _candidacy, offer = offered(in_koga, cast)
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    published.clear()
    offer_respond(offer_id=offer.pk, accept=False, actor=None)
    assert [(e.kind, e.payload["to"]) for e in published] == [
        ("candidacy.stage_changed", "withdrawn")
    ]
