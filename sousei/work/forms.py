"""Forms of the work pages: a day's time record, returning a week, running a pay month."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.forms import BoundedDateField
from sousei.work.models.timesheets import TimeRecord
from sousei.work.services import timesheets as services


class PayRunForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        help_text=_("The month to pay, e.g. 2026-12."),
        widget=forms.TextInput(attrs={"type": "month"}),
        max_length=7,
    )


class DayForm(forms.Form):
    """One work day: date, start, end (maybe the next day) and up to two breaks."""

    date = BoundedDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=pgettext_lazy("time of day", "Start"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=pgettext_lazy("time of day", "End"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_next_day = forms.BooleanField(
        label=_("Ends the next day (after midnight)"), required=False
    )
    break1_start = forms.TimeField(
        label=_("Break from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    break1_end = forms.TimeField(
        label=_("Break until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    break2_start = forms.TimeField(
        label=_("Second break from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    break2_end = forms.TimeField(
        label=_("Second break until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in (1, 2):
            start, end = data.get(f"break{n}_start"), data.get(f"break{n}_end")
            if (start is None) != (end is None):
                self.add_error(
                    f"break{n}_start", _("Give both the start and the end of the break.")
                )
        return data

    def to_input(self) -> services.DayInput:
        data = self.cleaned_data
        breaks = tuple(
            (data[f"break{n}_start"], data[f"break{n}_end"])
            for n in (1, 2)
            if data.get(f"break{n}_start") and data.get(f"break{n}_end")
        )
        return services.DayInput(
            date=data["date"],
            start=data["start"],
            end=data["end"],
            ends_next_day=data["ends_next_day"],
            breaks=breaks,
            note=data["note"],
        )

    def add_service_errors(self, error: ValidationError) -> None:
        renamed = {"breaks": "break1_start"}
        for field, errors in error.error_dict.items():
            target = renamed.get(field, field)
            self.add_error(target if target in self.fields else None, errors)


def day_form_initial(record: TimeRecord) -> dict[str, Any]:
    """A stored day as the form shows it: local clock times, breaks in order."""
    zone = ZoneInfo(record.region.timezone or "Asia/Tokyo")
    start, end = record.start.astimezone(zone), record.end.astimezone(zone)
    initial: dict[str, Any] = {
        "date": record.date,
        "start": start.time().replace(second=0, microsecond=0),
        "end": end.time().replace(second=0, microsecond=0),
        "ends_next_day": end.date() > record.date,
        "note": record.note,
    }
    for n, pause in enumerate(sorted(record.breaks.all(), key=lambda b: b.start), start=1):
        if n > 2:
            break
        initial[f"break{n}_start"] = pause.start.astimezone(zone).time().replace(second=0)
        initial[f"break{n}_end"] = pause.end.astimezone(zone).time().replace(second=0)
    return initial


class ReturnForm(forms.Form):
    week_start = BoundedDateField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What needs to change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Say what needs to change, so the participant can fix the week.")
        },
    )
