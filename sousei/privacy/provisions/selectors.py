"""The records of provision as the operators' page, CSV and API read them (inside the region
scope): a filtered page of records with their people, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from sousei.core.forms import query_date, query_int
from sousei.core.models import ProvisionRecord
from sousei.core.provision import RecipientKind, person_ids_of, provision_record_list
from sousei.core.text import format_date
from sousei.people.models import Person

# The most records one CSV download holds (the filters narrow it; the page says so).
CSV_MAX = 10_000


@dataclass(frozen=True)
class ProvisionFilters:
    """The filters of the list, its CSV and its endpoint."""

    person_id: int | None = None
    recipient_kind: str | None = None
    organization_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> ProvisionFilters:
        """The filters in the query string; an unusable value is ignored, as if absent."""
        kind = request.GET.get("recipient") or None
        return cls(
            person_id=query_int(request, "person"),
            recipient_kind=kind if kind in RecipientKind.values else None,
            organization_id=query_int(request, "organization"),
            since=query_date(request, "since"),
            until=query_date(request, "until"),
        )

    def query(self) -> str:
        """The filters as a query string, for the pages' links."""
        parts = []
        if self.person_id:
            parts.append(f"person={self.person_id}")
        if self.recipient_kind:
            parts.append(f"recipient={self.recipient_kind}")
        if self.organization_id:
            parts.append(f"organization={self.organization_id}")
        if self.since:
            parts.append(f"since={self.since.isoformat()}")
        if self.until:
            parts.append(f"until={self.until.isoformat()}")
        return "&".join(parts)


def records_filtered(filters: ProvisionFilters) -> QuerySet[ProvisionRecord]:
    """The records matching `filters`, newest first (a queryset)."""
    return provision_record_list(
        person_id=filters.person_id,
        recipient_kind=filters.recipient_kind,
        organization_id=filters.organization_id,
        since=filters.since,
        until=filters.until,
    )


@dataclass(frozen=True)
class RecordRow:
    record: ProvisionRecord
    person_ids: list[int]
    people: list[Person]


def record_rows(records: list[ProvisionRecord]) -> list[RecordRow]:
    """The records with their people (two queries whatever their number)."""
    ids = person_ids_of(records)
    wanted = {pk for pks in ids.values() for pk in pks}
    persons = {p.pk: p for p in Person.objects.filter(pk__in=wanted)}
    return [
        RecordRow(
            record=record,
            person_ids=ids[record.pk],
            people=[persons[pk] for pk in ids[record.pk] if pk in persons],
        )
        for record in records
    ]


def person_label(person_id: int, people: dict[int, Person]) -> str:
    """A person's name with their id, or the id alone (an erased person)."""
    person = people.get(person_id)
    if person is None:
        return _("person %(id)s (erased)") % {"id": person_id}
    return f"{person.full_name} ({person_id})"


def csv_cells(row: RecordRow) -> list[object]:
    """One CSV row: when, recipient, who received, how, where, basis, purpose, data, people."""
    record = row.record
    people = {p.pk: p for p in row.people}
    categories = record.category_labels
    provided_at = timezone.localtime(record.provided_at)
    return [
        format_date(provided_at.date()),
        provided_at.strftime("%H:%M"),
        record.get_recipient_kind_display(),
        record.recipient_name,
        record.actor.get_username() if record.actor is not None else "",
        record.get_channel_display(),
        record.source,
        record.get_basis_display(),
        record.purpose,
        "、".join(categories),
        record.person_count,
        "; ".join(person_label(pk, people) for pk in row.person_ids),
    ]
