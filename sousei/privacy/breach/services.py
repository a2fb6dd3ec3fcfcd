"""Writing the breach register: record an incident, change it (facts, decision, reports
filed, notice given, status), and remind the operators of reports coming due. Every write is
audited in its transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.core.provision_models import DataCategory
from sousei.people.models import Person
from sousei.privacy.breach import rules
from sousei.privacy.models import BreachAffectedPerson, BreachCause, BreachIncident, BreachStatus


@dataclass(frozen=True)
class BreachInput:
    """The facts and the state of an incident, as a form or the API gives them."""

    title: str
    discovered_at: dt.datetime
    cause: str
    description: str = ""
    occurred_at: dt.datetime | None = None
    person_ids: list[int] = field(default_factory=list)
    affected_count: int | None = None
    data_categories: list[str] = field(default_factory=list)
    cause_detail: str = ""
    malicious: bool = False
    financial_risk: bool = False
    reportable: bool | None = None
    preliminary_reported_on: dt.date | None = None
    final_reported_on: dt.date | None = None
    people_notified_on: dt.date | None = None
    notice_note: str = ""
    status: str = BreachStatus.OPEN


def input_of(incident: BreachIncident) -> BreachInput:
    """The input that would store `incident` as it is (the API's PATCH starts from it)."""
    return BreachInput(
        title=incident.title,
        discovered_at=incident.discovered_at,
        cause=incident.cause,
        description=incident.description,
        occurred_at=incident.occurred_at,
        person_ids=sorted(
            BreachAffectedPerson.objects.filter(incident=incident).values_list(
                "person_id", flat=True
            )
        ),
        affected_count=incident.affected_count,
        data_categories=list(incident.data_categories),
        cause_detail=incident.cause_detail,
        malicious=incident.malicious,
        financial_risk=incident.financial_risk,
        reportable=incident.reportable,
        preliminary_reported_on=incident.preliminary_reported_on,
        final_reported_on=incident.final_reported_on,
        people_notified_on=incident.people_notified_on,
        notice_note=incident.notice_note,
        status=incident.status,
    )


def _error(field_name: str, message: Any, code: str, **params: Any) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code, params=params or None)})


def _check(data: BreachInput) -> None:
    """Refuse facts that cannot be true, with what to fix."""
    if not data.title.strip():
        raise _error("title", _("Give the incident a short title."), "required")
    if data.cause not in BreachCause.values:
        raise _error(
            "cause",
            _("Choose the cause from the list: %(choices)s."),
            "invalid_cause",
            choices=", ".join(BreachCause.values),
        )
    if data.status not in BreachStatus.values:
        raise _error(
            "status",
            _("Choose the status from the list: %(choices)s."),
            "invalid_status",
            choices=", ".join(BreachStatus.values),
        )
    unknown = sorted(set(data.data_categories) - set(DataCategory.values))
    if unknown:
        raise _error(
            "data_categories",
            _("Unknown kind of data %(kinds)s. Choose from: %(choices)s."),
            "invalid_category",
            kinds=", ".join(unknown),
            choices=", ".join(DataCategory.values),
        )
    if data.discovered_at > clock.now():
        raise _error(
            "discovered_at",
            _("The discovery is in the future. Give the moment the breach was found."),
            "future",
        )
    if data.occurred_at is not None and data.occurred_at > data.discovered_at:
        raise _error(
            "occurred_at",
            _("The breach cannot have occurred after it was discovered. Check both moments."),
            "after_discovery",
        )
    discovered_on = timezone.localdate(data.discovered_at)
    for name in ("preliminary_reported_on", "final_reported_on", "people_notified_on"):
        day = getattr(data, name)
        if day is not None and day < discovered_on:
            raise _error(
                name,
                _("This date is before the discovery (%(date)s). Give the day it was done."),
                "before_discovery",
                date=discovered_on.isoformat(),
            )
    if data.final_reported_on is not None and data.preliminary_reported_on is None:
        raise _error(
            "preliminary_reported_on",
            _("A final report was filed: give the day of the preliminary report too."),
            "preliminary_missing",
        )


def _persons(person_ids: list[int]) -> list[int]:
    """The ids, all of people of this region (else a refusal naming the unknown ones)."""
    wanted = sorted(set(person_ids))
    found = set(Person.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise _error(
            "person_ids",
            _("No person %(ids)s in this region. Give the ids of the region's people."),
            "unknown_person",
            ids=", ".join(str(pk) for pk in missing[:10]),
        )
    return wanted


def _fields(data: BreachInput) -> dict[str, Any]:
    values = dataclasses.asdict(data)
    values.pop("person_ids")
    values["data_categories"] = sorted(set(data.data_categories))
    values["title"] = data.title.strip()
    discovered_on = timezone.localdate(data.discovered_at)
    values["preliminary_due_on"] = rules.preliminary_due(discovered_on)
    values["final_due_on"] = rules.final_due(discovered_on, malicious=data.malicious)
    return values


def _set_persons(incident: BreachIncident, person_ids: list[int]) -> None:
    BreachAffectedPerson.objects.filter(incident=incident).exclude(
        person_id__in=person_ids
    ).delete()
    have = set(
        BreachAffectedPerson.objects.filter(incident=incident).values_list("person_id", flat=True)
    )
    BreachAffectedPerson.objects.bulk_create(
        BreachAffectedPerson(region=incident.region, incident=incident, person_id=pk)
        for pk in person_ids
        if pk not in have
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def breach_create(*, region: Region, data: BreachInput, actor: User) -> BreachIncident:
    """Record an incident; the report due dates follow from its discovery (5 days; 30, or 60
    when malicious)."""
    _check(data)
    person_ids = _persons(data.person_ids)
    with transaction.atomic():
        incident = BreachIncident.objects.create(region=region, created_by=actor, **_fields(data))
        _set_persons(incident, person_ids)
        audit_record(
            region=region,
            actor=actor,
            action="breach.create",
            obj=incident,
            changes={
                "cause": incident.cause,
                "malicious": incident.malicious,
                "people": len(person_ids),
                "affected_count": incident.affected_count,
            },
        )
    return incident


def breach_update(*, incident: BreachIncident, data: BreachInput, actor: User) -> BreachIncident:
    """Change an incident; the due dates follow a change of discovery or of malice. The audit
    entry names the fields changed with their old and new values (never the people)."""
    _check(data)
    person_ids = _persons(data.person_ids)
    with transaction.atomic():
        locked = BreachIncident.objects.select_for_update().get(pk=incident.pk)
        changes: dict[str, Any] = {}
        for name, value in _fields(data).items():
            old = getattr(locked, name)
            if old != value:
                changes[name] = [_plain(old), _plain(value)]
                setattr(locked, name, value)
        before = set(
            BreachAffectedPerson.objects.filter(incident=locked).values_list("person_id", flat=True)
        )
        if before != set(person_ids):
            changes["people"] = [len(before), len(person_ids)]
            _set_persons(locked, person_ids)
        if changes:
            locked.save()
            audit_record(
                region=locked.region,
                actor=actor,
                action="breach.update",
                obj=locked,
                changes=changes,
            )
    return locked


def breach_reminded(*, incident: BreachIncident, on: dt.date) -> None:
    """Note that the operators were reminded of `incident` on `on` (once a day)."""
    BreachIncident.objects.filter(pk=incident.pk).update(reminded_on=on)
