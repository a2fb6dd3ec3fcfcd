"""Inquiry forms: the public contact form (per region, or program-wide with a region to
choose), the inbox's filter, the reply, status and notes forms, and the office's contact."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.bounds import SHORT_TEXT
from sousei.core.errors import lazy_format
from sousei.core.models import Region
from sousei.core.services import OFFICE_FIELDS
from sousei.inquiries.models import MESSAGE_MAX, REPLY_MAX, InquiryKind, InquiryStatus
from sousei.inquiries.services import InquiryInput


class ContactForm(forms.Form):
    """The contact form. `website` is the honeypot: moved off screen and hidden from screen
    readers (the template wraps it), so only a bot fills it in."""

    kind = forms.ChoiceField(
        label=_("You are"),
        choices=InquiryKind.choices,
        widget=forms.RadioSelect,
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=120,
        required=False,
        help_text=_("Company, municipality or school, if any."),
    )
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The office answers you at this address."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        help_text=_("Optional, e.g. 092-942-1111."),
    )
    message = forms.CharField(
        label=_("Your inquiry"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=lazy_format(_("At most %(limit)s characters."), {"limit": f"{MESSAGE_MAX:,}"}),
    )
    # Not `required`: the service says why the consent is needed, with the other reasons.
    consent_privacy_policy = forms.BooleanField(
        label=_("I agree to the handling of my personal data described above"), required=False
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, regions: list[Region] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = regions
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        if regions is not None:
            # The program-wide form: the visitor chooses the region whose office answers.
            self.fields["region"] = forms.ChoiceField(
                label=_("Region"),
                choices=[("", _("Choose a region")), *((r.slug, r.local_name) for r in regions)],
                help_text=_("The program office of this region answers you."),
            )
            self.order_fields(["region"])

    def chosen_region(self) -> Region:
        slug = self.cleaned_data["region"]
        return next(r for r in self.regions or [] if r.slug == slug)

    def to_input(self, language: str) -> InquiryInput:
        data = self.cleaned_data
        return InquiryInput(
            kind=data["kind"],
            organisation=data["organisation"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            message=data["message"],
            consent_privacy_policy=data["consent_privacy_policy"],
            language=language,
            website=data["website"],
        )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("status filter", "All")), *InquiryStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Who is asking"),
        required=False,
        choices=[("", pgettext_lazy("kind filter", "All")), *InquiryKind.choices],
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SHORT_TEXT,
        help_text=_("Name, organisation, e-mail or words of the message."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("E-mailed to the sender; the inquiry is then marked answered."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InquiryStatus.choices)


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Internal notes"),
        max_length=REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the office sees these; they are never sent."),
    )


class OfficeForm(forms.ModelForm):
    """How people reach the region's program office (事務局)."""

    class Meta:
        model = Region
        fields = list(OFFICE_FIELDS)
        widgets = {
            "office_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "office_phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }
