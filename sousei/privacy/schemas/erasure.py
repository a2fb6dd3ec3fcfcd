"""API schemas of suspension and erasure."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from sousei.core.bounds import Page, Word


class ErasureFilter(Schema):
    state: Literal["suspended", "erased", "restricted"] | None = Field(
        None, description="only persons in this state (default: suspended or erased)"
    )
    page: Page = 1


class PrivacyStateOut(Schema):
    person_id: int
    state: str = Field(description="suspend, erase or resume (in use)")
    # The name of a suspended person; null once erased (the retained identity of restricted
    # records is shown only on the operator's page, for a legal need).
    name: str | None
    suspended_at: datetime | None
    erased_at: datetime | None
    restricted_until: date | None
    retention_ended_at: datetime | None


class PrivacyStatePageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[PrivacyStateOut]


class ErasureIn(Schema):
    reason: Word = ""


class ErasureRecordOut(Schema):
    id: int
    person_id: int
    action: str
    at: datetime
    request_id: int | None
