"""The figures kept per region and fiscal year for comparisons, the region's choice to take
part in benchmarking, and the audit of a comparison (who read which regions' figures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import cross_region
from sousei.impact import selectors
from sousei.impact.figures import stored_cells, summary_cells
from sousei.impact.indicators import fiscal_year_of, fiscal_year_period, indicators
from sousei.impact.models import BenchmarkOptIn, RegionFigures


def region_figures_refresh(*, region: Region, today: dt.date | None = None) -> int:
    """Compute and keep the region's figures of every fiscal year from its first application
    to this one (inside the region scope). Returns how many years were written."""
    today = today or clock.today()
    records = selectors.outcome_values()
    starts = [r.applied_on for r in records if r.applied_on is not None]
    first = fiscal_year_of(min(starts)) if starts else fiscal_year_of(today)
    rows = []
    for year in range(first, fiscal_year_of(today) + 1):
        period = fiscal_year_period(year)
        cells, _relations = summary_cells(indicators(records, period, as_of=today))
        rows.append(RegionFigures(region=region, fiscal_year=year, cells=stored_cells(cells)))
    with transaction.atomic():
        RegionFigures.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["region", "fiscal_year"],
            update_fields=["cells", "computed_at"],
        )
    return len(rows)


def benchmarking_set(*, region: Region, opted_in: bool, actor: User) -> BenchmarkOptIn:
    """The municipality (or an operator) says whether the region compares with other regions
    that opted in. Audited."""
    with transaction.atomic():
        choice, _created = BenchmarkOptIn.objects.select_for_update().get_or_create(region=region)
        before = choice.opted_in
        choice.opted_in = opted_in
        choice.set_by = actor
        choice.save()
        audit_record(
            region=region,
            actor=actor,
            action="benchmarking.set",
            obj=choice,
            changes={"opted_in": [before, opted_in]},
        )
    return choice


def comparison_audit(*, user: User, regions: Sequence[Region], fiscal_year: int) -> int:
    """Write, in every region compared, who read its figures in a comparison (the audit of
    the cross-region read). One insert for all regions."""
    names = ",".join(region.slug for region in regions)
    entries = [
        AuditEntry(
            region=region,
            actor=user,
            action="impact.compare",
            object_type="core.region",
            object_id=str(region.pk),
            changes={"fiscal_year": fiscal_year, "regions": names[:2000]},
        )
        for region in regions
    ]
    with transaction.atomic(), cross_region("the audit of a comparison goes to every region"):
        AuditEntry.objects.bulk_create(entries)
    return len(entries)
