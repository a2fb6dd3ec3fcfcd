"""Keeping the outcome records: one person's refresh, and a region's full rebuild. Both are
idempotent — the same source records give the same rows — so either may run at any time.

The records are derived data, like the application tallies: a refresh writes no audit entry
of its own (the changes it reflects were audited where they were made); a rebuild that a
person starts is audited once with its counts (the nightly job's is not: it is nobody's
act, and a rebuild of unchanged records changes nothing)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.impact import selectors
from sousei.impact.models import (
    EarlyLeaving,
    LeftEarlyReason,
    OutcomeRecord,
    RefreshMark,
    Track,
)
from sousei.impact.records import hire_record, program_record
from sousei.impact.services.comparison import region_figures_refresh

BATCH = 500
WRITTEN_FIELDS = [
    f.name
    for f in OutcomeRecord._meta.concrete_fields
    if f.name not in ("id", "region", "track", "source_id")
]


def _upsert(region: Region, rows: Iterable[dict[str, Any]]) -> int:
    objects = [OutcomeRecord(region=region, **row) for row in rows]
    OutcomeRecord.objects.bulk_create(
        objects,
        update_conflicts=True,
        unique_fields=["region", "track", "source_id"],
        update_fields=WRITTEN_FIELDS,
    )
    return len(objects)


def _write(region: Region, application_ids: Sequence[int], employee_ids: Sequence[int]) -> int:
    today = clock.today()
    rows = [
        program_record(src, today=today)
        for src in selectors.program_sources(application_ids=application_ids)
    ]
    rows += [hire_record(src) for src in selectors.hire_sources(employee_ids=employee_ids)]
    return _upsert(region, rows)


def _refresh_people(region: Region, person_ids: Sequence[int]) -> int:
    applications = selectors.application_ids_of(person_ids=person_ids)
    employees = selectors.employee_ids_of(person_ids=person_ids)
    written = _write(region, applications, employees)
    stale = OutcomeRecord.objects.filter(person_id__in=person_ids).exclude(
        track=Track.PROGRAM, source_id__in=applications
    )
    stale.exclude(track=Track.HIRE, source_id__in=employees).delete()
    return written


def outcome_record_refresh(*, region: Region, person_id: int) -> int:
    """Rebuild the outcome records of one person (each application and each hire) from the
    source records, and drop any whose source is gone. Returns how many rows were written."""
    with transaction.atomic():
        return _refresh_people(region, [person_id])


def outcome_records_catch_up(*, region: Region, limit: int = 5000) -> dict[str, int]:
    """Follow the audit log since the region's mark: refresh the records of every person whose
    application, training, work, pay, outcome, hire or residence check changed, and move the
    mark. Every write service audits in its own transaction, so the log is a complete list of
    changes; a region without a mark is rebuilt whole first. Run it every few minutes
    (`impact_catch_up`) so the figures follow the program within minutes."""
    with transaction.atomic():
        mark = RefreshMark.objects.select_for_update().filter(region=region).first()
        if mark is None:
            rebuilt = outcome_records_rebuild(region=region, actor=None)
            return {"people": -1, "written": rebuilt["written"]}
        people, last = selectors.changed_person_ids(after_id=mark.last_audit_id, limit=limit)
        written = 0
        listed = sorted(people)
        for start in range(0, len(listed), BATCH):
            written += _refresh_people(region, listed[start : start + BATCH])
        if listed:
            region_figures_refresh(region=region)
        # Saved even when nothing changed: `refreshed_at` says the records are current then.
        mark.last_audit_id = last
        mark.save(update_fields=["last_audit_id", "refreshed_at"])
    return {"people": len(listed), "written": written}


def outcome_records_rebuild(*, region: Region, actor: User | None) -> dict[str, int]:
    """Rebuild every outcome record of the region from the source records, in batches, and
    drop records whose source is gone. Audited once when a person (`actor`) starts it.
    Moves the region's refresh mark to the audit entry that was last when it began."""
    tail = selectors.audit_tail_id()
    applications = selectors.application_ids_of()
    employees = selectors.employee_ids_of()
    written = 0
    for start in range(0, len(applications), BATCH):
        with transaction.atomic():
            written += _write(region, applications[start : start + BATCH], ())
    for start in range(0, len(employees), BATCH):
        with transaction.atomic():
            written += _write(region, (), employees[start : start + BATCH])
    with transaction.atomic():
        dropped, _by_model = (
            OutcomeRecord.objects.exclude(track=Track.PROGRAM, source_id__in=applications)
            .exclude(track=Track.HIRE, source_id__in=employees)
            .delete()
        )
        counts = {"written": written, "dropped": dropped}
        mark, _created = RefreshMark.objects.select_for_update().get_or_create(region=region)
        mark.last_audit_id = max(tail, mark.last_audit_id)
        mark.save(update_fields=["last_audit_id", "refreshed_at"])
        region_figures_refresh(region=region)
        if actor is not None:
            audit_record(
                region=region,
                actor=actor,
                action="outcome_records.rebuild",
                obj=region,
                changes=counts,
            )
    return counts


def early_leaving_record(
    *, region: Region, application_id: int, reason: str, note: str = "", actor: User
) -> EarlyLeaving:
    """Record why a participant left training early — to take a job (就職理由退校, counted in
    the MHLW employment rate's denominator) or for other reasons — over what the record would
    infer. Audited with the old and the new reason; refreshes the person's record."""
    if reason not in LeftEarlyReason.values:
        raise ValidationError(
            {
                "reason": [
                    ValidationError(
                        _("Choose why they left: %(choices)s."),
                        code="invalid_reason",
                        params={"choices": ", ".join(LeftEarlyReason.values)},
                    )
                ]
            }
        )
    if len(note) > 500:
        raise ValidationError(
            {"note": [ValidationError(_("This text is too long. Shorten it."), code="too_long")]}
        )
    with transaction.atomic():
        application = selectors.application_for_update(application_id=application_id)
        leaving = EarlyLeaving.objects.select_for_update().filter(application=application).first()
        before = leaving.reason if leaving else None
        if leaving is None:
            leaving = EarlyLeaving(region=region, application=application)
        leaving.reason = reason
        leaving.note = note.strip()
        leaving.recorded_by = actor
        leaving.save()
        audit_record(
            region=region,
            actor=actor,
            action="early_leaving.record",
            obj=leaving,
            changes={"application": application.pk, "reason": [before, reason]},
        )
        _refresh_people(region, [application.person_id])
    return leaving
