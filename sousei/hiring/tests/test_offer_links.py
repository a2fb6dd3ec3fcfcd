"""The offer link: a signature alone does not open an offer. The attack it answers: with the
development SECRET_KEY, an anonymous visitor signed [region, offer id] (offer ids are
sequential), read the candidate's name and salary, and declined the offer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.test import Client

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.hiring.links import OFFER_SALT, offer_from_token, offer_token
from sousei.hiring.models import Offer, OfferStatus
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import OfferInput, offer_approve, offer_draft
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
)

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def offer(koga: Region, cast: Cast) -> Offer:
    with region_scope(koga):
        candidacy = apply(opening(koga))
        candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
        today = clock.today()
        draft = offer_draft(
            candidacy_id=candidacy.pk,
            data=OfferInput(
                salary_jpy=4_321_000,
                start_date=today + dt.timedelta(days=30),
                respond_by=today + dt.timedelta(days=7),
            ),
            actor=cast.user("operator"),
        )
        return offer_approve(offer_id=draft.pk, actor=UserFactory.create(username="approver"))


def forged_links(koga: Region, offer: Offer) -> list[str]:
    """Links anyone holding the SECRET_KEY can sign, without the offer's secret."""
    return [
        # the link as it was made before (the attack)
        signing.dumps([koga.pk, offer.pk], salt="sousei.recruiting.offer", compress=True),
        # today's shape, without a secret or with a guessed one
        signing.dumps([koga.pk, offer.pk], salt=OFFER_SALT, compress=True),
        signing.dumps([koga.pk, offer.pk, ""], salt=OFFER_SALT, compress=True),
        signing.dumps([koga.pk, offer.pk, "guess"], salt=OFFER_SALT, compress=True),
    ]


def test_a_link_signed_without_the_offers_secret_opens_nothing(koga: Region, offer: Offer) -> None:
    client = Client()
    for token in forged_links(koga, offer):
        page = client.get(f"/r/koga/jobs/offer/{token}/")
        assert page.status_code == 404
        assert "4,321,000" not in page.content.decode()
        # The 404 page names the region (古賀市), so the test looks for the whole name.
        assert offer.candidacy.person.full_name not in page.content.decode()
        assert offer.candidacy.person.given_name not in page.content.decode()
        declined = client.post(f"/r/koga/jobs/offer/{token}/", {"decision": "decline"})
        assert declined.status_code == 404
    with region_scope(koga):
        offer.refresh_from_db()
    assert offer.status == OfferStatus.APPROVED
    assert offer.responded_at is None


def test_the_link_in_the_mail_still_opens_the_offer(koga: Region, offer: Offer) -> None:
    page = Client().get(f"/r/koga/jobs/offer/{offer_token(offer=offer)}/")
    assert page.status_code == 200
    assert "¥4,321,000" in page.content.decode()


def test_every_offer_has_its_own_random_secret(koga: Region, offer: Offer) -> None:
    link = offer_from_token(offer_token(offer=offer))
    assert link is not None
    assert link.offer_id == offer.pk
    assert len(link.secret) >= 32
    with region_scope(koga):
        other = Offer.objects.exclude(pk=offer.pk).values_list("link_secret", flat=True)
    assert link.secret not in set(other)
