"""The funnel tally (FunnelTally): counted up by the hiring services in their transactions,
and rebuilt from the candidacies when needed (after a bulk import, or to check it)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, F, Q, Sum

from sousei.core.models import Region
from sousei.hiring.funnel import SecondsToHire
from sousei.hiring.models import Candidacy, FunnelTally


def tally_add(*, candidacy: Candidacy, **steps: int) -> None:
    """Add to the tally of the candidacy's opening and source event (inside the caller's
    transaction): tally_add(candidacy=c, applicants=1)."""
    key = candidacy.source_event_id or 0
    FunnelTally.objects.bulk_create(
        [
            FunnelTally(
                region_id=candidacy.region_id, opening_id=candidacy.opening_id, event_key=key
            )
        ],
        ignore_conflicts=True,
    )
    FunnelTally.objects.filter(opening_id=candidacy.opening_id, event_key=key).update(
        **{name: F(name) + value for name, value in steps.items()}
    )


def funnel_tally_rebuild(*, region: Region) -> int:
    """Recompute the region's tally from its candidacies; returns the rows written."""
    rows = (
        Candidacy.objects.values("opening_id", "source_event_id")
        .annotate(
            applicants=Count("*"),
            interviews=Count("interviewed_at"),
            offers=Count("offered_at"),
            hires=Count("hired_at"),
            hires_in_region=Count("hired_at", filter=Q(lives_in_region=True)),
            seconds=Sum(SecondsToHire()),
        )
        .order_by()
    )
    with transaction.atomic():
        FunnelTally.objects.all().delete()
        tallies = FunnelTally.objects.bulk_create(
            FunnelTally(
                region=region,
                opening_id=row["opening_id"],
                event_key=row["source_event_id"] or 0,
                applicants=row["applicants"],
                interviews=row["interviews"],
                offers=row["offers"],
                hires=row["hires"],
                hires_in_region=row["hires_in_region"],
                seconds_to_hire=round(row["seconds"] or 0),
            )
            for row in rows
        )
    return len(tallies)
