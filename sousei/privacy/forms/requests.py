"""Forms of the privacy pages. They parse what people type into the services' inputs; the
services decide what is allowed and say why not."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sousei.core.forms import BoundedDateField
from sousei.people.models import ConsentPurpose, WorkStatus
from sousei.privacy.models import Channel, RequestKind, RequestStatus
from sousei.privacy.services.requests import MAX_NOTE, MAX_REASON
from sousei.projects.forms import DateInput

# What a person asks for on their own page as a request the office answers: a disclosure
# is downloaded at once and a consent withdrawn at once, each with its own button.
OWN_KINDS = [
    (RequestKind.CORRECTION.value, RequestKind.CORRECTION.label),
    (RequestKind.SUSPENSION.value, RequestKind.SUSPENSION.label),
    (RequestKind.ERASURE.value, RequestKind.ERASURE.label),
]


def _note_field(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


class OwnRequestForm(forms.Form):
    """A signed-in person's request about their data in one of their regions."""

    person = forms.TypedChoiceField(label=_("Program (region)"), coerce=int)
    kind = forms.ChoiceField(label=_("What do you ask for?"), choices=OWN_KINDS)
    note = _note_field(
        _("Details"),
        _(
            "For a correction, say what is wrong and what is right; for a suspension or "
            "erasure, which data and why."
        ),
    )

    def __init__(self, *args: Any, persons: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (person.pk, person.region.name_ja) for person in persons
        ]


class WithdrawForm(forms.Form):
    """Withdraw one consent, effective at once."""

    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices, widget=forms.HiddenInput)


class FileRequestForm(forms.Form):
    """An operator records a request that came in by post, phone or at the counter."""

    email = forms.EmailField(
        label=_("The person's e-mail address"),
        max_length=254,
        help_text=_("The address the person is on record with in this region."),
    )
    kind = forms.ChoiceField(label=_("Request"), choices=RequestKind.choices)
    purpose = forms.ChoiceField(
        label=_("Consent withdrawn (for a consent withdrawal)"),
        choices=[("", "—"), *ConsentPurpose.choices],
        required=False,
    )
    channel = forms.ChoiceField(label=_("Received through"), choices=Channel.choices)
    note = _note_field(_("Note"), _("What the person asked for, in their words."))


class FilterForm(forms.Form):
    """The queue's filters (the query string)."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *RequestStatus.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Request"), choices=[("", _("All")), *RequestKind.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the refusal"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The person is told this reason (APPI art. 36). Name the exception that applies."
        ),
    )


class CorrectionForm(forms.Form):
    """The corrected values; a field left empty stays as it is."""

    family_name = forms.CharField(label=_("Family name"), max_length=60, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=60, required=False)
    family_name_kana = forms.CharField(label=_("Family name (kana)"), max_length=60, required=False)
    given_name_kana = forms.CharField(label=_("Given name (kana)"), max_length=60, required=False)
    birth_date = BoundedDateField(label=_("Birth date"), required=False, widget=DateInput())
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=8, required=False)
    address_line = forms.CharField(
        label=_("Street address, building"), max_length=120, required=False
    )
    work_status = forms.ChoiceField(
        label=_("Work status"), choices=[("", "—"), *WorkStatus.choices], required=False
    )

    def changes(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
