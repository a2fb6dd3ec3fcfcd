"""Impact's forms: the period of the figures (the impact page and its downloads, read from
the query string as the API reads it), and the residence-check answer: still living in the
region or not, where to if they moved (optional), for an independent the monthly income."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.forms import BoundedDateField, BoundedIntegerField
from sousei.impact.models import KpiCode
from sousei.impact.report import kpi_unit
from sousei.impact.selectors import SummaryPeriod
from sousei.impact.services import CheckAnswer
from sousei.impact.services.checks import MAX_INCOME_JPY
from sousei.impact.services.kpis import MAX_TARGET

STAYING, MOVED = "yes", "no"

PERIOD_BACKWARDS = _("The end of the period is before its start. Give a later “to” date.")


class ImpactPeriodForm(forms.Form):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD&cohort=1, the API's parameters; without them, this
    fiscal year to date. The fields are named as the API's, so a page's link to a download
    or to the API carries the same query string."""

    cohort = forms.BooleanField(
        label=_("Count the funnel by cohort (the people who applied in the period)"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the date fields are added here rather than declared.
        self.fields = {
            "from": BoundedDateField(
                label=pgettext_lazy("period", "From"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            ),
            "to": BoundedDateField(
                label=pgettext_lazy("period", "To"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            ),
            **self.fields,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", PERIOD_BACKWARDS)
        return data

    def period(self) -> SummaryPeriod:
        """The period asked for; this fiscal year to date when the form is empty or invalid
        (the page then shows its errors above the default figures)."""
        if not self.is_bound or not self.is_valid():
            return SummaryPeriod.asked(None, None)
        data = self.cleaned_data
        return SummaryPeriod.asked(data.get("from"), data.get("to"), cohort=data["cohort"])

    def query(self) -> str:
        """The query string of the period shown, for the page's download and API links."""
        period = self.period()
        pairs = [("from", period.start.isoformat()), ("to", period.end.isoformat())]
        if period.cohort:
            pairs.append(("cohort", "1"))
        return "&".join(f"{key}={value}" for key, value in pairs)


class CheckAnswerForm(forms.Form):
    lives_in_region = forms.ChoiceField(
        label=_("Do you still live in the region?"),
        choices=[(STAYING, _("Yes, I still live here")), (MOVED, _("No, I have moved away"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you still live in the region.")},
    )
    municipality_code = forms.CharField(
        label=_("Municipality code where you live now"),
        required=False,
        max_length=5,
        help_text=_("Only if you moved, and only if you know it: 5 digits (JIS X 0402)."),
    )
    monthly_income_jpy = BoundedIntegerField(
        label=_("Your monthly income (yen)"),
        required=False,
        min_value=0,
        max_value=MAX_INCOME_JPY,
        help_text=_("Optional. About how much your business brings in a month, before tax."),
    )

    def __init__(self, *args: Any, asks_income: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not asks_income:
            del self.fields["monthly_income_jpy"]

    def to_answer(self) -> CheckAnswer:
        data = self.cleaned_data
        return CheckAnswer(
            lives_in_region=data["lives_in_region"] == STAYING,
            municipality_code=data.get("municipality_code", ""),
            monthly_income_jpy=data.get("monthly_income_jpy"),
        )


class KpiTargetsForm(forms.Form):
    """A fiscal year's targets, one optional field per indicator: a field left empty keeps
    that indicator without a target (or its target as set before)."""

    def __init__(self, *args: Any, current: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = {
            "percent": _("Per cent, 0 to 100."),
            "yen": _("Yen, a whole number."),
            "people": _("Number of people."),
        }
        # Form messages are formatted with the field's limits, so their words hold no "%".
        whole = _("A target is a whole number from 0. Type it without a sign or decimal point.")
        for code, label in KpiCode.choices:
            rate = kpi_unit(code) == "percent"
            self.fields[code] = BoundedIntegerField(
                label=label,
                required=False,
                min_value=0,
                max_value=100 if rate else MAX_TARGET,
                initial=current.get(code),
                help_text=units[kpi_unit(code)],
                error_messages={
                    "invalid": whole,
                    "min_value": whole,
                    "max_value": _("A rate is at most 100 per cent. Give a number from 0 to 100.")
                    if rate
                    else _("This target is larger than any region could reach. Check the digits."),
                },
            )

    def targets(self) -> dict[str, int]:
        """The targets typed: the indicators left empty are not sent to the service."""
        return {code: value for code, value in self.cleaned_data.items() if value is not None}


class GradeRuleForm(forms.Form):
    achieved_percent = BoundedIntegerField(
        label=_("◎ achieved from (per cent of the target)"), min_value=1, max_value=1000
    )
    good_percent = BoundedIntegerField(
        label=_("○ close to the target from (per cent of the target)"),
        min_value=1,
        max_value=1000,
    )


class BenchmarkingForm(forms.Form):
    opted_in = forms.BooleanField(
        label=_(
            "Compare our figures with other regions that also take part (benchmarking): they see"
            " ours, with small groups hidden, and we see theirs"
        ),
        required=False,
    )
