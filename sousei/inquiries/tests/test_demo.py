"""The demo's inquiries: a company, a student and a municipality in Koga, one in each status."""

from __future__ import annotations

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.scoping import region_scope
from sousei.inquiries.demo import seed_inquiries
from sousei.inquiries.models import Inquiry


def test_koga_gets_one_inquiry_in_each_status_once(cast: Cast, in_koga: Region) -> None:
    operator = cast.user("operator")
    assert seed_inquiries(region=in_koga, operator=operator).created == 3
    assert seed_inquiries(region=in_koga, operator=operator).created == 0
    rows = set(Inquiry.objects.values_list("kind", "status"))
    assert rows == {("company", "closed"), ("student", "answered"), ("municipality", "new")}
    # Replayed history sends nothing.
    assert not OutboxMessage.objects.exists()


def test_other_regions_get_none(cast: Cast, fukutsu: Region) -> None:
    with region_scope(fukutsu):
        summary = seed_inquiries(region=fukutsu, operator=cast.user("operator", "fukutsu"))
    assert summary.created == 0
