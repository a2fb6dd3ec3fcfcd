"""Offset pagination with a fixed number of queries: one count, one page of rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

T = TypeVar("T", bound=Model)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    count: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def body(self, rows: list[Any]) -> dict[str, Any]:
        """The API's page envelope around this page's rendered rows."""
        return {
            "count": self.count,
            "page": self.number,
            "pages": self.pages,
            "page_size": self.size,
            "results": rows,
        }


def page_number(request: HttpRequest) -> int:
    """The page asked for by ?page= (1 when absent or not a number; paginate clamps the top)."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def paginate(qs: QuerySet[T], *, page: int, size: int, count: int | None = None) -> Page[T]:
    """Page `page` (clamped to 1..last) of an ordered queryset: three queries whatever the
    page — the count, the page's ids, then its rows.

    Taking the ids first lets PostgreSQL walk only the ordering index past the offset
    (no joins, no sort of every row); the joined rows are fetched for the page alone.
    A caller that knows the count already (from a tally) passes it and saves the count."""
    if count is None:
        count = qs.count()
    last = max(1, -(-count // size))
    number = min(max(1, page), last)
    offset = (number - 1) * size
    ids = list(qs.values_list("pk", flat=True)[offset : offset + size])
    by_pk = {obj.pk: obj for obj in qs.filter(pk__in=ids).order_by()} if ids else {}
    return Page(items=[by_pk[pk] for pk in ids], count=count, number=number, size=size)
