"""Per-person rows and the cohort table, shared by the pages and the API (call inside the
region scope).

The municipality sees a person's row only while that person consents to sharing their data
with the city (APPI 第27条第1項): the consent is read from people's records on every request,
never copied into the outcome records, so a withdrawal takes effect at once. Operators see
everyone."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from sousei.core.access import Reader
from sousei.core.processing import usable
from sousei.impact.figures import cohort_cells, table_cells
from sousei.impact.indicators import (
    STAGES,
    Outcome,
    Period,
    funnel_by_cohort,
    income,
    monthly_trend,
)
from sousei.impact.models import OutcomeRecord, Track
from sousei.impact.selectors.summary import SummaryPeriod, outcome_values, sees_exact_figures
from sousei.impact.suppression import suppress
from sousei.people.models import Consent, ConsentPurpose

PEOPLE_FIELDS = (
    "participant_id",
    "applied_on",
    "completed_on",
    "left_early_on",
    "left_early_reason",
    "employed_on",
    "employment_insured",
    "age_at_completion",
    "baseline_monthly_income_jpy",
    "monthly_earnings_jpy",
    "staying_6m",
    "staying_12m",
)


def _shared_with_city(qs: Any) -> Any:
    """Only the records of people whose latest answer to "share with the city" is yes and
    not withdrawn."""
    latest = Consent.objects.filter(
        person_id=OuterRef("person_id"), purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY
    ).order_by("-recorded_at", "-id")
    # A person who asked to stop the use of their data is not shared meanwhile (APPI art. 35).
    return usable(
        qs.annotate(
            shared=Subquery(latest.values("granted")[:1]),
            withdrawn=Subquery(latest.values("withdrawn_at")[:1]),
        ).filter(shared=True, withdrawn__isnull=True),
        person="person",
    )


def impact_people(*, reader: Reader) -> list[dict[str, Any]]:
    """One row per participant (as the API's `impact/people` returns it): operators see
    everyone, anyone else only the people who consent to sharing with the city. One query."""
    return impact_people_shown(reader=reader)[0]


def impact_people_shown(*, reader: Reader) -> tuple[list[dict[str, Any]], list[int]]:
    """The rows of `impact_people` and the ids of the people they are about, for the record
    of their provision to the city (APPI 第29条). One query."""
    qs = OutcomeRecord.objects.filter(track=Track.PROGRAM, participant_id__isnull=False)
    if not sees_exact_figures(reader):
        qs = _shared_with_city(qs)
    rows = []
    person_ids = []
    for row in qs.order_by("applied_on", "source_id").values(*PEOPLE_FIELDS, "person_id"):
        person_ids.append(row.pop("person_id"))
        reason = row.pop("left_early_reason")
        row["left_early_for_job"] = reason == "job" if row["left_early_on"] else None
        rows.append(row)
    return rows, person_ids


def impact_cohorts(
    *, reader: Reader, by: str = "fiscal_year", records: list[Outcome] | None = None
) -> dict[str, Any]:
    """The funnel of each cohort of application (by "month" or "fiscal_year") with its total
    row, small groups hidden for non-operators (a hidden cell takes a second one of its
    column with it). {"cohorts": {key: {stage: n|None}}, "total": {…}, "suppressed": [...]}"""
    records = outcome_values() if records is None else records
    funnels = {key: funnel.as_dict() for key, funnel in funnel_by_cohort(records, by=by).items()}
    cells, relations = cohort_cells(funnels)
    shown = suppress(cells, relations, exact=sees_exact_figures(reader))
    return {
        "cohorts": {
            key: {stage: shown.values[f"cohorts.{key}.{stage}"] for stage in STAGES}
            for key in funnels
        },
        "total": {stage: shown.values[f"cohorts.total.{stage}"] for stage in STAGES},
        "suppressed": sorted(shown.hidden),
    }


TREND_COLUMNS = (*STAGES, "wages_paid_jpy")


def impact_trend(
    *, reader: Reader, period: SummaryPeriod, records: list[Outcome] | None = None
) -> dict[str, Any]:
    """Month by month in the period: the funnel's steps taken and the wages paid to residents,
    with the period's total row; small groups hidden for non-operators, a second cell of the
    column with a lone hidden one. {"months": {"2026-04": {…}}, "total": {…}, "suppressed"}"""
    records = outcome_values() if records is None else records
    whole = Period(period.start, period.end)
    trend = monthly_trend(records, whole)
    rows = {
        key: {
            **{stage: (n, n) for stage, n in month.funnel.as_dict().items()},
            "wages_paid_jpy": (month.wages_paid, month.wage_earners),
        }
        for key, month in trend.items()
    }
    # One person is paid in many months: the total's people are the distinct earners.
    earners = income(records, whole).wage_earners
    cells, relations = table_cells(
        "months", rows, TREND_COLUMNS, total_people={"wages_paid_jpy": earners}
    )
    shown = suppress(cells, relations, exact=sees_exact_figures(reader))
    return {
        "months": {
            key: {column: shown.values[f"months.{key}.{column}"] for column in TREND_COLUMNS}
            for key in rows
        },
        "total": {column: shown.values[f"months.total.{column}"] for column in TREND_COLUMNS},
        "suppressed": sorted(shown.hidden),
    }
