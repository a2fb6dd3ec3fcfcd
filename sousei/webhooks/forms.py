"""Forms of the webhooks pages: they parse what an operator types into the services' inputs;
the services decide what is allowed (the address, the events) and say why not."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sousei.core.domain_events import KINDS
from sousei.webhooks.models import DeliveryStatus
from sousei.webhooks.services import EndpointInput


class EndpointForm(forms.Form):
    url = forms.CharField(
        label=_("Address (URL)"),
        max_length=500,
        help_text=_("The receiver's public https:// address, e.g. https://example.jp/webhooks"),
        error_messages={"required": _("Enter the address the events are sent to.")},
        widget=forms.URLInput(attrs={"autocomplete": "off", "inputmode": "url"}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("Who receives it and why, e.g. the city's dashboard"),
    )
    event_kinds = forms.MultipleChoiceField(
        label=_("Events to send"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one event to send."),
            "invalid_choice": _("Choose events from the list."),
        },
    )
    allows_personal_data = forms.BooleanField(
        label=_("Also send the person's name and e-mail address"),
        required=False,
        help_text=_(
            "Only for a receiver covered by an agreement on personal data. Each sending is "
            "recorded as a provision of personal data to a third party."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["event_kinds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(kind, f"{label} ({kind})") for kind, label in KINDS.items()]

    def data_input(self) -> EndpointInput:
        return EndpointInput(
            url=self.cleaned_data["url"],
            description=self.cleaned_data["description"],
            event_kinds=self.cleaned_data["event_kinds"],
            allows_personal_data=self.cleaned_data["allows_personal_data"],
        )

    def add_service_errors(self, error: ValidationError) -> None:
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *DeliveryStatus.choices],
    )
