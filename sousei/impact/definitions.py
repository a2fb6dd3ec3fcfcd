"""How each impact figure is defined, in a few sentences (docs/impact.md has the long form):
printed on the last page of the council's PDF, on the workbook's 定義 sheet and on the page.
No ORM; the texts are translated when read (Japanese first, English on the switch).

`FIGURES` names the summary's figures (dotted as the API spells them) with their section,
label and unit, in the order the exports list them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.impact.indicators import STAGES

# Units of a figure: how it is written in a table.
PEOPLE, PERCENT, YEN, DAYS = "people", "percent", "yen", "days"


@dataclass(frozen=True)
class Definition:
    """One figure's definition: its title and what it counts (both translated when read)."""

    code: str
    title: Promise
    text: Promise


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "period",
        _("Period and fiscal year"),
        _(
            "A fiscal year (年度) runs from 1 April to 31 March and is named by its April. "
            "By period, each step counts the people who took it within the period; by cohort, "
            "the people who applied within the period, by every step they have reached so far."
        ),
    ),
    Definition(
        "funnel",
        _("Funnel"),
        _(
            "Applied → accepted → started training → completed → placed on paid work (the "
            "first paid day) → outcome recorded (the first career outcome). Location-free "
            "hires are not in the funnel."
        ),
    ),
    Definition(
        "employment_rate_mhlw",
        _("就職率 (MHLW definition)"),
        _(
            "People in a job covered by employment insurance within 3 months after the end of "
            "training, divided by the completers plus those who left early to take a job, "
            "whose 3 months have passed. People aged 65 or over at the end of training are "
            "left out. As MHLW measures 求職者支援訓練."
        ),
    ),
    Definition(
        "wioa_employment",
        _("Employment rate, 2nd and 4th quarter after exit (WIOA)"),
        _(
            "Of the people whose training ended in the period and whose 2nd (4th) calendar "
            "quarter after the exit quarter is over, the share with paid work in that quarter "
            "(US Department of Labor's performance indicators)."
        ),
    ),
    Definition(
        "wioa_earnings",
        _("Median earnings, 2nd quarter after exit (WIOA)"),
        _(
            "Among those employed in the 2nd quarter after exit, the median of their earnings "
            "in that quarter (pay statements, else the monthly earnings after the outcome)."
        ),
    ),
    Definition(
        "wioa_credential",
        _("Credential attainment (WIOA)"),
        _(
            "Of the people whose training ended and whose year has passed, the share with a "
            "certificate during training or within one year after it."
        ),
    ),
    Definition(
        "wioa_skill_gains",
        _("Measurable skill gains (WIOA)"),
        _(
            "Of the people in training at some time in the period, the share with a proof of a "
            "gain dated in it: a certificate, a passed final assessment or a higher skill level."
        ),
    ),
    Definition(
        "income",
        _("Income before and after"),
        _(
            "For the people whose first outcome is dated in the period: the median monthly "
            "income given when applying, the median monthly earnings after the outcome, and "
            "the median of each person's change (not the difference of the two medians)."
        ),
    ),
    Definition(
        "wages_paid",
        _("Wages paid to residents"),
        _(
            "Gross pay of the pay statements for months in the period, to participants not "
            "known to have moved away from the region."
        ),
    ),
    Definition(
        "retention",
        _("Staying in the region (定住率)"),
        _(
            "6 and 12 months after a person's first outcome, a residence check asks whether "
            "they still live in the region. Of the checks due in the period: staying ÷ answered."
        ),
    ),
    Definition(
        "hires",
        _("Location-free hiring"),
        _(
            "Hires recorded in the period; those living in the region when hired; the median "
            "days from application to hire; hires that came through an event."
        ),
    ),
    Definition(
        "kpi_grades",
        _("KPI grades"),
        _(
            "Each target of the fiscal year against the actual figure: ◎ achieved, ○ at "
            "least 80 per cent of the target, △ some progress below that, × no progress (the "
            "two lines are each region's own). A period's KPIs are those of the fiscal year it "
            "starts in."
        ),
    ),
    Definition(
        "suppression",
        _("x: hidden small groups (秘匿)"),
        _(
            "A count or sum from 1 or 2 people is shown as x, and a median or rate needs at "
            "least 3 people. A second figure is hidden where a total would reveal a hidden one, "
            "and a rate where its numerator or denominator is hidden. Operators see exact "
            "figures; the city's page, workbook and report follow the same rule."
        ),
    ),
)

STAGE_LABELS: dict[str, Promise] = {
    "applied": pgettext_lazy("impact funnel", "Applied"),
    "accepted": pgettext_lazy("impact funnel", "Accepted"),
    "enrolled": pgettext_lazy("impact funnel", "Started training"),
    "completed": pgettext_lazy("impact funnel", "Completed training"),
    "placed": pgettext_lazy("impact funnel", "Placed on paid work"),
    "outcome": pgettext_lazy("impact funnel", "Outcome recorded"),
}


@dataclass(frozen=True)
class Figure:
    """A figure of the summary as the exports list it."""

    name: str
    section: Promise | str
    label: Promise | str
    unit: str


def _figures() -> Iterator[Figure]:
    funnel = _("Funnel")
    for stage in STAGES:
        yield Figure(f"funnel.{stage}", funnel, STAGE_LABELS[stage], PEOPLE)
    mhlw = _("就職率 (MHLW definition)")
    yield Figure("employment_rate_mhlw.employed", mhlw, _("Employed (insured)"), PEOPLE)
    yield Figure("employment_rate_mhlw.denominator", mhlw, _("Denominator"), PEOPLE)
    yield Figure("employment_rate_mhlw.rate", mhlw, pgettext_lazy("impact report", "Rate"), PERCENT)
    wioa = _("WIOA-style figures")
    for key, label in (
        ("employment_q2", _("Employment, 2nd quarter after exit")),
        ("employment_q4", _("Employment, 4th quarter after exit")),
    ):
        yield Figure(
            f"wioa.{key}.employed", wioa, _("%(figure)s: employed") % {"figure": label}, PEOPLE
        )
        yield Figure(
            f"wioa.{key}.exiters", wioa, _("%(figure)s: exiters") % {"figure": label}, PEOPLE
        )
        yield Figure(f"wioa.{key}.rate", wioa, _("%(figure)s: rate") % {"figure": label}, PERCENT)
    yield Figure(
        "wioa.median_earnings_q2_jpy", wioa, _("Median earnings, 2nd quarter after exit"), YEN
    )
    yield Figure("wioa.credential.attained", wioa, _("Credential attained"), PEOPLE)
    yield Figure("wioa.credential.exiters", wioa, _("Credential: exiters"), PEOPLE)
    yield Figure("wioa.credential.rate", wioa, _("Credential attainment rate"), PERCENT)
    yield Figure("wioa.skill_gains.gained", wioa, _("Skill gains"), PEOPLE)
    yield Figure("wioa.skill_gains.in_training", wioa, _("Skill gains: in training"), PEOPLE)
    yield Figure("wioa.skill_gains.rate", wioa, _("Skill gains rate"), PERCENT)
    income = _("Income")
    yield Figure("income.median_before_jpy", income, _("Before (median a month)"), YEN)
    yield Figure("income.median_after_jpy", income, _("After (median a month)"), YEN)
    yield Figure("income.median_change_jpy", income, _("Change (median a month)"), YEN)
    yield Figure("income.wages_paid_in_region_jpy", income, _("Wages paid to residents"), YEN)
    staying = _("Staying in the region (定住率)")
    for months, label in ((6, _("6 months")), (12, _("12 months"))):
        prefix = f"retention.months_{months}"
        yield Figure(f"{prefix}.asked", staying, _("%(figure)s: asked") % {"figure": label}, PEOPLE)
        yield Figure(
            f"{prefix}.answered", staying, _("%(figure)s: answered") % {"figure": label}, PEOPLE
        )
        yield Figure(
            f"{prefix}.staying", staying, _("%(figure)s: staying") % {"figure": label}, PEOPLE
        )
        yield Figure(f"{prefix}.rate", staying, _("%(figure)s: rate") % {"figure": label}, PERCENT)
    hires = _("Location-free hiring")
    yield Figure("hires.hires", hires, _("Hires"), PEOPLE)
    yield Figure("hires.in_region", hires, _("Hires living in the region"), PEOPLE)
    yield Figure("hires.median_days_to_hire", hires, _("Median days to hire"), DAYS)
    yield Figure("hires.from_events", hires, _("Hires through events"), PEOPLE)


def figures() -> list[Figure]:
    """The summary's figures in the exports' order (labels translated when read)."""
    return list(_figures())


def definitions() -> list[tuple[str, str]]:
    """(title, text) of every definition, in the active language."""
    return [(str(d.title), str(d.text)) for d in DEFINITIONS]
