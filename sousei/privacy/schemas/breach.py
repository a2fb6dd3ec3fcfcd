"""Request and response shapes of the breach register's API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field

from sousei.core.bounds import Day, Id, Moment, column, items, text, whole
from sousei.privacy.models import BreachIncident

CATEGORY_HELP = (
    "kinds of data: name | contact | address | birth_date | program | work | income | "
    "residence | bank | cv | sensitive | credentials | other"
)
CAUSE_HELP = "misdelivery | loss | unauthorised_access | malware | insider | other"
STATUS_HELP = "open | reported | closed"


class BreachIn(Schema):
    title: column(BreachIncident, "title", min_length=1)  # type: ignore[valid-type]
    discovered_at: Moment = Field(description="when the program learnt of it (deadlines count)")
    occurred_at: Moment | None = None
    description: column(BreachIncident, "description") = ""  # type: ignore[valid-type]
    cause: str = Field(description=CAUSE_HELP, max_length=24)
    cause_detail: column(BreachIncident, "cause_detail") = ""  # type: ignore[valid-type]
    data_categories: items(text(20)) = Field([], description=CATEGORY_HELP)  # type: ignore[valid-type]
    person_ids: items(Id, 10_000) = Field([], description="people known to be affected")  # type: ignore[valid-type]
    affected_count: whole(0, 100_000_000) | None = Field(  # type: ignore[valid-type]
        None, description="how many people, when not known one by one"
    )
    malicious: bool = False
    financial_risk: bool = False
    reportable: bool | None = Field(None, description="the decision; null while undecided")
    preliminary_reported_on: Day | None = None
    final_reported_on: Day | None = None
    people_notified_on: Day | None = None
    notice_note: column(BreachIncident, "notice_note") = ""  # type: ignore[valid-type]
    status: str = Field("open", description=STATUS_HELP, max_length=10)


class BreachPatch(Schema):
    """Only the fields given change."""

    title: column(BreachIncident, "title", min_length=1) | None = None  # type: ignore[valid-type]
    discovered_at: Moment | None = None
    occurred_at: Moment | None = None
    description: column(BreachIncident, "description") | None = None  # type: ignore[valid-type]
    cause: str | None = Field(None, description=CAUSE_HELP, max_length=24)
    cause_detail: column(BreachIncident, "cause_detail") | None = None  # type: ignore[valid-type]
    data_categories: items(text(20)) | None = Field(None, description=CATEGORY_HELP)  # type: ignore[valid-type]
    person_ids: items(Id, 10_000) | None = None  # type: ignore[valid-type]
    affected_count: whole(0, 100_000_000) | None = None  # type: ignore[valid-type]
    malicious: bool | None = None
    financial_risk: bool | None = None
    reportable: bool | None = None
    preliminary_reported_on: Day | None = None
    final_reported_on: Day | None = None
    people_notified_on: Day | None = None
    notice_note: column(BreachIncident, "notice_note") | None = None  # type: ignore[valid-type]
    status: str | None = Field(None, description=STATUS_HELP, max_length=10)


class BreachOut(BaseModel):
    id: int
    title: str
    description: str
    discovered_at: dt.datetime
    occurred_at: dt.datetime | None
    cause: str
    cause_detail: str
    data_categories: list[str]
    person_ids: list[int]
    affected_count: int | None
    people: int
    malicious: bool
    financial_risk: bool
    reportable_reasons: list[str]
    reportable_suggested: bool
    reportable: bool | None
    preliminary_due_on: dt.date
    final_due_on: dt.date
    preliminary_reported_on: dt.date | None
    final_reported_on: dt.date | None
    preliminary_overdue: bool
    final_overdue: bool
    people_notified_on: dt.date | None
    notice_note: str
    status: str
