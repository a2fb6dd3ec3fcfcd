"""Forms of the workplace pages: they parse what people choose into the services' inputs;
the services decide what is allowed and say why not."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.forms import BoundedDateTimeField, BoundedIntegerField
from sousei.workplace import presence_rules as rules
from sousei.workplace.models import PresenceState, RoomKind, TeamKind

STATE_CHOICES = [(s, PresenceState(s).label) for s in rules.CHOSEN_STATES]
EXPIRY_CHOICES = [
    (rules.NEVER, pgettext_lazy("status clears", "Don't clear")),
    (rules.MINUTES_30, pgettext_lazy("status clears", "In 30 minutes")),
    (rules.HOUR_1, pgettext_lazy("status clears", "In 1 hour")),
    (rules.TODAY, pgettext_lazy("status clears", "At the end of today")),
    (rules.THIS_WEEK, pgettext_lazy("status clears", "At the end of this week (Sunday)")),
    (rules.CUSTOM, pgettext_lazy("status clears", "At a time I choose")),
]
DND_CHOICES = [
    ("off", _("Off")),
    (rules.HOUR_1, _("For 1 hour")),
    ("2h", _("For 2 hours")),
    (rules.TODAY, _("Until the end of today")),
    (rules.CUSTOM, _("Until a time I choose")),
]
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def _local_moment_widget() -> forms.DateTimeInput:
    # step=1: seconds may be given (the form reads them), minutes are what people pick.
    return forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1}, format=LOCAL_INPUT)


class PresenceForm(forms.Form):
    """One's state and status, with when the status clears."""

    state = forms.ChoiceField(
        label=_("Presence"),
        choices=STATE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose available, busy, in a meeting or away.")},
    )
    status_emoji = forms.CharField(
        label=_("Status emoji"),
        max_length=16,
        required=False,
        help_text=_("One emoji, e.g. 🏠 or 📞."),
    )
    status_text = forms.CharField(
        label=_("Status"),
        max_length=60,
        required=False,
        help_text=_("At most 60 characters, e.g. 午後は客先 / with a client this afternoon."),
    )
    expires = forms.ChoiceField(
        label=_("Clear the status"),
        choices=EXPIRY_CHOICES,
        initial=rules.TODAY,
        error_messages={"invalid_choice": _("Choose when the status clears.")},
    )
    expires_at = BoundedDateTimeField(
        label=_("Clear at (date and time)"),
        required=False,
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=_local_moment_widget(),
        help_text=_("Only for “At a time I choose”. Japan time."),
    )

    def expiry(self) -> dt.datetime | None:
        """When the chosen status clears; a form error (and None) when it cannot be used."""
        choice = self.cleaned_data["expires"]
        custom = self.cleaned_data.get("expires_at")
        if custom is not None and timezone.is_naive(custom):
            custom = timezone.make_aware(custom)
        try:
            return rules.status_expiry(choice, now=clock.now(), custom=custom)
        except rules.ExpiryError as error:
            messages = {
                "past": _("That time has passed. Choose a time in the future."),
                "too_far": _("A status can clear at most one year ahead. Choose an earlier time."),
                "missing": _("Enter the date and time the status clears."),
            }
            self.add_error("expires_at", messages.get(error.code, messages["missing"]))
            return None


class DoNotDisturbForm(forms.Form):
    until = forms.ChoiceField(label=_("Do not disturb"), choices=DND_CHOICES)
    until_at = BoundedDateTimeField(
        label=_("Until (date and time)"),
        required=False,
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=_local_moment_widget(),
        help_text=_("Only for “Until a time I choose”. Japan time."),
    )

    def until_moment(self) -> tuple[bool, dt.datetime | None]:
        """(valid, when do-not-disturb ends; None: off)."""
        choice = self.cleaned_data["until"]
        now = clock.now()
        if choice == "off":
            return True, None
        if choice == rules.HOUR_1:
            return True, now + dt.timedelta(hours=1)
        if choice == "2h":
            return True, now + dt.timedelta(hours=2)
        if choice == rules.TODAY:
            return True, rules.end_of_day(now)
        custom = self.cleaned_data.get("until_at")
        if custom is None:
            self.add_error("until_at", _("Enter the date and time do-not-disturb ends."))
            return False, None
        return True, timezone.make_aware(custom) if timezone.is_naive(custom) else custom


class HideForm(forms.Form):
    hidden = forms.BooleanField(label=_("Hide my presence"), required=False)


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, RoomKind(k).label) for k in (RoomKind.OPEN, RoomKind.MEETING, RoomKind.FOCUS)],
    )
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For a meeting room: the link of its video meeting (https://…)."),
    )
    capacity = BoundedIntegerField(label=_("Capacity"), required=False, min_value=1, max_value=500)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=TeamKind.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class ManagerForm(forms.Form):
    manager = forms.TypedChoiceField(
        label=_("Manager"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["manager"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("No manager")), *choices]


def service_errors(form: forms.Form, error: ValidationError, names: dict[str, str]) -> None:
    """Put a service's errors next to the fields they concern (the rest above the form)."""
    for name, errors in error.error_dict.items():
        target = names.get(name, name)
        form.add_error(target if target in form.fields else None, errors)
