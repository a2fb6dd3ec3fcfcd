"""Words a candidate and a city read on recruiting pages: the offer's own words, never the
internal status or the event waitlist's words, and the funnel's columns named for what they
list."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import Cast
from sousei.core.models import Region
from sousei.hiring.links import offer_token
from sousei.hiring.models import Offer
from sousei.hiring.tests.factories import media  # noqa: F401 (fixture)
from sousei.hiring.tests.test_funnel import data  # noqa: F401 (fixture)
from sousei.hiring.tests.test_offer_links import offer  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("media")


def test_the_candidate_reads_the_offers_own_words(koga: Region, offer: Offer) -> None:  # noqa: F811
    page = Client().get(f"/r/koga/jobs/offer/{offer_token(offer=offer)}/").content.decode()
    assert "内定を辞退する" in page
    assert "繰り上げ" not in page
    assert "回答待ち" in page
    assert "候補者に送付" not in page


def test_the_funnel_heads_its_first_column_with_what_it_lists(
    koga: Region,
    cast: Cast,
    data: dict[str, int],  # noqa: F811
) -> None:
    client = Client()
    client.force_login(cast.user("municipality"))
    page = client.get("/r/koga/hiring/funnel/").content.decode()
    assert '<th scope="col">求人</th>' in page
    assert '<th scope="col">イベント</th>' in page
    assert '<th scope="col">氏名</th>' not in page
