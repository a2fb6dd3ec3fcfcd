"""Request and response shapes of the records-of-provision API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field

from sousei.core.bounds import Day, Id, Page


class ProvisionQuery(Schema):
    person: Id | None = Field(None, description="only records covering this person id")
    recipient: str | None = Field(
        None,
        description="municipality | client | employer | webhook | other",
        max_length=16,
    )
    organization: Id | None = Field(None, description="only records to this organisation id")
    since: Day | None = None
    until: Day | None = None
    page: Page = 1


class ProvisionOut(BaseModel):
    id: int
    provided_at: dt.datetime
    actor: str
    recipient_kind: str
    recipient_organization_id: int | None
    recipient_name: str
    channel: str
    basis: str
    purpose: str
    source: str
    data_categories: list[str]
    person_count: int
    person_ids: list[int]


class ProvisionPageOut(BaseModel):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[ProvisionOut]
