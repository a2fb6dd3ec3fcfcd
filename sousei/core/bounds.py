"""The bounds every API input has: one copy of each limit, used by every app's schemas and
query parameters.

Text is as long as its database column at most (``column(Model, "field")`` reads the length
from the model, so the two cannot drift apart), integers stay below the database's 2³¹ − 1,
dates fall between 2000 and 2100, and lists have a maximum size. ``tests/test_api_bounds.py``
walks the OpenAPI document and fails for an input without its bound, so a new endpoint
cannot forget one. NUL bytes and lone surrogates are refused before any schema sees the value
(:class:`sousei.core.http.StrictParser`); a path parameter is refused by its pattern.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from django.db import models
from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema

T = TypeVar("T")

#: The largest value of a PostgreSQL integer column.
INT_MAX = 2**31 - 1
#: The largest amount of yen the program ever names: a year's salary, a project's rate.
YEN_MAX = 100_000_000
#: The highest hourly rate a project or assignment may pay.
HOURLY_YEN_MAX = 100_000
#: The earliest and latest day any input may name.
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
#: Free text without a column length (descriptions, comments, reasons): about 20 pages.
LONG_TEXT = 10_000
#: Short text without a column (search words, filters).
SHORT_TEXT = 200
#: The most items a list in a request may hold.
LIST_MAX = 100
#: The highest page number a list answers.
PAGE_MAX = 100_000

# JSON Schema cannot bound a date, so the document says so in the keywords of the ajv
# "formats" vocabulary; the structural test looks for them.
_DATETIME_SCHEMA = {
    "formatMinimum": f"{DATE_MIN.isoformat()}T00:00:00+09:00",
    "formatMaximum": f"{DATE_MAX.isoformat()}T23:59:59+09:00",
}


def _datetime_in_range(value: dt.datetime) -> dt.datetime:
    if not DATE_MIN <= value.date() <= DATE_MAX:
        # The message comes from the schema error handler (core.http), keyed by this text.
        raise ValueError(f"date_out_of_range {DATE_MIN} {DATE_MAX}")
    return value


def text(max_length: int, *, min_length: int = 0) -> Any:
    """A string of at most `max_length` characters."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length)]


def column(model: type[models.Model], name: str, *, min_length: int = 0) -> Any:
    """A string as long as the column `model.name` holds (LONG_TEXT for a text column)."""
    field = model._meta.get_field(name)
    max_length = getattr(field, "max_length", None) or LONG_TEXT
    return text(max_length, min_length=min_length)


def whole(minimum: int = 0, maximum: int = INT_MAX) -> Any:
    """An integer between `minimum` and `maximum` (at most 2³¹ − 1)."""
    return Annotated[int, Field(ge=minimum, le=min(maximum, INT_MAX))]


def decimal(minimum: Decimal | int, maximum: Decimal | int) -> Any:
    """A decimal number between `minimum` and `maximum` (hours, scores). The document calls it a
    number; a string such as "2.5" is accepted as well."""
    return Annotated[
        Decimal,
        Field(ge=Decimal(minimum), le=Decimal(maximum), allow_inf_nan=False),
        WithJsonSchema({"type": "number", "minimum": minimum, "maximum": maximum}),
    ]


def items(item: Any, max_items: int = LIST_MAX, *, min_items: int = 0) -> Any:
    """A list of at most `max_items` items."""
    return Annotated[list[item], Field(min_length=min_items, max_length=max_items)]


#: An object's id in a path or body.
Id = Annotated[int, Field(ge=1, le=INT_MAX)]
#: A page number of a list.
Page = Annotated[int, Field(ge=1, le=PAGE_MAX)]
#: Yen, never negative.
Yen = Annotated[int, Field(ge=0, le=YEN_MAX)]
#: A calendar year (a graduation year).
Year = Annotated[int, Field(ge=1900, le=2100)]
#: An hourly rate in yen.
HourlyYen = Annotated[int, Field(ge=0, le=HOURLY_YEN_MAX)]


def day_between(earliest: dt.date, latest: dt.date) -> Any:
    """A day from `earliest` to `latest`."""
    return Annotated[
        dt.date,
        Field(
            ge=earliest,
            le=latest,
            json_schema_extra={
                "formatMinimum": earliest.isoformat(),
                "formatMaximum": latest.isoformat(),
            },
        ),
    ]


#: A day between 2000-01-01 and 2100-12-31.
Day = Annotated[
    dt.date,
    Field(
        ge=DATE_MIN,
        le=DATE_MAX,
        json_schema_extra={
            "formatMinimum": DATE_MIN.isoformat(),
            "formatMaximum": DATE_MAX.isoformat(),
        },
    ),
]
#: A birth date: people born since 1900.
BirthDate = day_between(dt.date(1900, 1, 1), DATE_MAX)
#: A moment (with its time zone) on a day between 2000-01-01 and 2100-12-31.
Moment = Annotated[
    dt.datetime,
    AfterValidator(_datetime_in_range),
    Field(json_schema_extra=_DATETIME_SCHEMA),
]
MONTH_PATTERN = r"^(20[0-9][0-9]|2100)-(0[1-9]|1[0-2])$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
#: A month as YYYY-MM, 2000-01 to 2100-12.
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN, max_length=7)]
#: A region's slug in a path: what Region.slug holds (SlugField, 40 characters).
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=40)]
#: A search word or filter value in a query.
Word = text(SHORT_TEXT)
#: Free text without a column of its own length.
LongText = text(LONG_TEXT)
