"""The records labour law makes the operator keep, restricted after an erasure until their
retention ends: the wage ledger (pay statements, 賃金台帳) and the records of working time
(time records), Labor Standards Act (労働基準法) art. 109: five years, read as three years
"for the time being" under the transitional provision of art. 143(1); the period counts from
the last entry (施行規則 art. 56). See docs/privacy-erasure.md.

At erasure the rows keep their amounts and hours (pay run totals and the impact indicators
do not move) and lose every other personal value; the person's name, which the ledger must
show (施行規則 art. 54), is kept apart in PersonPrivacy, restricted: only the operator's
erasure page shows it, for a legal need, and the reading is audited. `sousei
privacy-retention` blanks it once the retention has ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.people.models import Person
from sousei.privacy.erasure.journal import JournalLine, journal_append, stamp
from sousei.privacy.models import ErasureAction, ErasureRecord, PersonPrivacy
from sousei.work.models.payroll import PayStatement
from sousei.work.models.timesheets import TimeRecord

# 労働基準法 第143条第1項 (transitional): "当分の間" art. 109's five years read as three.
# Set SOUSEI_LABOUR_RECORD_RETENTION_YEARS = 5 once the transitional period ends.
DEFAULT_RETENTION_YEARS = 3


def retention_years() -> int:
    return int(getattr(settings, "SOUSEI_LABOUR_RECORD_RETENTION_YEARS", DEFAULT_RETENTION_YEARS))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def last_entry_on(person: Person) -> dt.date | None:
    """The last day the person's wage ledger or time records were written for: the latest
    work date, or the end of the month after the latest statement's month (its wages are
    paid by then, and 施行規則 art. 56(2) counts from the payment when it is later)."""
    worked = TimeRecord.objects.filter(participant__person=person).aggregate(last=Max("date"))
    paid = PayStatement.objects.filter(participant__person=person).aggregate(last=Max("month"))
    days = [d for d in (worked["last"],) if d is not None]
    if paid["last"] is not None:
        days.append(_month_end(_month_end(paid["last"]) + dt.timedelta(days=1)))
    return max(days) if days else None


def retention_start(*, state: PersonPrivacy, person: Person, today: dt.date) -> None:
    """Before the person is erased: if they have statutory records, keep the name those
    records need, restricted, until the retention ends. Saved by the caller."""
    last = last_entry_on(person)
    if last is None:
        return
    until = _add_years(last, retention_years())
    if until < today:
        return  # already past retention: nothing is kept
    state.restricted_until = until
    state.retained_family_name = person.family_name
    state.retained_given_name = person.given_name


@dataclass(frozen=True)
class RetentionResult:
    ended: int


def retention_end_due(*, region: Region, today: dt.date | None = None) -> RetentionResult:
    """Blank the kept identity of every erased person in the region whose statutory records'
    retention has ended (`sousei privacy-retention`, daily). Idempotent. Run in the region's
    scope."""
    today = today or clock.today()
    due = PersonPrivacy.objects.filter(
        restricted_until__lt=today, retention_ended_at__isnull=True
    ).select_related("person")
    ended = 0
    for state in due.order_by("pk"):
        with transaction.atomic():
            retention_end_one(state=state, replayed=False)
        ended += 1
    return RetentionResult(ended=ended)


def retention_end_one(*, state: PersonPrivacy, replayed: bool) -> None:
    """Blank one kept identity, inside the caller's transaction."""
    person = state.person
    state.retained_family_name = ""
    state.retained_given_name = ""
    state.retention_ended_at = clock.now()
    state.save(
        update_fields=[
            "retained_family_name",
            "retained_given_name",
            "retention_ended_at",
            "updated_at",
        ]
    )
    record = ErasureRecord.objects.create(
        region=person.region,
        person=person,
        action=ErasureAction.RETENTION_END,
        reason="statutory retention ended",
        replayed=replayed,
    )
    audit_record(
        region=person.region,
        actor=None,
        action="privacy.retention_end",
        obj=person,
        changes={"record": record.pk, "restricted_until": str(state.restricted_until)},
    )
    if not replayed:
        journal_append(
            JournalLine(
                action=ErasureAction.RETENTION_END.value,
                region=person.region_id,
                person=person.pk,
                person_created_at=stamp(person.created_at) or "",
                user=None,
                user_joined_at=None,
                at=stamp(clock.now()) or "",
            )
        )
