"""The residence-check answer form: still living in the region or not, where to if they
moved (optional), and for an independent the monthly income (optional)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sousei.core.forms import BoundedIntegerField
from sousei.impact.services import CheckAnswer
from sousei.impact.services.checks import MAX_INCOME_JPY

STAYING, MOVED = "yes", "no"


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
