"""Per-person rows: operators see everyone, the city only people who consent to sharing,
and a withdrawal takes effect at once; the cohort table hides small groups for the city."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.impact import selectors
from sousei.impact.services import outcome_records_rebuild
from sousei.impact.tests import factories as made
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose

pytestmark = pytest.mark.django_db
D = dt.date
OPERATOR = Reader(user_id=1, roles=frozenset({Role.OPERATOR}))
CITY = Reader(user_id=2, roles=frozenset({Role.MUNICIPALITY}))


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 12, 1, 9))):
        yield D(2026, 12, 1)


def consent(region: Region, person_id: int, *, granted: bool) -> Consent:
    return Consent.objects.create(
        region=region,
        person_id=person_id,
        purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
        granted=granted,
        wording_version=CONSENT_WORDING_VERSION,
    )


def test_the_city_sees_only_people_who_share_and_a_withdrawal_counts_at_once(
    koga: Region,
) -> None:
    with region_scope(koga):
        sharing = made.participant(koga, applied_on=D(2026, 4, 1), birth_date=D(1990, 1, 1))
        made.enrolment(koga, sharing, start=D(2026, 5, 1), withdrawn_on=D(2026, 6, 1))
        not_sharing = made.participant(koga, applied_on=D(2026, 4, 2))
        silent = made.participant(koga, applied_on=D(2026, 4, 3))
        made.rejected_applicant(koga, applied_on=D(2026, 4, 4))
        shared_consent = consent(koga, sharing.person_id, granted=True)
        consent(koga, not_sharing.person_id, granted=False)
        outcome_records_rebuild(region=koga, actor=None)
        everyone = selectors.impact_people(reader=OPERATOR)
        city = selectors.impact_people(reader=CITY)
        assert [row["participant_id"] for row in everyone] == [
            sharing.pk,
            not_sharing.pk,
            silent.pk,
        ]
        assert city == [
            {
                "participant_id": sharing.pk,
                "applied_on": D(2026, 4, 1),
                "completed_on": None,
                "left_early_on": D(2026, 6, 1),
                "left_early_for_job": False,
                "employed_on": None,
                "employment_insured": None,
                "age_at_completion": 36,
                "baseline_monthly_income_jpy": 120_000,
                "monthly_earnings_jpy": None,
                "staying_6m": None,
                "staying_12m": None,
            }
        ]
        # Withdrawn: gone from the city's rows with no rebuild.
        shared_consent.withdrawn_at = clock.now()
        shared_consent.save(update_fields=["withdrawn_at"])
        assert selectors.impact_people(reader=CITY) == []


def test_the_cohort_table_hides_a_small_cell_and_a_second_one_in_its_column(
    koga: Region,
) -> None:
    with region_scope(koga):
        # FY2025: 4 applied, 4 enrolled; FY2026: 5 applied, 2 enrolled.
        for n in range(4):
            who = made.participant(koga, applied_on=D(2025, 10, 1 + n))
            made.enrolment(koga, who, start=D(2025, 11, 1))
        for n in range(5):
            who = made.participant(koga, applied_on=D(2026, 5, 1 + n))
            if n < 2:
                made.enrolment(koga, who, start=D(2026, 6, 1))
        outcome_records_rebuild(region=koga, actor=None)
        exact = selectors.impact_cohorts(reader=OPERATOR)
        city = selectors.impact_cohorts(reader=CITY)
    assert exact["cohorts"]["FY2025"]["enrolled"] == 4
    assert exact["cohorts"]["FY2026"]["enrolled"] == 2
    assert exact["total"]["enrolled"] == 6
    # The 2 is hidden, and with it the FY2025 cell of its column (the total would give it).
    assert city["cohorts"]["FY2026"]["enrolled"] is None
    assert city["cohorts"]["FY2025"]["enrolled"] is None
    assert city["total"]["enrolled"] == 6
    assert city["cohorts"]["FY2026"]["applied"] == 5
    assert {"cohorts.FY2026.enrolled", "cohorts.FY2025.enrolled"} <= set(city["suppressed"])


def test_the_trend_hides_one_persons_pay_even_over_several_months(koga: Region) -> None:
    with region_scope(koga):
        for n in range(3):
            made.participant(koga, applied_on=D(2026, 4, 10 + n))
        paid = made.participant(koga, applied_on=D(2026, 5, 1))
        made.paid_work(
            koga,
            paid,
            starts_on=D(2026, 6, 1),
            ends_on=D(2026, 8, 31),
            pay={D(2026, 6, 1): 100_000, D(2026, 7, 1): 100_000, D(2026, 8, 1): 100_000},
        )
        outcome_records_rebuild(region=koga, actor=None)
        period = selectors.SummaryPeriod(D(2026, 4, 1), D(2026, 9, 30))
        exact = selectors.impact_trend(reader=OPERATOR, period=period)
        city = selectors.impact_trend(reader=CITY, period=period)
    assert exact["months"]["2026-04"]["applied"] == 3
    assert exact["months"]["2026-05"]["applied"] == 1
    assert exact["total"]["wages_paid_jpy"] == 300_000
    # One person's pay: every month and the total hidden from the city.
    assert [city["months"][m]["wages_paid_jpy"] for m in ("2026-06", "2026-07", "2026-08")] == [
        None,
        None,
        None,
    ]
    assert city["total"]["wages_paid_jpy"] is None
    # April's 3 applications show; May's 1 is hidden and so is a second cell of its column.
    assert city["months"]["2026-05"]["applied"] is None
    assert city["total"]["applied"] == 4
    assert city["months"]["2026-04"]["applied"] is None
