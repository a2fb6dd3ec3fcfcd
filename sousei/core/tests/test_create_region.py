from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sousei.core.models import Region

pytestmark = pytest.mark.django_db


def test_it_creates_any_municipality_from_postal_data() -> None:
    out = StringIO()
    call_command("create_region", "40220", stdout=out)
    region = Region.objects.get(code="40220")
    assert (region.name_ja, region.prefecture, region.slug) == ("宗像市", "福岡県", "munakata")
    assert region.name_en == "Munakata City"
    assert region.timezone == "Asia/Tokyo"
    assert region.admitted_work_statuses == ["part_time", "freelance"]
    assert "宗像市" in out.getvalue()


def test_creating_it_twice_keeps_one_region() -> None:
    call_command("create_region", "40220", stdout=StringIO())
    call_command("create_region", "40220", stdout=StringIO())
    assert Region.objects.filter(code="40220").count() == 1


def test_an_unknown_code_is_refused_with_a_reason() -> None:
    with pytest.raises(CommandError, match="99999"):
        call_command("create_region", "99999", stdout=StringIO())
    assert not Region.objects.exists()
