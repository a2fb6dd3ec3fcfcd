"""Forms of the spaces pages: they parse what people type into the services' inputs; the
services decide what is allowed and say why not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sousei.core.bounds import LONG_TEXT
from sousei.core.forms import BoundedDateField
from sousei.spaces.models import Resource
from sousei.spaces.selectors import space_zone
from sousei.spaces.services import WEEKDAYS

# The services' field names → this form's fields.
SERVICE_FIELDS = {
    "resource_id": "resource",
    "starts_at": "start",
    "ends_at": "end",
    "purpose": "purpose",
}


class _ResourceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Resource) -> str:
        return f"{obj.space.name} · {obj.name}（{obj.get_kind_display()} · {obj.capacity}名）"


class BookingForm(forms.Form):
    resource = _ResourceChoiceField(
        label=_("Desk or room"),
        queryset=Resource.objects.none(),
        empty_label=_("Choose…"),
        error_messages={"required": _("Choose a desk or room.")},
    )
    day = BoundedDateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the date, e.g. 2027-03-01.")},
    )
    start = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M"),
        error_messages={"required": _("Enter the start time, e.g. 10:00.")},
    )
    end = forms.TimeField(
        label=_("End time"),
        widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M"),
        error_messages={"required": _("Enter the end time, e.g. 12:00.")},
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_("e.g. self-study, client meeting, interview"),
        error_messages={"required": _("Say what the booking is for.")},
    )

    def __init__(self, *args: Any, resources: Iterable[Resource], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["resource"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = resources  # type: ignore[assignment]

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        """The chosen range as aware datetimes in the space's time zone."""
        resource: Resource = self.cleaned_data["resource"]
        zone = space_zone(resource.space)
        day: dt.date = self.cleaned_data["day"]
        return (
            dt.datetime.combine(day, self.cleaned_data["start"], tzinfo=zone),
            dt.datetime.combine(day, self.cleaned_data["end"], tzinfo=zone),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's errors next to the fields they concern (the rest above the form)."""
        for name, errors in error.error_dict.items():
            target = SERVICE_FIELDS.get(name)
            self.add_error(target if target in self.fields else None, errors)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=200,
        help_text=_("Type the 16 characters under the QR code, or scan it with the camera."),
        error_messages={"required": _("Type the code under the booking's QR code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class SpaceHoursForm(forms.Form):
    """Opening hours per weekday (empty times: closed that weekday) and closed days."""

    closed_dates = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Closed dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One date a line, e.g. 2027-03-03."),
    )
    closed_periods = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Closed every year"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One period a line as month-day..month-day, e.g. 12-29..01-03."),
    )
    closed_on_holidays = forms.BooleanField(label=_("Closed on national holidays"), required=False)

    def __init__(self, *args: Any, space: Any = None, **kwargs: Any) -> None:
        if space is not None and "initial" not in kwargs:
            initial: dict[str, Any] = {
                "closed_dates": "\n".join(space.closed_dates or []),
                "closed_periods": "\n".join(space.closed_periods or []),
                "closed_on_holidays": space.closed_on_holidays,
            }
            for day, hours in enumerate(space.opening_hours or [None] * 7):
                if hours:
                    initial[f"opens_{day}"], initial[f"closes_{day}"] = hours
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for day, label in enumerate(WEEKDAYS):
            for part, part_label in (("opens", _("opens")), ("closes", _("closes"))):
                self.fields[f"{part}_{day}"] = forms.TimeField(
                    label=f"{label} {part_label}",
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )

    def weekday_rows(self) -> list[tuple[str, Any, Any]]:
        return [
            (str(label), self[f"opens_{day}"], self[f"closes_{day}"])
            for day, label in enumerate(WEEKDAYS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for day in range(7):
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if (opens is None) != (closes is None):
                self.add_error(
                    f"closes_{day}" if closes is None else f"opens_{day}",
                    _("Give both times, or neither for a day it is closed."),
                )
            elif opens is not None and closes is not None and closes <= opens:
                self.add_error(f"closes_{day}", _("Closing time must be after opening time."))
        for line in self._lines(data.get("closed_dates", "")):
            try:
                dt.date.fromisoformat(line)
            except ValueError:
                self.add_error(
                    "closed_dates", _("“%(line)s” is not a date like 2027-03-03.") % {"line": line}
                )
        return data

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def opening_hours(self) -> list[list[str] | None]:
        hours: list[list[str] | None] = []
        for day in range(7):
            opens = self.cleaned_data.get(f"opens_{day}")
            closes = self.cleaned_data.get(f"closes_{day}")
            hours.append(
                [opens.strftime("%H:%M"), closes.strftime("%H:%M")] if opens and closes else None
            )
        return hours

    def closed_date_list(self) -> list[str]:
        return self._lines(self.cleaned_data.get("closed_dates", ""))

    def closed_period_list(self) -> list[str]:
        return self._lines(self.cleaned_data.get("closed_periods", ""))
