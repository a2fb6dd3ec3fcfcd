"""Where a participant lives reads as a place (東京都千代田区), and the operator types the
place, not its JIS X 0402 code."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from conftest import Cast
from sousei.careers.models import CareerOutcome
from sousei.careers.tests import factories as made
from sousei.core.models import Region
from sousei.core.scoping import region_scope


def test_the_operator_types_the_place_and_reads_it_back(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        person = made.participant(koga)
    operator = Client()
    operator.force_login(cast.user("operator"))
    url = f"/r/koga/participants/{person.pk}/career/"
    form = {
        "kind": "employed_elsewhere",
        "effective_on": timezone.localdate().isoformat(),
        "employer": "株式会社東京データ",
        "municipality_code": "府中市",
    }
    ambiguous = operator.post(url, form)
    assert ambiguous.status_code == 422
    assert "東京都府中市" in ambiguous.content.decode()
    assert "広島県府中市" in ambiguous.content.decode()
    saved = operator.post(url, form | {"municipality_code": "東京都千代田区"})
    assert saved.status_code == 302
    with region_scope(koga):
        assert CareerOutcome.objects.get(current=True).municipality_code == "13101"
    page = operator.get(url).content.decode()
    assert "東京都千代田区" in page
    assert "13101" not in page
    listing = operator.get("/r/koga/careers/").content.decode()
    assert "東京都千代田区" in listing
    assert "13101" not in listing


def test_a_residence_that_disagrees_names_the_places(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        person = made.participant(koga)
    operator = Client()
    operator.force_login(cast.user("operator"))
    refused = operator.post(
        f"/r/koga/participants/{person.pk}/career/",
        {
            "kind": "continue_projects",
            "effective_on": timezone.localdate().isoformat(),
            "lives_in_region": "on",
            "municipality_code": "東京都千代田区",
        },
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "東京都千代田区 (13101)" in page
    assert "福岡県古賀市 (40223)" in page
