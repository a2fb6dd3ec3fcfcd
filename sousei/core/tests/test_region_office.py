"""The region's program office contact (事務局): set by its operators, audited, checked."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.services import region_office_set


def test_the_office_contact_is_set_and_audited(koga: Region) -> None:
    region = region_office_set(
        region=koga,
        values={"office_phone": "092-555-0123", "office_address": "福岡県古賀市中央2丁目1-1"},
        actor=None,
    )
    assert region.has_office_contact
    koga.refresh_from_db()
    assert koga.office_phone == "092-555-0123"
    with region_scope(koga):
        entry = AuditEntry.objects.get(action="region.office")
    assert entry.changes["office_phone"] == ["", "092-555-0123"]
    # Setting the same values again changes nothing and records nothing.
    region_office_set(region=koga, values={"office_phone": "092-555-0123"}, actor=None)
    with region_scope(koga):
        assert AuditEntry.objects.filter(action="region.office").count() == 1


def test_an_office_contact_that_cannot_be_used_is_refused(koga: Region) -> None:
    for values, field in [
        ({"office_phone": "call us"}, "office_phone"),
        ({"office_email": "office at example"}, "office_email"),
        ({"office_postal_code": "8113"}, "office_postal_code"),
        ({"office_address": "古賀\x00市"}, "office_address"),
        ({"office_hours": "x" * 201}, "office_hours"),
    ]:
        with pytest.raises(ValidationError) as refused:
            region_office_set(region=koga, values=values, actor=None)
        assert field in refused.value.error_dict
    koga.refresh_from_db()
    assert not koga.has_office_contact


def test_the_office_reads_in_english_where_it_has_english(koga: Region) -> None:
    region_office_set(
        region=koga,
        values={
            "office_name": "事務局",
            "office_name_en": "Program office",
            "office_hours": "平日",
        },
        actor=None,
    )
    koga.refresh_from_db()
    with translation.override("en"):
        assert koga.office_local_name == "Program office"
        assert koga.office_local_hours == "平日"
    assert koga.office_local_name == "事務局"
