"""Forms of the live-session pages: scheduling a session and recording one learner's
attendance. They parse what people type; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.forms import BoundedDateTimeField, BoundedIntegerField
from sousei.training.models import AttendanceStatus, Course
from sousei.training.services.live import LiveSessionInput

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime_field(label: Any) -> Any:
    return BoundedDateTimeField(
        label=label,
        widget=_DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )


class LiveSessionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    title = forms.CharField(label=_("Title"), max_length=120)
    starts_at = _datetime_field(_("Starts at"))
    ends_at = _datetime_field(_("Ends at"))
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The video meeting's https:// link; learners open it when they join."),
    )
    room_name = forms.CharField(
        label=_("Virtual office room"),
        max_length=60,
        required=False,
        help_text=_("Optional: the room of the virtual office where you hold it."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, courses: QuerySet[Course], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]

    def to_input(self) -> LiveSessionInput:
        data = self.cleaned_data
        return LiveSessionInput(
            course_id=data["course"].pk,
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            meeting_url=data["meeting_url"],
            room_name=data["room_name"],
            description=data["description"],
        )


ATTENDANCE_CHOICES = [
    (value, label) for value, label in AttendanceStatus.choices if value != "invited"
]


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        label=pgettext_lazy("attendance", "Attendance"), choices=ATTENDANCE_CHOICES
    )
    minutes = BoundedIntegerField(
        label=_("Minutes attended"),
        min_value=0,
        max_value=8 * 60,
        required=False,
        help_text=_("Leave empty for the time from joining to the end."),
    )
