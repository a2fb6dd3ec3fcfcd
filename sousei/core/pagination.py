"""Offset pagination with a fixed number of queries: one count, one page of rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet

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


def paginate(qs: QuerySet[T], *, page: int, size: int) -> Page[T]:
    """Page `page` (clamped to 1..last) of an ordered queryset."""
    count = qs.count()
    last = max(1, -(-count // size))
    number = min(max(1, page), last)
    offset = (number - 1) * size
    return Page(items=list(qs[offset : offset + size]), count=count, number=number, size=size)
