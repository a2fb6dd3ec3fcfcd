"""Request and response shapes of the privacy API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field

from sousei.core.bounds import Id, column
from sousei.privacy.models import PrivacyRequest

KINDS = "disclosure | correction | suspension | erasure | consent_withdrawal"


class RequestIn(Schema):
    """An operator records a person's request (received by post, phone, at the counter)."""

    person_id: Id
    kind: str = Field(description=KINDS, max_length=20)
    note: column(PrivacyRequest, "note") = ""  # type: ignore[valid-type]
    channel: str = Field("web", description="web | mail | phone | counter", max_length=10)
    purpose: str = Field(
        "",
        description="for consent_withdrawal: program | share_with_municipality",
        max_length=40,
    )


class OwnRequestIn(Schema):
    """A signed-in person's own request, in one region they are on record in."""

    region: str = Field(description="the region's slug, e.g. koga", max_length=40)
    kind: str = Field(description=KINDS, max_length=20)
    note: column(PrivacyRequest, "note") = ""  # type: ignore[valid-type]
    purpose: str = Field(
        "",
        description="for consent_withdrawal: program | share_with_municipality",
        max_length=40,
    )


class RequestOut(BaseModel):
    id: int
    region: str
    person_id: int | None
    kind: str
    purpose: str
    status: str
    note: str
    refusal_reason: str
    channel: str
    on_behalf: bool
    received_at: dt.datetime
    due_on: dt.date
    overdue: bool
    completed_at: dt.datetime | None


class RequestPageOut(BaseModel):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[RequestOut]
