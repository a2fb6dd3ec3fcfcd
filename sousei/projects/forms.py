"""Forms of the project pages: a new project, putting someone on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.bounds import LONG_TEXT
from sousei.core.forms import BoundedDateField, BoundedIntegerField
from sousei.core.models import Organization
from sousei.projects.models import Place
from sousei.projects.services.assignments import AssignmentInput
from sousei.projects.services.projects import ProjectInput, SkillNeed
from sousei.training.models import Skill, ToolProduct

SKILL_ROWS = 4
LEVEL_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(1, 5)]


class SkillChoiceField(forms.ModelChoiceField):
    """Skills by their names in the reader's language, never their codes (rpa.uipath)."""

    def label_from_instance(self, obj: Skill) -> str:
        return obj.local_name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ProjectForm(forms.Form):
    client = forms.ModelChoiceField(
        label=_("Client company"), queryset=Organization.objects.none(), empty_label=_("Choose…")
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    headcount = BoundedIntegerField(label=_("Headcount"), min_value=1, max_value=500, initial=1)
    hours_per_week = BoundedIntegerField(
        label=_("Hours per week"), min_value=1, max_value=40, initial=20
    )
    start_date = BoundedDateField(label=_("Start date"), widget=DateInput())
    end_date = BoundedDateField(label=_("End date"), widget=DateInput())
    place = forms.ChoiceField(label=_("Place"), choices=Place.choices, initial=Place.REMOTE)
    place_note = forms.CharField(label=_("Place details"), max_length=120, required=False)
    hourly_rate_jpy = BoundedIntegerField(
        label=_("Hourly rate (yen)"),
        min_value=1,
        help_text=_("At least the prefecture's minimum wage in force on the start date."),
    )
    tools = forms.ModelMultipleChoiceField(
        label=_("Tools"),
        queryset=ToolProduct.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, clients: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        client_field: Any = self.fields["client"]
        client_field.queryset = clients
        self.fields["start_date"].initial = clock.today() + dt.timedelta(days=7)
        for row in range(1, SKILL_ROWS + 1):
            self.fields[f"skill_{row}"] = SkillChoiceField(
                label=_("Skill %(row)s") % {"row": row},
                queryset=Skill.objects.order_by("code"),
                required=False,
                empty_label="—",
            )
            self.fields[f"level_{row}"] = forms.ChoiceField(
                label=_("Minimum level of skill %(row)s") % {"row": row},
                choices=LEVEL_CHOICES,
                required=False,
            )
            self.fields[f"required_{row}"] = forms.BooleanField(
                label=_("Skill %(row)s: must have (not just nice to have)") % {"row": row},
                required=False,
                initial=True,
            )

    def skill_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"skill_{row}"], self[f"level_{row}"], self[f"required_{row}"])
            for row in range(1, SKILL_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(1, SKILL_ROWS + 1):
            if data.get(f"skill_{row}") and not data.get(f"level_{row}"):
                self.add_error(f"level_{row}", _("Choose the minimum level (1–4) for this skill."))
        return data

    def to_input(self) -> ProjectInput:
        data = self.cleaned_data
        needs = tuple(
            SkillNeed(
                skill_id=data[f"skill_{row}"].pk,
                min_level=int(data[f"level_{row}"]),
                required=bool(data[f"required_{row}"]),
            )
            for row in range(1, SKILL_ROWS + 1)
            if data.get(f"skill_{row}")
        )
        return ProjectInput(
            client_id=data["client"].pk,
            title=data["title"],
            description=data["description"],
            skills=needs,
            tool_ids=tuple(t.pk for t in data["tools"]),
            headcount=data["headcount"],
            hours_per_week=data["hours_per_week"],
            starts_on=data["start_date"],
            ends_on=data["end_date"],
            place=data["place"],
            place_note=data["place_note"],
            hourly_rate_jpy=data["hourly_rate_jpy"],
        )


class AssignForm(forms.Form):
    """Put one ranked candidate on the project (the page pre-fills the project's terms)."""

    participant = BoundedIntegerField(widget=forms.HiddenInput)
    start_date = BoundedDateField(label=_("Start date"), widget=DateInput())
    end_date = BoundedDateField(label=_("End date"), widget=DateInput())
    hourly_rate_jpy = BoundedIntegerField(label=_("Hourly rate (yen)"), min_value=1)

    def to_input(self, project_id: int) -> AssignmentInput:
        data = self.cleaned_data
        return AssignmentInput(
            project_id=project_id,
            participant_id=data["participant"],
            starts_on=data["start_date"],
            ends_on=data["end_date"],
            hourly_rate_jpy=data["hourly_rate_jpy"],
        )
