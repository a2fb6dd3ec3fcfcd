"""The recruiting funnel: registrations → attendees → applicants → interviews → offers →
hires (and hires who live in the region), with the time from application to hire; for the
region, per opening and per event.

Fast at a million applications: counting a million rows takes PostgreSQL 250 ms or more
on every view, so the services count each milestone (application, first interview, approved
offer, hire) into FunnelTally rows per opening and source event in the same transaction, and
the funnel sums a few hundred of those. The median time to hire reads the hires alone (a
few % of the applications) through partial indexes (bench/recruiting_funnel.py)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from sousei.events.models import Event, Registration
from sousei.hiring.models import Candidacy, FunnelTally, JobOpening

SECONDS_PER_DAY = 86400


class SecondsToHire(Func):
    """Seconds from application to hire (NULL when not hired)."""

    output_field = FloatField()

    def __init__(self) -> None:
        super().__init__(F("hired_at"), F("applied_at"))

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM (%(expressions)s))",
            arg_joiner=" - ",
            **extra_context,
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5), the median of a column (NULLs ignored)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False


STEPS = (
    ("registrations", _("Registrations")),
    ("attendees", _("Attended")),
    ("applicants", _("Applied")),
    ("interviews", _("Interviewed")),
    ("offers", _("Offered")),
    ("hires", _("Hired")),
)


@dataclass(frozen=True)
class FunnelStep:
    code: str
    label: str
    count: int
    percent: int  # of the first step shown


@dataclass(frozen=True)
class FunnelRow:
    """The funnel of the region, an opening or an event."""

    kind: str  # "region" | "opening" | "event"
    id: int | None
    label: str
    registrations: int | None  # None where registrations do not apply (an opening alone)
    attendees: int | None
    applicants: int
    interviews: int
    offers: int
    hires: int
    hires_in_region: int
    median_days_to_hire: float | None
    mean_days_to_hire: float | None

    @property
    def steps(self) -> list[FunnelStep]:
        """The steps that apply, each with its share of the first (for the chart)."""
        shown = [(code, label, getattr(self, code)) for code, label in STEPS]
        shown = [(c, lab, n) for c, lab, n in shown if n is not None]
        top = max((n for _c, _l, n in shown), default=0) or 1
        return [FunnelStep(c, str(lab), n, round(100 * n / top)) for c, lab, n in shown]

    @property
    def top(self) -> int:
        """The largest step, the chart's full length."""
        return max((step.count for step in self.steps), default=0)

    def body(self) -> dict[str, Any]:
        """The API's rendering."""
        return {
            "kind": self.kind,
            "id": self.id,
            "label": self.label,
            "registrations": self.registrations,
            "attendees": self.attendees,
            "applicants": self.applicants,
            "interviews": self.interviews,
            "offers": self.offers,
            "hires": self.hires,
            "hires_in_region": self.hires_in_region,
            "median_days_to_hire": self.median_days_to_hire,
            "mean_days_to_hire": self.mean_days_to_hire,
        }


def _postgres() -> bool:
    return connection.vendor == "postgresql"


TALLY_SUMS = ("applicants", "interviews", "offers", "hires", "hires_in_region", "seconds_to_hire")


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / SECONDS_PER_DAY, 1)


def _medians(hires: QuerySet[Candidacy], key: str | None) -> dict[Any, float]:
    """Median seconds from application to hire per group (key None: one group, None).
    Reads the hires alone, through the partial hire indexes."""
    if _postgres():
        if key is None:
            value = hires.aggregate(m=Median(SecondsToHire()))["m"]
            return {} if value is None else {None: value}
        return {
            row[key]: row["m"]
            for row in hires.values(key).annotate(m=Median(SecondsToHire())).order_by()
        }
    groups: dict[Any, list[float]] = defaultdict(list)
    for group, hired_at, applied_at in hires.values_list(
        key or "hired_at", "hired_at", "applied_at"
    ):
        groups[group if key else None].append((hired_at - applied_at).total_seconds())
    return {group: statistics.median(values) for group, values in groups.items()}


def _row(
    kind: str,
    id_: int | None,
    label: str,
    sums: dict[str, Any],
    registrations: tuple[int, int] | None,
    median: float | None,
) -> FunnelRow:
    hires = sums.get("hires") or 0
    return FunnelRow(
        kind=kind,
        id=id_,
        label=label,
        registrations=registrations[0] if registrations else None,
        attendees=registrations[1] if registrations else None,
        applicants=sums.get("applicants") or 0,
        interviews=sums.get("interviews") or 0,
        offers=sums.get("offers") or 0,
        hires=hires,
        hires_in_region=sums.get("hires_in_region") or 0,
        median_days_to_hire=_days(median) if hires else None,
        mean_days_to_hire=_days((sums.get("seconds_to_hire") or 0) / hires) if hires else None,
    )


def _registration_counts(registrations: QuerySet[Registration]) -> tuple[int, int]:
    figures = registrations.aggregate(n=Count("*"), attended=Count("checked_in_at"))
    return figures["n"] or 0, figures["attended"] or 0


def _sums() -> dict[str, Any]:
    return {name: Sum(name) for name in TALLY_SUMS}


def funnel(*, opening_id: int | None = None, event_id: int | None = None) -> FunnelRow:
    """The funnel of the region, narrowed to an opening and/or the applicants who came
    through an event. Registrations count for the region or an event, not for an opening
    alone (people register for events, not for jobs). Three or four small queries."""
    tallies = FunnelTally.objects.all()
    hires = Candidacy.objects.filter(hired_at__isnull=False)
    kind, label, id_ = "region", "", None
    if opening_id is not None:
        tallies = tallies.filter(opening_id=opening_id)
        hires = hires.filter(opening_id=opening_id)
        kind, id_ = "opening", opening_id
        label = (
            JobOpening.objects.filter(pk=opening_id).values_list("title", flat=True).first() or ""
        )
    registrations: tuple[int, int] | None = None
    if event_id is not None:
        tallies = tallies.filter(event_key=event_id)
        hires = hires.filter(source_event_id=event_id)
        registrations = _registration_counts(Registration.objects.filter(event_id=event_id))
        event_title = (
            Event.objects.filter(pk=event_id).values_list("title", flat=True).first() or ""
        )
        if opening_id is None:
            kind, id_, label = "event", event_id, event_title
        else:
            label = f"{label} × {event_title}"
    elif opening_id is None:
        registrations = _registration_counts(Registration.objects.all())
    sums = tallies.aggregate(**_sums())
    median = _medians(hires, None).get(None) if sums.get("hires") else None
    return _row(kind, id_, label, sums, registrations, median)


def funnel_by_opening() -> list[FunnelRow]:
    """One funnel per opening (newest first), from the tally and the hires."""
    sums = {
        row["opening_id"]: row
        for row in FunnelTally.objects.values("opening_id").annotate(**_sums()).order_by()
    }
    medians = _medians(Candidacy.objects.filter(hired_at__isnull=False), "opening_id")
    openings = JobOpening.objects.order_by("-created_at", "-id").values_list("id", "title")
    return [
        _row("opening", pk, title, sums.get(pk, {}), None, medians.get(pk))
        for pk, title in openings
    ]


def funnel_by_event() -> list[FunnelRow]:
    """One funnel per event that has registrations or applicants: its registrations and
    attendees, then the applicants who came through it and how far they got."""
    sums = {
        row["event_key"]: row
        for row in FunnelTally.objects.filter(event_key__gt=0)
        .values("event_key")
        .annotate(**_sums())
        .order_by()
    }
    medians = _medians(
        Candidacy.objects.filter(hired_at__isnull=False, source_event__isnull=False),
        "source_event_id",
    )
    counts = {
        row["event_id"]: (row["n"], row["attended"])
        for row in Registration.objects.values("event_id")
        .annotate(n=Count("*"), attended=Count("checked_in_at"))
        .order_by()
    }
    events = Event.objects.filter(pk__in={*counts, *sums}).order_by("-starts_at", "-id")
    return [
        _row("event", pk, title, sums.get(pk, {}), counts.get(pk, (0, 0)), medians.get(pk))
        for pk, title in events.values_list("id", "title")
    ]


def funnel_rows() -> list[FunnelRow]:
    """The dashboard's table: the region, then each opening, then each event."""
    return [funnel(), *funnel_by_opening(), *funnel_by_event()]
