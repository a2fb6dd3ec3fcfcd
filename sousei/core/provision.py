"""Recording provision of personal data to third parties (APPI 第29条) and reading it back.

Every page, download or endpoint that gives personal rows to someone outside the operator —
the municipality, a client company, an employer, a webhook endpoint — records it with one
call to `provision_record` before it answers. A page showing many people is one record
listing them all (bulk recording of continuous provision, 規則第19条第2項 ただし書). The
operator's own staff reading the data is the business's own use, not a provision: the call
records nothing when the caller's roles include the operator's.

Records are kept three years (規則第21条第3号; the one-year periods of its 第1号・第2号 are
shorter, so three years meets every case) and then deleted by `provision_records_purge`
(`sousei provision-records-purge`). `provision_records_of(person)` lists the records about one
person, for the disclosure of 第三者提供記録 (第33条第5項).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Organization, ProvisionRecord, ProvisionRecordPerson, Region
from sousei.core.provision_models import (
    DataCategory,
    ProvisionBasis,
    ProvisionChannel,
    RecipientKind,
)
from sousei.core.roles import Role
from sousei.core.scoping import region_scope

__all__ = [
    "RETENTION_YEARS",
    "DataCategory",
    "ProvisionBasis",
    "ProvisionChannel",
    "RecipientKind",
    "provision_record",
    "provision_record_list",
    "provision_records_of",
    "provision_records_purge",
    "retention_cutoff",
]

RETENTION_YEARS = 3


def provision_record(
    *,
    region: Region,
    actor: User | AnonymousUser | None,
    to: str,
    person_ids: Iterable[int],
    categories: Collection[str],
    channel: str,
    source: str,
    basis: str = ProvisionBasis.CONSENT,
    organization: Organization | None = None,
    recipient_name: str = "",
    purpose: str = "",
    roles: Collection[str] = (),
) -> ProvisionRecord | None:
    """Record that the people `person_ids` were given to the recipient `to` (a RecipientKind)
    of `organization` (if any) through `channel` at `source` (a page or endpoint name).

    Nothing is recorded when no person was given, or when `roles` (the caller's in the
    region) include the operator's: the operator reading its own data provides nothing.
    Written in a transaction of its own, like an audited read; the record is itself the
    trail, so no audit entry is added."""
    if Role.OPERATOR in roles:
        return None
    ids = sorted(set(person_ids))
    if not ids:
        return None
    unknown = set(categories) - set(DataCategory.values)
    if unknown:
        raise ValueError(f"Unknown data categories: {sorted(unknown)}")
    name = recipient_name or (organization.name if organization is not None else "")
    if not name and to == RecipientKind.MUNICIPALITY:
        name = region.name_ja
    with transaction.atomic():
        record = ProvisionRecord.objects.create(
            region=region,
            provided_at=clock.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            recipient_kind=RecipientKind(to),
            recipient_organization=organization,
            recipient_name=name[:200],
            channel=ProvisionChannel(channel),
            basis=ProvisionBasis(basis),
            purpose=purpose[:200],
            source=source[:80],
            data_categories=sorted(set(categories)),
            person_count=len(ids),
        )
        ProvisionRecordPerson.objects.bulk_create(
            ProvisionRecordPerson(region=region, record=record, person_id=pk) for pk in ids
        )
    return record


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the active time zone (Japan)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def provision_record_list(
    *,
    person_id: int | None = None,
    recipient_kind: str | None = None,
    organization_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[ProvisionRecord]:
    """The region's records, newest first, filtered (inside the region scope). Each comes
    with its actor and organisation; `person_ids_of` reads the people of a page of them."""
    qs = ProvisionRecord.objects.select_related("actor", "recipient_organization")
    if person_id is not None:
        qs = qs.filter(
            pk__in=ProvisionRecordPerson.objects.filter(person_id=person_id).values("record_id")
        )
    if recipient_kind:
        qs = qs.filter(recipient_kind=recipient_kind)
    if organization_id is not None:
        qs = qs.filter(recipient_organization_id=organization_id)
    if since is not None:
        qs = qs.filter(provided_at__gte=_start_of(since))
    if until is not None:
        qs = qs.filter(provided_at__lt=_start_of(until + dt.timedelta(days=1)))
    return qs.order_by("-provided_at", "-id")


def person_ids_of(records: Collection[ProvisionRecord]) -> dict[int, list[int]]:
    """The person ids of each of `records` (one query), by record id."""
    found: dict[int, list[int]] = {record.pk: [] for record in records}
    rows = ProvisionRecordPerson.objects.filter(record_id__in=list(found)).order_by("person_id")
    for record_id, person_id in rows.values_list("record_id", "person_id"):
        found[record_id].append(person_id)
    return found


def provision_records_of(person: models.Model) -> list[ProvisionRecord]:
    """Every record of provision that covers `person` (a people.Person), newest first, for
    the disclosure of 第三者提供記録 (APPI 第33条第5項). Call inside the person's region."""
    return list(provision_record_list(person_id=person.pk))


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    """The moment three years before `now`: records provided before it are past keeping
    (29 February steps back to 28 February)."""
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def provision_records_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete, in every region, the records of provision older than three years (規則第21条),
    auditing each region's deletion. Returns how many records were deleted per region slug."""
    moment = now or clock.now()
    cutoff = retention_cutoff(moment)
    deleted: dict[str, int] = {}
    for region in Region.objects.order_by("pk"):
        with region_scope(region), transaction.atomic():
            old = ProvisionRecord.objects.filter(provided_at__lt=cutoff)
            ids = list(old.values_list("pk", flat=True))
            if not ids:
                continue
            ProvisionRecordPerson.objects.filter(record_id__in=ids).delete()
            count, _ = ProvisionRecord.objects.filter(pk__in=ids).delete()
            audit_record(
                region=region,
                actor=None,
                action="provision_records.purge",
                obj=region,
                changes={"deleted": count, "provided_before": cutoff.isoformat()},
            )
            deleted[region.slug] = count
    return deleted


def record_row(record: ProvisionRecord, person_ids: list[int]) -> dict[str, Any]:
    """A record as the API and the CSV give it."""
    return {
        "id": record.pk,
        "provided_at": record.provided_at,
        "actor": record.actor.get_username() if record.actor is not None else "",
        "recipient_kind": record.recipient_kind,
        "recipient_organization_id": record.recipient_organization_id,
        "recipient_name": record.recipient_name,
        "channel": record.channel,
        "basis": record.basis,
        "purpose": record.purpose,
        "source": record.source,
        "data_categories": list(record.data_categories),
        "person_count": record.person_count,
        "person_ids": person_ids,
    }
