"""The impact API's shapes. A count is an int, or null where it is hidden from the caller
(fewer than 3 people); `suppressed` lists the dotted names of every null figure."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field

from sousei.core.bounds import Day, items, whole
from sousei.impact.models import KpiCode


class ImpactFunnelOut(BaseModel):
    applied: int | None
    accepted: int | None
    enrolled: int | None
    completed: int | None
    placed: int | None
    outcome: int | None


class EmploymentRateOut(BaseModel):
    employed: int | None
    denominator: int | None
    rate: float | None


class ExitersShareOut(BaseModel):
    employed: int | None
    exiters: int | None
    rate: float | None


class CredentialOut(BaseModel):
    attained: int | None
    exiters: int | None
    rate: float | None


class SkillGainsOut(BaseModel):
    gained: int | None
    in_training: int | None
    rate: float | None


class WioaOut(BaseModel):
    employment_q2: ExitersShareOut
    employment_q4: ExitersShareOut
    median_earnings_q2_jpy: int | None
    credential: CredentialOut
    skill_gains: SkillGainsOut


class IncomeOut(BaseModel):
    median_before_jpy: int | None
    median_after_jpy: int | None
    median_change_jpy: int | None
    wages_paid_in_region_jpy: int | None


class RetentionMonthsOut(BaseModel):
    asked: int | None
    answered: int | None
    staying: int | None
    rate: float | None


class RetentionOut(BaseModel):
    months_6: RetentionMonthsOut
    months_12: RetentionMonthsOut


class HiresOut(BaseModel):
    hires: int | None
    in_region: int | None
    median_days_to_hire: int | None
    from_events: int | None


class KpiOut(BaseModel):
    code: str
    label: str
    target: int
    actual: int | float | None
    grade: str | None


class ImpactSummaryOut(BaseModel):
    period: dict[str, str | int | None]
    funnel: ImpactFunnelOut
    employment_rate_mhlw: EmploymentRateOut
    wioa: WioaOut
    income: IncomeOut
    retention: RetentionOut
    hires: HiresOut
    kpis: list[KpiOut]
    suppressed: list[str]


class PeriodQuery(Schema):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD (default: this fiscal year to date); cohort=true counts
    the funnel of the people who applied in the period."""

    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
    cohort: bool = False


class ImpactPersonOut(BaseModel):
    """One participant's row (`impact/people`): operators see everyone, the municipality only
    the people who consent to sharing with the city."""

    participant_id: int
    applied_on: dt.date | None
    completed_on: dt.date | None
    left_early_on: dt.date | None
    left_early_for_job: bool | None
    employed_on: dt.date | None
    employment_insured: bool | None
    age_at_completion: int | None
    baseline_monthly_income_jpy: int | None
    monthly_earnings_jpy: int | None
    staying_6m: bool | None
    staying_12m: bool | None


class KpiTargetIn(Schema):
    code: KpiCode
    target: whole(0)  # type: ignore[valid-type]


class KpiTargetsIn(Schema):
    """The fiscal year's targets to set: the codes given are created or changed, the others
    stay as they are. A rate is in per cent, money in yen."""

    targets: items(KpiTargetIn, len(KpiCode.values), min_items=1)  # type: ignore[valid-type]


class KpiTargetOut(BaseModel):
    code: str
    label: str
    target: int


class KpiTargetsOut(BaseModel):
    region: str
    fiscal_year: int
    targets: list[KpiTargetOut]


class ImpactFiguresOut(BaseModel):
    """A region's figures of a fiscal year, as the summary nests them (without the KPIs)."""

    funnel: ImpactFunnelOut
    employment_rate_mhlw: EmploymentRateOut
    wioa: WioaOut
    income: IncomeOut
    retention: RetentionOut
    hires: HiresOut
    suppressed: list[str]


class ImpactComparisonRowOut(BaseModel):
    region: str
    code: str
    name: str
    fiscal_year: int
    figures: ImpactFiguresOut | None


class ImpactComparisonOut(BaseModel):
    fiscal_year: int
    regions: list[ImpactComparisonRowOut]


class ComparisonQuery(Schema):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD within one fiscal year (default: this fiscal year)."""

    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
