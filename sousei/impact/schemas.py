"""The impact API's shapes. A count is an int, or null where it is hidden from the caller
(fewer than 3 people); `suppressed` lists the dotted names of every null figure."""

from __future__ import annotations

from ninja import Schema
from pydantic import BaseModel, Field

from sousei.core.bounds import Day


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
