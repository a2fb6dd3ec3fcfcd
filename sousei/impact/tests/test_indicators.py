"""Each indicator on hand-made records, with the expected figure worked out by hand in the
test (docs/impact.md gives the definitions)."""

from __future__ import annotations

import datetime as dt

import pytest

from sousei.impact.indicators import (
    HIRE,
    Outcome,
    Period,
    add_months,
    cohort_key,
    earnings_in,
    employment_rate_mhlw,
    fiscal_year_of,
    funnel,
    funnel_by_cohort,
    hires,
    income,
    median,
    monthly_trend,
    quarter_after,
    retention,
    wioa,
)

D = dt.date
FY2026 = Period(D(2026, 4, 1), D(2027, 3, 31))


def test_the_fiscal_year_runs_from_april_to_march() -> None:
    assert fiscal_year_of(D(2026, 4, 1)) == 2026
    assert fiscal_year_of(D(2027, 3, 31)) == 2026
    assert fiscal_year_of(D(2026, 3, 31)) == 2025
    assert cohort_key(D(2027, 2, 10), "fiscal_year") == "FY2026"
    assert cohort_key(D(2027, 2, 10), "month") == "2027-02"


def test_months_and_quarters_are_counted_the_calendar_way() -> None:
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    # Exit on 15 May 2026 (Q2 2026): the 2nd quarter after is Q4 2026, the 4th is Q2 2027.
    assert quarter_after(D(2026, 5, 15), 2) == Period(D(2026, 10, 1), D(2026, 12, 31))
    assert quarter_after(D(2026, 5, 15), 4) == Period(D(2027, 4, 1), D(2027, 6, 30))
    assert median([300_000, 100_000, 200_000, 400_000]) == 250_000
    assert median([]) is None


def test_the_funnel_by_period_counts_each_step_taken_in_the_period() -> None:
    records = [
        # Applied in March (FY2025), accepted and enrolled in April: counts from "accepted".
        Outcome(
            applied_on=D(2026, 3, 20),
            accepted=True,
            decided_on=D(2026, 4, 2),
            enrolled_on=D(2026, 4, 10),
        ),
        # All the way in FY2026.
        Outcome(
            applied_on=D(2026, 4, 5),
            accepted=True,
            decided_on=D(2026, 4, 12),
            enrolled_on=D(2026, 5, 1),
            completed_on=D(2026, 7, 31),
            first_paid_on=D(2026, 8, 3),
            outcome_on=D(2026, 11, 1),
        ),
        # Rejected: applied only.
        Outcome(applied_on=D(2026, 6, 1), accepted=False, decided_on=D(2026, 6, 5)),
        # A hire is not in the program's funnel.
        Outcome(track=HIRE, applied_on=D(2026, 6, 1), hired_on=D(2026, 7, 1)),
    ]
    assert funnel(records, FY2026).as_dict() == {
        "applied": 2,
        "accepted": 2,
        "enrolled": 2,
        "completed": 1,
        "placed": 1,
        "outcome": 1,
    }
    # As a cohort of FY2026 applicants, the March applicant is not in it.
    assert funnel(records, FY2026, cohort=True).as_dict() == {
        "applied": 2,
        "accepted": 1,
        "enrolled": 1,
        "completed": 1,
        "placed": 1,
        "outcome": 1,
    }
    cohorts = funnel_by_cohort(records, by="fiscal_year")
    assert list(cohorts) == ["FY2025", "FY2026"]
    assert cohorts["FY2025"].enrolled == 1
    assert cohorts["FY2026"].applied == 2


def test_the_mhlw_employment_rate_counts_insured_jobs_within_three_months() -> None:
    """Six people ended training in FY2026; by hand:
    A completed 30 Jun, insured job 1 Sep (within 3 months)      → employed
    B completed 30 Jun, insured job 1 Oct (after 30 Sep)          → not employed
    C completed 31 Jul, job without insurance 1 Aug               → not employed
    D left early 15 Jul to take an insured job from 16 Jul        → employed (in denominator)
    E left early 15 Jul for other reasons                         → not counted at all
    F completed 30 Jun aged 65, insured job                       → excluded (65 or over)
    G completed 31 Jan 2027: 3 months not passed by 31 Mar 2027   → not yet counted
    Employed 2 of a denominator of 4 (A, B, C, D): 50.0 %."""
    records = [
        Outcome(
            completed_on=D(2026, 6, 30), insured_employed_on=D(2026, 9, 1), age_at_completion=30
        ),
        Outcome(
            completed_on=D(2026, 6, 30), insured_employed_on=D(2026, 10, 1), age_at_completion=41
        ),
        Outcome(completed_on=D(2026, 7, 31), employed_on=D(2026, 8, 1), age_at_completion=28),
        Outcome(
            left_early_on=D(2026, 7, 15),
            left_early_for_job=True,
            insured_employed_on=D(2026, 7, 16),
            age_at_completion=35,
        ),
        Outcome(left_early_on=D(2026, 7, 15), left_early_for_job=False, age_at_completion=50),
        Outcome(
            completed_on=D(2026, 6, 30), insured_employed_on=D(2026, 7, 1), age_at_completion=65
        ),
        Outcome(
            completed_on=D(2027, 1, 31), insured_employed_on=D(2027, 2, 1), age_at_completion=33
        ),
    ]
    share = employment_rate_mhlw(records, FY2026, as_of=D(2027, 3, 31))
    assert (share.numerator, share.denominator, share.rate) == (2, 4, 50.0)
    # On 30 April 2027 G's three months have passed: 3 of 5, 60.0 %.
    later = employment_rate_mhlw(records, FY2026, as_of=D(2027, 4, 30))
    assert (later.numerator, later.denominator, later.rate) == (3, 5, 60.0)


def test_wioa_employment_earnings_credentials_and_skill_gains() -> None:
    """Exits in FY2026 (as of 30 June 2027; Q2 after a May exit is Oct–Dec 2026, Q4 Apr–Jun
    2027):
    P exit 15 May, works 1 Sep 2026 on, ¥200,000 a month from October  → Q2 yes (¥600,000), Q4 yes
    Q exit 20 May, project 1 Nov–31 Dec 2026 paid ¥100,000 + ¥120,000 → Q2 yes (¥220,000), Q4 no
    R exit 31 May, no work                                             → Q2 no, Q4 no
    S exit 10 Jan 2027: Q2 after is Jul–Sep 2027, not over             → not counted
    Employment Q2 2 of 3, Q4 1 of 3; median earnings Q2 of (600,000, 220,000) = 410,000.
    Credentials: P, Q certified during training; R none, its year after exit not over on
    30 June 2027 (exit 31 May 2026 + 1 year = 31 May 2027: over) → 2 of 3; S certified → in.
    So 3 attained of 4 exiters whose year passed or who hold one."""
    records = [
        Outcome(
            enrolled_on=D(2026, 4, 1),
            completed_on=D(2026, 5, 15),
            credential_on=D(2026, 5, 15),
            employment=((D(2026, 9, 1), None),),
            outcome_kind="employed_elsewhere",
            outcome_on=D(2026, 9, 1),
            earnings_after_monthly_jpy=200_000,
            skill_gains=(D(2026, 5, 15),),
        ),
        Outcome(
            enrolled_on=D(2026, 4, 1),
            completed_on=D(2026, 5, 20),
            credential_on=D(2026, 5, 20),
            employment=((D(2026, 11, 1), D(2026, 12, 31)),),
            earnings=((D(2026, 11, 1), 100_000), (D(2026, 12, 1), 120_000)),
        ),
        Outcome(enrolled_on=D(2026, 4, 1), left_early_on=D(2026, 5, 31)),
        Outcome(
            enrolled_on=D(2026, 11, 1),
            completed_on=D(2027, 1, 10),
            credential_on=D(2027, 1, 10),
            skill_gains=(D(2026, 12, 1), D(2027, 1, 10)),
        ),
    ]
    figures = wioa(records, FY2026, as_of=D(2027, 6, 30))
    assert (figures.employment_q2.numerator, figures.employment_q2.denominator) == (2, 3)
    assert figures.employment_q2.rate == 66.7
    assert (figures.employment_q4.numerator, figures.employment_q4.denominator) == (1, 3)
    assert (figures.median_earnings_q2.value, figures.median_earnings_q2.n) == (410_000, 2)
    assert (figures.credential.numerator, figures.credential.denominator) == (3, 4)
    # Skill gains in FY2026 among the 4 in training during it: P (15 May), S (1 Dec) → 2 of 4.
    assert (figures.skill_gains.numerator, figures.skill_gains.denominator) == (2, 4)


def test_earnings_use_statements_first_then_the_monthly_earnings_after() -> None:
    r = Outcome(
        outcome_kind="fulltime_conversion",
        outcome_on=D(2026, 10, 15),
        earnings_after_monthly_jpy=250_000,
        earnings=((D(2026, 10, 1), 90_000),),
    )
    # October from its statement, November and December at ¥250,000.
    assert earnings_in(r, Period(D(2026, 10, 1), D(2026, 12, 31))) == 590_000


def test_income_medians_before_after_and_of_each_change() -> None:
    """Outcomes in FY2026 (by hand):
    before 100,000 after 180,000 → +80,000
    before 150,000 after 160,000 → +10,000
    before 200,000 after none    → (before only)
    before 120,000 after 170,000 → +50,000
    Median before of (100k, 150k, 200k, 120k) = 135,000; after of (180k, 160k, 170k) = 170,000;
    change of (80k, 10k, 50k) = 50,000. Note the median change is not after − before (35,000)."""
    records = [
        Outcome(
            outcome_on=D(2026, 6, 1),
            baseline_monthly_income_jpy=100_000,
            earnings_after_monthly_jpy=180_000,
        ),
        Outcome(
            outcome_on=D(2026, 7, 1),
            baseline_monthly_income_jpy=150_000,
            earnings_after_monthly_jpy=160_000,
        ),
        Outcome(outcome_on=D(2026, 8, 1), baseline_monthly_income_jpy=200_000),
        Outcome(
            outcome_on=D(2026, 9, 1),
            baseline_monthly_income_jpy=120_000,
            earnings_after_monthly_jpy=170_000,
        ),
        # Outcome outside the period: not in the medians.
        Outcome(
            outcome_on=D(2026, 3, 1), baseline_monthly_income_jpy=1, earnings_after_monthly_jpy=1
        ),
    ]
    figures = income(records, FY2026)
    assert (figures.before.value, figures.before.n) == (135_000, 4)
    assert (figures.after.value, figures.after.n) == (170_000, 3)
    assert (figures.change.value, figures.change.n) == (50_000, 3)


def test_wages_paid_count_statements_in_the_period_to_people_still_in_the_region() -> None:
    records = [
        Outcome(
            earnings=((D(2026, 3, 1), 50_000), (D(2026, 4, 1), 100_000), (D(2026, 5, 1), 110_000))
        ),
        Outcome(lives_in_region=True, earnings=((D(2026, 6, 1), 80_000),)),
        Outcome(lives_in_region=False, earnings=((D(2026, 6, 1), 999_999),)),
    ]
    figures = income(records, FY2026)
    # March is FY2025; the person who moved away is left out: 100,000 + 110,000 + 80,000.
    assert (figures.wages_paid, figures.wage_earners) == (290_000, 2)


def test_staying_counts_the_checks_due_in_the_period_over_those_who_answered() -> None:
    """12-month checks due in FY2026 (outcome in FY2025): 4 asked, 3 answered, 2 staying →
    2 of 3 = 66.7 %. A check not asked and not answered is not counted."""
    records = [
        Outcome(outcome_on=D(2025, 5, 1), asked_12m_on=D(2026, 5, 1), staying_12m=True),
        Outcome(outcome_on=D(2025, 6, 1), asked_12m_on=D(2026, 6, 1), staying_12m=True),
        Outcome(outcome_on=D(2025, 7, 1), asked_12m_on=D(2026, 7, 1), staying_12m=False),
        Outcome(outcome_on=D(2025, 8, 1), asked_12m_on=D(2026, 8, 1)),
        Outcome(outcome_on=D(2025, 9, 1)),
        # Due in FY2027: not in the period.
        Outcome(outcome_on=D(2026, 5, 1), asked_12m_on=D(2027, 5, 1), staying_12m=True),
        # A hire's check is anchored on the start date (its outcome).
        Outcome(
            track=HIRE,
            hired_on=D(2025, 10, 20),
            outcome_on=D(2025, 12, 1),
            asked_6m_on=D(2026, 6, 1),
            staying_6m=True,
        ),
    ]
    kept = retention(records, FY2026, months=12)
    assert (kept.asked, kept.answered, kept.staying, kept.rate) == (4, 3, 2, 66.7)
    six = retention(records, FY2026, months=6)
    # 6-month checks due in FY2026: the hire (Jun 2026) and the May 2026 outcome (Nov 2026,
    # never asked): one asked, answered, staying.
    assert (six.asked, six.answered, six.staying, six.rate) == (1, 1, 1, 100.0)
    with pytest.raises(ValueError, match="6 and 12 months"):
        retention(records, FY2026, months=3)


def test_location_free_hiring_counts_hires_in_the_period() -> None:
    records = [
        Outcome(
            track=HIRE,
            hired_on=D(2026, 5, 1),
            lives_in_region=True,
            days_to_hire=30,
            from_event=True,
        ),
        Outcome(track=HIRE, hired_on=D(2026, 6, 1), lives_in_region=False, days_to_hire=45),
        Outcome(
            track=HIRE,
            hired_on=D(2026, 7, 1),
            lives_in_region=True,
            days_to_hire=21,
            from_event=True,
        ),
        Outcome(track=HIRE, hired_on=D(2026, 8, 1), lives_in_region=True, days_to_hire=60),
        Outcome(track=HIRE, hired_on=D(2026, 3, 1), lives_in_region=True, days_to_hire=1),
    ]
    made = hires(records, FY2026)
    assert (made.hires, made.in_region, made.from_events) == (4, 3, 2)
    # Median of (30, 45, 21, 60) = (30 + 45) / 2 = 37.5 → 38 (half to even).
    assert (made.days_to_hire.value, made.days_to_hire.n) == (38, 4)


def test_the_monthly_trend_counts_each_step_and_wage_in_its_month() -> None:
    records = [
        Outcome(applied_on=D(2026, 4, 3), earnings=((D(2026, 5, 1), 100_000),)),
        Outcome(applied_on=D(2026, 4, 20), completed_on=D(2026, 6, 30)),
        Outcome(
            applied_on=D(2026, 5, 2), earnings=((D(2026, 5, 1), 80_000), (D(2026, 6, 1), 90_000))
        ),
    ]
    trend = monthly_trend(records, Period(D(2026, 4, 1), D(2026, 6, 30)))
    assert list(trend) == ["2026-04", "2026-05", "2026-06"]
    assert [m.funnel.applied for m in trend.values()] == [2, 1, 0]
    assert [m.funnel.completed for m in trend.values()] == [0, 0, 1]
    assert [(m.wages_paid, m.wage_earners) for m in trend.values()] == [
        (0, 0),
        (180_000, 2),
        (90_000, 1),
    ]
