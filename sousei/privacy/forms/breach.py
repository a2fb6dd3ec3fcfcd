"""Forms of the privacy pages. They parse what operators type into the services' inputs; the
services decide what is allowed and say why not.

The breach register: `BreachForm` (record or change an incident)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sousei.core.bounds import LONG_TEXT
from sousei.core.forms import BoundedDateField, BoundedDateTimeField, BoundedIntegerField
from sousei.core.provision_models import DataCategory
from sousei.privacy.models import BreachCause, BreachIncident, BreachStatus

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
PERSON_IDS_MAX = 2000
REPORTABLE_CHOICES = [
    ("", _("Not decided yet (follow the suggestion)")),
    ("yes", _("Yes, report it to the PPC")),
    ("no", _("No, it is not reportable")),
]


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _moment(label: Any, *, required: bool, help_text: Any = "") -> BoundedDateTimeField:
    return BoundedDateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=_DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )


def _day(label: Any) -> BoundedDateField:
    return BoundedDateField(label=label, required=False, widget=_DateInput())


class BreachForm(forms.Form):
    """An incident's facts, the decision whether to report it, and what was done."""

    title = forms.CharField(label=_("Title"), max_length=200)
    discovered_at = _moment(
        _("Discovered at"),
        required=True,
        help_text=_("When the program learnt of it: the report deadlines count from this."),
    )
    occurred_at = _moment(_("Occurred at"), required=False, help_text=_("Leave empty if unknown."))
    description = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    cause = forms.ChoiceField(label=_("Cause"), choices=BreachCause.choices)
    cause_detail = forms.CharField(label=_("Cause in detail"), required=False, max_length=500)
    data_categories = forms.MultipleChoiceField(
        label=_("Kinds of data"),
        choices=DataCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    person_ids = forms.CharField(
        label=_("People affected (person ids)"),
        required=False,
        max_length=PERSON_IDS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The ids of the people known to be affected, separated by commas or spaces."),
    )
    affected_count = BoundedIntegerField(
        label=_("Number of people affected"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=_("When the people are not known one by one: how many, as far as known."),
    )
    malicious = forms.BooleanField(
        label=_("It may have been done for an unlawful purpose (不正の目的)"), required=False
    )
    financial_risk = forms.BooleanField(
        label=_("Misuse of the data may cause financial loss (財産的被害のおそれ)"), required=False
    )
    reportable = forms.ChoiceField(
        label=_("Report to the PPC"), choices=REPORTABLE_CHOICES, required=False
    )
    preliminary_reported_on = _day(_("Preliminary report filed on"))
    final_reported_on = _day(_("Final report filed on"))
    people_notified_on = _day(_("People notified on"))
    notice_note = forms.CharField(
        label=_("How the people were told"), required=False, max_length=500
    )
    status = forms.ChoiceField(label=_("Status"), choices=BreachStatus.choices)

    @classmethod
    def initial_of(cls, incident: BreachIncident, person_ids: list[int]) -> dict[str, Any]:
        """The form's initial values for `incident`."""
        reportable = {None: "", True: "yes", False: "no"}[incident.reportable]
        return {
            **{
                name: getattr(incident, name) for name in cls.base_fields if hasattr(incident, name)
            },
            "person_ids": " ".join(str(pk) for pk in person_ids),
            "reportable": reportable,
        }

    def clean_person_ids(self) -> list[int]:
        raw = self.cleaned_data.get("person_ids") or ""
        parts = [part for part in re.split(r"[\s,、]+", raw) if part]
        ids = []
        for part in parts:
            if not part.isascii() or not part.isdigit() or len(part) > 10:
                raise ValidationError(
                    _("“%(value)s” is not a person id. Give whole numbers separated by commas."),
                    code="invalid_person_id",
                    params={"value": part[:20]},
                )
            ids.append(int(part))
        return ids

    def values(self) -> dict[str, Any]:
        """The cleaned values as the service's `BreachInput` takes them."""
        data = self.cleaned_data
        return dict(
            title=data["title"],
            discovered_at=data["discovered_at"],
            occurred_at=data.get("occurred_at"),
            description=data.get("description") or "",
            cause=data["cause"],
            cause_detail=data.get("cause_detail") or "",
            data_categories=list(data.get("data_categories") or []),
            person_ids=data.get("person_ids") or [],
            affected_count=data.get("affected_count"),
            malicious=bool(data.get("malicious")),
            financial_risk=bool(data.get("financial_risk")),
            reportable={"": None, "yes": True, "no": False}[data.get("reportable") or ""],
            preliminary_reported_on=data.get("preliminary_reported_on"),
            final_reported_on=data.get("final_reported_on"),
            people_notified_on=data.get("people_notified_on"),
            notice_note=data.get("notice_note") or "",
            status=data["status"],
        )
