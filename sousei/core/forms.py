"""Forms of the core: the audit log's filter, shared by its page, its CSV export and its API
endpoint, so that all three accept and refuse the same input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.audit import ACTION_LABELS
from sousei.core.selectors import AuditFilters

# The audit trail began with Sousei; a day outside these years is a typo (and year 1 or
# 9999 would overflow when turned into a moment in Japan's time zone).
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)
DAY_OUT_OF_RANGE = _("Enter a date between %(first)s and %(last)s, e.g. 2026-12-01.")


def object_type_choices() -> list[tuple[str, str]]:
    """Every kind of record an audit entry may name (Sousei's models and user accounts)."""
    choices = [
        (model._meta.label_lower, f"{model._meta.verbose_name} ({model._meta.label_lower})")
        for model in apps.get_models()
        if model.__module__.startswith("sousei.") or model._meta.label_lower == "auth.user"
    ]
    return sorted(choices)


def action_choices() -> list[tuple[str, str]]:
    return sorted((code, f"{label} ({code})") for code, label in ACTION_LABELS.items())


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("Who (username)"),
        required=False,
        max_length=150,
        help_text=_("The exact username, e.g. operator-koga."),
    )
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    object_id = forms.CharField(
        label=_("Record number"),
        required=False,
        max_length=40,
        help_text=_("With a kind of record: that record's history."),
    )
    action = forms.ChoiceField(label=_("What was done"), required=False)
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD, this day included"),
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=1_000_000, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = _("All")
        self.fields["object_type"].choices = [("", everything), *object_type_choices()]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", everything), *action_choices()]  # type: ignore[attr-defined]

    def _day(self, name: str) -> dt.date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError(
                DAY_OUT_OF_RANGE,
                code="out_of_range",
                params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            )
        return day

    def clean_date_from(self) -> dt.date | None:
        return self._day("date_from")

    def clean_date_to(self) -> dt.date | None:
        return self._day("date_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                ValidationError(
                    _("“Until” is before “From”. Set an end date on or after the start date."),
                    code="ends_before_start",
                ),
            )
        return data

    def filters(self) -> AuditFilters:
        """The filters of a valid form (call is_valid() first)."""
        data = self.cleaned_data
        return AuditFilters(
            actor=data.get("actor") or None,
            object_type=data.get("object_type") or None,
            object_id=data.get("object_id") or None,
            action=data.get("action") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
