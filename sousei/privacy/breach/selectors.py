"""Reading the breach register (inside the region scope): the incidents with the number of
people affected, the 規則第7条 suggestion, and which reports are due or overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from sousei.core import clock
from sousei.people.models import Person
from sousei.privacy.breach import rules
from sousei.privacy.models import BreachAffectedPerson, BreachIncident, BreachStatus


@dataclass(frozen=True)
class BreachView:
    """An incident with what follows from it today."""

    incident: BreachIncident
    people: int
    reasons: list[str]
    preliminary_overdue: bool
    final_overdue: bool

    @property
    def suggested(self) -> bool:
        """Whether 規則第7条 makes it reportable, from the facts recorded."""
        return bool(self.reasons)

    @property
    def reportable(self) -> bool:
        """The operator's decision, or the suggestion while undecided."""
        decided = self.incident.reportable
        return self.suggested if decided is None else decided

    @property
    def overdue(self) -> bool:
        return self.preliminary_overdue or self.final_overdue


def _annotated() -> QuerySet[BreachIncident]:
    linked = (
        BreachAffectedPerson.objects.filter(incident=OuterRef("pk"))
        .values("incident")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return BreachIncident.objects.annotate(
        linked=Coalesce(Subquery(linked, output_field=IntegerField()), 0)
    )


def breach_view(incident: BreachIncident, *, today: dt.date | None = None) -> BreachView:
    """The view of an incident read with `_annotated()` (its `linked` count)."""
    day = today or clock.today()
    linked = getattr(incident, "linked", None)
    if linked is None:
        linked = BreachAffectedPerson.objects.filter(incident=incident).count()
    people = max(linked, incident.affected_count or 0)
    reasons = rules.reportable_reasons(
        categories=incident.data_categories,
        financial_risk=incident.financial_risk,
        malicious=incident.malicious,
        people=people,
    )
    decided = incident.reportable
    reportable = bool(reasons) if decided is None else decided
    live = reportable and incident.status != BreachStatus.CLOSED
    return BreachView(
        incident=incident,
        people=people,
        reasons=reasons,
        preliminary_overdue=live
        and incident.preliminary_reported_on is None
        and incident.preliminary_due_on < day,
        final_overdue=live and incident.final_reported_on is None and incident.final_due_on < day,
    )


def breach_list(*, status: str | None = None) -> list[BreachView]:
    """The region's incidents, newest discovery first (one query)."""
    qs = _annotated()
    if status:
        qs = qs.filter(status=status)
    today = clock.today()
    return [breach_view(incident, today=today) for incident in qs.order_by("-discovered_at", "-id")]


def breach_get(*, incident_id: int) -> BreachIncident:
    """The incident of this region, or 404."""
    found = _annotated().filter(pk=incident_id).first()
    if found is None:
        raise Http404("No such incident.")
    return found


def affected_people(*, incident: BreachIncident) -> list[Person]:
    """The people known to be affected, by name."""
    ids = BreachAffectedPerson.objects.filter(incident=incident).values("person_id")
    return list(
        Person.objects.filter(pk__in=ids).order_by("family_name_kana", "given_name_kana", "pk")
    )


def _awaiting() -> Q:
    """Not closed, reportable or not yet decided, and a report not filed."""
    return (
        ~Q(status=BreachStatus.CLOSED)
        & ~Q(reportable=False)
        & (Q(preliminary_reported_on__isnull=True) | Q(final_reported_on__isnull=True))
    )


def breaches_awaiting_count() -> int:
    """Incidents that still wait on a report or on the decision whether to report (one
    query): the dashboard's queue item."""
    return BreachIncident.objects.filter(_awaiting()).count()


def breaches_to_remind(*, today: dt.date) -> list[BreachView]:
    """The incidents whose operators are reminded today: reportable (decided or suggested),
    a report coming due (see `rules.report_to_remind`), not reminded yet today."""
    qs = _annotated().filter(_awaiting()).exclude(reminded_on=today).order_by("pk")
    due = []
    for incident in qs:
        view = breach_view(incident, today=today)
        if view.reportable and report_due(view, today=today) is not None:
            due.append(view)
    return due


def report_due(view: BreachView, *, today: dt.date) -> str | None:
    """ "preliminary" or "final": the report to remind of today, else None."""
    incident = view.incident
    return rules.report_to_remind(
        today=today,
        discovered_on=incident.preliminary_due_on - dt.timedelta(days=rules.PRELIMINARY_DAYS),
        preliminary_filed=incident.preliminary_reported_on is not None,
        final_due_on=incident.final_due_on,
        final_filed=incident.final_reported_on is not None,
    )


def person_ids_by_incident(incidents: list[BreachIncident]) -> dict[int, list[int]]:
    """The affected people's ids of each incident (one query), by incident id."""
    found: dict[int, list[int]] = {incident.pk: [] for incident in incidents}
    rows = BreachAffectedPerson.objects.filter(incident_id__in=list(found)).order_by("person_id")
    for incident_id, person_id in rows.values_list("incident_id", "person_id"):
        found[incident_id].append(person_id)
    return found
