"""Every municipality can be a region: names, kana, English names and prefectures from the
shipped data; a designated city is one region covering its wards."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sousei.core import municipalities
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.services import region_create
from sousei.people.services import eligible_address

pytestmark = pytest.mark.django_db


def test_the_data_holds_every_municipality_and_tokyos_special_wards() -> None:
    kinds: dict[str, int] = {}
    for item in municipalities.all_municipalities():
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    # 総務省: 792 cities (20 of them designated), 743 towns, 183 villages, 23 special wards.
    assert kinds == {
        "city": 772,
        "designated_city": 20,
        "town": 743,
        "village": 183,
        "special_ward": 23,
    }
    assert len({item.prefecture for item in municipalities.all_municipalities()}) == 47


@pytest.mark.parametrize(
    ("code", "prefecture", "name_ja", "kana", "name_en", "slug"),
    [
        ("47382", "沖縄県", "与那国町", "ヨナグニチョウ", "Yonaguni Town", "yonaguni"),
        ("40130", "福岡県", "福岡市", "フクオカシ", "Fukuoka City", "fukuoka"),
        ("13101", "東京都", "千代田区", "チヨダク", "Chiyoda City", "chiyoda"),
        ("40223", "福岡県", "古賀市", "コガシ", "Koga City", "koga"),
        ("10344", "群馬県", "榛東村", "シントウムラ", "Shinto Village", "shinto"),
        ("14150", "神奈川県", "相模原市", "サガミハラシ", "Sagamihara City", "sagamihara"),
        ("19208", "山梨県", "南アルプス市", "ミナミアルプスシ", "Minami-Alps City", "minami-alps"),
    ],
)
def test_a_region_is_created_with_its_names(
    code: str, prefecture: str, name_ja: str, kana: str, name_en: str, slug: str
) -> None:
    region = region_create(code=code)
    assert (region.prefecture, region.name_ja, region.name_kana, region.name_en) == (
        prefecture,
        name_ja,
        kana,
        name_en,
    )
    assert region.slug == slug
    with region_scope(region):
        assert AuditEntry.objects.filter(region=region, action="region.create").count() == 1


def test_a_town_in_every_prefecture() -> None:
    """For each prefecture, its first town by code is a region with a Town name."""
    towns: dict[str, municipalities.Municipality] = {}
    for item in municipalities.all_municipalities():
        if item.kind == "town":
            towns.setdefault(item.prefecture, item)
    assert len(towns) == 47
    for town in towns.values():
        region = region_create(code=town.code)
        assert region.name_ja.endswith("町")
        assert region.name_en.endswith(" Town")
        assert "郡" not in region.name_ja  # the district is not part of the name
        assert region.prefecture == town.prefecture
    assert Region.objects.count() == 47


def test_an_east_ward_postal_code_is_eligible_for_fukuoka_city() -> None:
    fukuoka = region_create(code="40130")
    address = eligible_address(fukuoka, "813-0011")  # 福岡市東区香椎
    assert (address.city, address.municipality_code) == ("福岡市東区", "40131")
    with pytest.raises(ValidationError, match="古賀市"):
        eligible_address(fukuoka, "811-3101")  # 古賀市天神


def test_a_ward_code_is_refused_naming_its_city() -> None:
    with pytest.raises(ValidationError) as caught:
        region_create(code="40131")
    assert "40130" in " ".join(caught.value.messages)
    assert not Region.objects.exists()


def test_municipalities_are_found_by_name_kana_english_or_code() -> None:
    assert [m.code for m in municipalities.municipality_search("与那国")] == ["47382"]
    assert municipalities.municipality_search("yonaguni")[0].code == "47382"
    assert municipalities.municipality_search("ヨナグニ")[0].code == "47382"
    assert municipalities.municipality_search("福岡市")[0].code == "40130"
    assert "40223" in [m.code for m in municipalities.municipality_search("こが")]
    assert "13101" in [m.code for m in municipalities.municipality_search("Chiyoda")]
    assert municipalities.municipality_search("40223")[0].name_ja == "古賀市"
    assert municipalities.municipality_search("  ") == []


def test_the_find_command_prints_codes_and_create_region_takes_a_designated_city() -> None:
    out = StringIO()
    call_command("find_municipality", "与那国", stdout=out)
    assert "47382" in out.getvalue()
    assert "Yonaguni Town" in out.getvalue()
    call_command("create_region", "40130", stdout=out)
    assert "福岡市" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("find_municipality", "存在しない町名", stdout=out)
