"""The public application form. It only parses; the service decides what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sousei.core.models import Region
from sousei.people.models import ApplicationStatus, WorkStatus
from sousei.people.services import ApplicationInput, eligible_address


class ApplicationForm(forms.Form):
    family_name = forms.CharField(label=_("Family name"), max_length=40)
    given_name = forms.CharField(label=_("Given name"), max_length=40)
    family_name_kana = forms.CharField(
        label=_("Family name (kana)"), max_length=60, help_text=_("In katakana, e.g. コガ")
    )
    given_name_kana = forms.CharField(
        label=_("Given name (kana)"), max_length=60, help_text=_("In katakana, e.g. ハナコ")
    )
    birth_date = forms.DateField(
        label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        help_text=_("Seven digits; your address is filled in from it."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "data-postal-lookup": "1"}
        ),
    )
    address = forms.CharField(
        label=_("Prefecture, city and town"),
        required=False,
        disabled=True,
        widget=forms.TextInput(attrs={"readonly": "readonly", "data-postal-address": "1"}),
    )
    address_line = forms.CharField(
        label=_("Street number and building"),
        max_length=120,
        help_text=_("e.g. 1-1-1 コガハイツ101"),
    )
    work_status = forms.ChoiceField(label=_("Current work status"), choices=WorkStatus.choices)
    weekly_hours_available = forms.IntegerField(
        label=_("Hours you can work or study per week"), min_value=1, max_value=80
    )
    baseline_monthly_income_jpy = forms.IntegerField(
        label=_("Monthly income now (yen)"),
        min_value=0,
        max_value=10_000_000,
        help_text=_("Before tax, roughly. Used to show the program's effect on income."),
    )
    motivation = forms.CharField(
        label=_("What you hope to do after the training (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_program = forms.BooleanField(
        label=_("I agree to the purpose of use above."), required=False
    )
    consent_share_with_municipality = forms.BooleanField(
        label=_("I also agree that the city may see my personal data (optional)."), required=False
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_postal_code(self) -> str:
        # Checked here as well as in the service so the reason shows even while other
        # fields still need filling in.
        value: str = self.cleaned_data["postal_code"]
        eligible_address(self.region, value)
        return value

    def to_input(self) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(
            family_name=data["family_name"],
            given_name=data["given_name"],
            family_name_kana=data["family_name_kana"],
            given_name_kana=data["given_name_kana"],
            birth_date=data["birth_date"],
            email=data["email"],
            phone=data["phone"],
            postal_code=data["postal_code"],
            address_line=data["address_line"],
            work_status=data["work_status"],
            weekly_hours_available=data["weekly_hours_available"],
            baseline_monthly_income_jpy=data["baseline_monthly_income_jpy"],
            consent_program=data["consent_program"],
            consent_share_with_municipality=data["consent_share_with_municipality"],
            motivation=data["motivation"],
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("waitlist", _("Waitlist")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when rejecting)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *ApplicationStatus.choices]  # type: ignore[attr-defined]
