"""API schemas for inquiries."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from sousei.core.bounds import SHORT_TEXT
from sousei.inquiries.models import MESSAGE_MAX, REPLY_MAX


class InquiryIn(Schema):
    kind: str = Field(
        description="company | municipality | student | resident | other", max_length=20
    )
    organisation: str = Field("", max_length=120)
    name: str = Field(max_length=100)
    email: str = Field(max_length=254)
    phone: str = Field("", max_length=20)
    message: str = Field(max_length=MESSAGE_MAX)
    consent_privacy_policy: bool = Field(
        description="The sender agrees to the handling of personal data in the region's "
        "privacy policy (/r/{slug}/privacy/); required."
    )
    language: str = Field("ja", description="ja or en: the language of our e-mails", max_length=8)
    website: str = Field("", description="Leave empty.", max_length=SHORT_TEXT)


class InquiryCreatedOut(Schema):
    id: int = Field(description="The inquiry's number, to quote when you call the office.")


class InquiryReplyOut(Schema):
    id: int
    body: str
    sent_at: dt.datetime
    by: str


class InquiryRowOut(Schema):
    id: int
    kind: str
    organisation: str
    name: str
    email: str
    status: str
    received_at: dt.datetime


class InquiryOut(InquiryRowOut):
    phone: str
    message: str
    language: str
    consent_version: str
    notes: str
    closed_at: dt.datetime | None
    replies: list[InquiryReplyOut]


class InquiryPageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[InquiryRowOut]


class InquiryReplyIn(Schema):
    body: str = Field(max_length=REPLY_MAX, min_length=1)


class InquiryPatchIn(Schema):
    status: str | None = Field(None, description="new | answered | closed", max_length=10)
    notes: str | None = Field(None, max_length=REPLY_MAX)
