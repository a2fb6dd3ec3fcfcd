"""Forms of the onboarding and 1-on-1 pages; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.forms import BoundedDateField, BoundedDateTimeField, BoundedIntegerField
from sousei.core.text import user_name
from sousei.workplace.models import Cadence, ItemOwner
from sousei.workplace.services.one_on_ones import TEMPLATES

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class TemplateStepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=120)
    description = forms.CharField(
        label=pgettext_lazy("onboarding step", "What to do"), max_length=500, required=False
    )
    owner = forms.ChoiceField(label=_("Owner"), choices=ItemOwner.choices)
    due_days = BoundedIntegerField(
        label=_("Due (days from the start)"),
        min_value=-60,
        max_value=365,
        help_text=_("0 is the first day; -3 three days before it; 14 two weeks after."),
    )


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_name(obj)


class SeriesForm(forms.Form):
    manager = _PersonChoice(label=_("Manager"), queryset=User.objects.none())
    member = _PersonChoice(label=_("Member"), queryset=User.objects.none())
    template = forms.ChoiceField(
        label=_("Template"), choices=[(key, label) for key, (label, _q) in TEMPLATES.items()]
    )
    cadence = forms.ChoiceField(label=_("How often"), choices=Cadence.choices)
    first_at = BoundedDateTimeField(
        label=_("First meeting"),
        widget=_DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
    )
    minutes = BoundedIntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=120, initial=30
    )
    meeting_url = forms.URLField(
        label=_("Meeting link"), max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, managers: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers  # type: ignore[attr-defined]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class AgendaForm(forms.Form):
    text = forms.CharField(label=_("Topic"), max_length=300)


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Who"), coerce=int, choices=())
    due_on = BoundedDateField(label=_("Due on"), required=False, widget=_DateInput())

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(u.pk, user_name(u)) for u in people]  # type: ignore[attr-defined]


class NotesForm(forms.Form):
    shared_notes = forms.CharField(
        label=_("Shared notes"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Both of you read and write these."),
    )
    private_note = forms.CharField(
        label=_("My private note"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you read this."),
    )
