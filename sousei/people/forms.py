"""The person fieldset shared by the program application, the event registration and the job
application, and the intake forms. Forms only parse; the services decide what is valid (the
person's fields are checked by people.validation.person_clean on both sides, so the reasons
show next to the fields even while others still need filling in)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from sousei.core import clock, postal
from sousei.core.bounds import DATE_MAX, LONG_TEXT, SHORT_TEXT
from sousei.core.forms import BoundedIntegerField
from sousei.core.models import Region
from sousei.people.models import ApplicationStatus, WorkStatus
from sousei.people.services import (
    ApplicationInput,
    application_clean,
    application_consent_check,
    eligible_address,
)
from sousei.people.validation import PERSON_FIELDS, clean_postal_code, person_clean


class PersonFields(forms.Form):
    """A person's fields and their checks, for any form that asks who someone is.

    A form lists the fields it asks for in `person_fields` (the others are removed); each one
    it asks for is required. `person_labels` and `person_help_texts` say what differs on that
    form; `contact_extra` and `address_extra` name the form's own fields shown with the
    contact and address groups of people/_person_fieldset.html."""

    person_fields: ClassVar[tuple[str, ...]] = PERSON_FIELDS
    person_labels: ClassVar[dict[str, Any]] = {}
    person_help_texts: ClassVar[dict[str, Any]] = {}
    contact_legend: ClassVar[Any] = _("How to reach you")
    contact_extra_fields: ClassVar[tuple[str, ...]] = ()
    address_extra_fields: ClassVar[tuple[str, ...]] = ()

    family_name = forms.CharField(label=_("Family name"), max_length=60)
    given_name = forms.CharField(label=_("Given name"), max_length=60)
    family_name_kana = forms.CharField(
        label=_("Family name (kana)"), max_length=60, help_text=_("In katakana, e.g. コガ")
    )
    given_name_kana = forms.CharField(
        label=_("Given name (kana)"), max_length=60, help_text=_("In katakana, e.g. ハナコ")
    )
    # person_clean checks the age against today; these bounds only keep a year 0001 or 9999
    # from reaching it (the messages are the same).
    birth_date = forms.DateField(
        label=_("Birth date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[
            MinValueValidator(
                dt.date(1900, 1, 1),
                _("The birth date is more than 120 years ago. Check the year."),
            ),
            MaxValueValidator(
                DATE_MAX, _("The birth date is in the future. Enter the date you were born.")
            ),
        ],
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
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
    # Shown only: filled in from the postal code by the page's script.
    address = forms.CharField(
        max_length=200,
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asked = set(self.person_fields)
        if "postal_code" in asked:
            asked.add("address")
        for name in (*PERSON_FIELDS, "address"):
            if name not in asked:
                del self.fields[name]
        for name, label in self.person_labels.items():
            self.fields[name].label = label
        for name, text in self.person_help_texts.items():
            self.fields[name].help_text = text
        for name, autocomplete in (
            ("family_name", "family-name"),
            ("given_name", "given-name"),
            ("email", "email"),
        ):
            self.fields[name].widget.attrs.setdefault("autocomplete", autocomplete)

    def postal_check(self, text: str) -> postal.PostalAddress:
        """Which postal codes the form admits: any in Japan unless a form narrows it."""
        return clean_postal_code(text)

    def _person_check(self, name: str) -> Any:
        value = self.cleaned_data[name]
        result = person_clean({name: value}, today=clock.today(), postal_check=self.postal_check)
        if result.errors:
            raise forms.ValidationError(result.errors[name])
        return result.fields.get(name, value)

    def clean_family_name(self) -> str:
        return self._person_check("family_name")

    def clean_given_name(self) -> str:
        return self._person_check("given_name")

    def clean_family_name_kana(self) -> str:
        return self._person_check("family_name_kana")

    def clean_given_name_kana(self) -> str:
        return self._person_check("given_name_kana")

    def clean_birth_date(self) -> Any:
        return self._person_check("birth_date")

    def clean_email(self) -> str:
        return self._person_check("email")

    def clean_phone(self) -> str:
        return self._person_check("phone")

    def clean_postal_code(self) -> str:
        # The text stays as typed; the service looks its address up again when it stores.
        return self._person_check("postal_code")

    def clean_address_line(self) -> str:
        return self._person_check("address_line")

    def person_values(self) -> dict[str, Any]:
        """The person's fields this form asked for, as cleaned."""
        return {name: self.cleaned_data[name] for name in self.person_fields}

    def contact_extra(self) -> list[forms.BoundField]:
        return [self[name] for name in self.contact_extra_fields]

    def address_extra(self) -> list[forms.BoundField]:
        return [self[name] for name in self.address_extra_fields]


class ApplicationForm(PersonFields):
    """The program application: every person field, the address within the region."""

    work_status = forms.ChoiceField(label=_("Current work status"), choices=WorkStatus.choices)
    weekly_hours_available = BoundedIntegerField(
        label=_("Hours you can work or study per week"), min_value=1, max_value=80
    )
    baseline_monthly_income_jpy = BoundedIntegerField(
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

    def postal_check(self, text: str) -> postal.PostalAddress:
        return eligible_address(self.region, text)

    def clean_consent_program(self) -> bool:
        # Not `required` on the field: the service's own check says why it is needed.
        granted: bool = self.cleaned_data["consent_program"]
        application_consent_check(granted)
        return granted

    def clean(self) -> dict[str, Any]:
        """The service's own checks (work status admitted, income, …) run on whatever was
        typed even when another field is wrong, so every problem shows in one round; a field
        that already has an error keeps only its own."""
        data = super().clean() or {}
        try:
            application_clean(region=self.region, data=self._partial_input(), today=clock.today())
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, errors)
        return data

    def _partial_input(self) -> ApplicationInput:
        """What the service checks, from the fields that parsed; a field that did not
        parse gets a stand-in its own error already covers."""
        data = self.cleaned_data
        stand_ins: dict[str, Any] = {"birth_date": None}
        return ApplicationInput(
            **{name: data.get(name, stand_ins.get(name, "")) for name in self.person_fields},
            work_status=data.get("work_status", ""),
            weekly_hours_available=data.get("weekly_hours_available") or 1,
            baseline_monthly_income_jpy=data.get("baseline_monthly_income_jpy") or 0,
            consent_program=bool(data.get("consent_program")),
            consent_share_with_municipality=bool(data.get("consent_share_with_municipality")),
            motivation=data.get("motivation", ""),
        )

    def to_input(self) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(
            **self.person_values(),
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
        max_length=LONG_TEXT,
        label=_("Reason (required when rejecting)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Accepting or rejecting cannot be undone and e-mails the applicant, so the operator
    # ticks this first; a waitlisted application can still be decided later.
    confirm = forms.BooleanField(
        label=_(
            "I have checked this application. Accepting or rejecting cannot be undone, "
            "and the applicant is e-mailed the decision."
        ),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") in ("accept", "reject") and not cleaned.get("confirm"):
            self.add_error(
                "confirm",
                _("Tick the box to confirm: accepting or rejecting cannot be undone."),
            )
        return cleaned


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(max_length=SHORT_TEXT, label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    page = BoundedIntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *ApplicationStatus.choices]  # type: ignore[attr-defined]


class ContactForm(forms.Form):
    """One's own contact details and address; the address follows the postal code."""

    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        required=False,
        help_text=_("Seven digits; your address is filled in from it."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "data-postal-lookup": "1"}
        ),
    )
    address_line = forms.CharField(
        label=_("Street number and building"),
        max_length=120,
        required=False,
        help_text=_("e.g. 1-1-1 コガハイツ101"),
    )
