"""Form fields with the bounds the program can hold, and query parameters read safely.

A page's form or query string may carry any text: a year 0001 or 9999, a number past 2⁶³, a
NUL byte. Python's dates stop at 9999-12-31 (a week after it overflows), PostgreSQL's
integers at 2³¹ − 1, and its text refuses NUL. So every date, number and text a page accepts
is bounded here, where a new form cannot forget it (tests/test_form_bounds.py checks every
form of the project), and the error says what is wrong and how to fix it.

The core's own form, the audit log's filter, is here too: its page, its CSV export and its
API endpoint share it, so that all three accept and refuse the same input.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.audit import ACTION_LABELS
from sousei.core.bounds import DATE_MAX, DATE_MIN, INT_MAX
from sousei.core.selectors import AuditFilters

# The limits are the API's (core.bounds), so a page and an endpoint accept the same values.


def date_in_range(value: dt.date | dt.datetime) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValidationError(
            _("Enter a date in the years %(first)s to %(last)s."),
            code="date_out_of_range",
            params={"first": DATE_MIN.year, "last": DATE_MAX.year},
        )


class BoundedDateField(forms.DateField):
    """A date between DATE_MIN and DATE_MAX."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(date_in_range)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time whose date lies between DATE_MIN and DATE_MAX."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(date_in_range)


class BoundedIntegerField(forms.IntegerField):
    """A whole number that fits the database's integer column unless a lower maximum is
    given."""

    def __init__(self, *, max_value: int = INT_MAX, **kwargs: Any) -> None:
        super().__init__(max_value=min(max_value, INT_MAX), **kwargs)


def query_date(request: HttpRequest, name: str) -> dt.date | None:
    """The date in the query parameter `name`, or None when it is missing, not a date or
    outside the program's years (a page then shows its default, as for no parameter)."""
    return day_in_range(request.GET.get(name, ""))


def day_in_range(raw: str) -> dt.date | None:
    """The YYYY-MM-DD date in `raw`, or None when it is not one or lies outside the
    program's years."""
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return None
    return day if DATE_MIN <= day <= DATE_MAX else None


def query_int(request: HttpRequest, name: str) -> int | None:
    """The positive whole number in the query parameter `name` that fits an integer column,
    or None."""
    raw = request.GET.get(name, "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10:
        return None
    number = int(raw)
    return number if 0 < number <= INT_MAX else None


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
    date_from = BoundedDateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD"),
    )
    date_to = BoundedDateField(
        label=pgettext_lazy("date range", "Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD, this day included"),
    )
    page = BoundedIntegerField(
        required=False, min_value=1, max_value=1_000_000, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = _("All")
        self.fields["object_type"].choices = [("", everything), *object_type_choices()]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", everything), *action_choices()]  # type: ignore[attr-defined]

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
