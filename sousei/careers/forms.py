"""Forms of the evaluation and career outcome pages. They parse what people type into the
services' inputs; the services decide what is allowed and say why not."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sousei.careers.models import (
    CareerOutcome,
    ConversionStep,
    OutcomeKind,
    Recommendation,
)
from sousei.careers.services import OutcomeInput, SkillRating
from sousei.core import clock, postal
from sousei.core.forms import BoundedDateField
from sousei.core.templatetags.sousei import municipality_name
from sousei.projects.forms import DateInput
from sousei.projects.models import ProjectSkill
from sousei.training.forms import SKILL_LEVELS

NOT_USED = ""


class EvaluationForm(forms.Form):
    """One 1–4 radio group and a note per skill of the project; then the next step."""

    recommendation = forms.ChoiceField(
        label=_("Recommended next step"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went well, and what to work on next. The participant can read it."),
    )

    def __init__(self, *args: Any, skills: list[ProjectSkill], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skills = skills
        self.rows: list[tuple[ProjectSkill, str, str]] = []
        for need in skills:
            code = need.skill.code
            choices: list[tuple[Any, Any]] = [(str(n), label) for n, label in SKILL_LEVELS]
            if not need.required:
                choices.append((NOT_USED, _("Not used on this project")))
            rating_name, note_name = f"rating__{code}", f"note__{code}"
            self.fields[rating_name] = forms.ChoiceField(
                label=_("%(skill)s (asked: level %(level)s)")
                % {"skill": need.skill.name_ja, "level": need.min_level},
                choices=choices,
                widget=forms.RadioSelect,
                required=need.required,
                error_messages={"required": _("Rate this skill from 1 to 4.")},
            )
            self.fields[note_name] = forms.CharField(
                label=_("Note on %(skill)s") % {"skill": need.skill.name_ja},
                required=False,
                max_length=500,
            )
            self.rows.append((need, rating_name, note_name))
        # Show the skills first, then the recommendation and comment.
        order = [name for _need, r, n in self.rows for name in (r, n)]
        self.order_fields([*order, "recommendation", "comment"])

    def skill_fields(self) -> list[tuple[Any, Any]]:
        return [(self[r], self[n]) for _need, r, n in self.rows]

    def ratings(self) -> list[SkillRating]:
        return [
            SkillRating(need.skill.code, int(self.cleaned_data[r]), self.cleaned_data[n])
            for need, r, n in self.rows
            if self.cleaned_data.get(r) not in (None, NOT_USED)
        ]


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    effective_on = BoundedDateField(
        label=_("From (date)"),
        widget=DateInput(),
        help_text=_("The day this became true; for a conversion step, the day of that step."),
    )
    step = forms.ChoiceField(
        label=_("Conversion step"),
        required=False,
        choices=[("", _("— (not a conversion)")), *ConversionStep.choices],
        help_text=_("Applied → interviewed → offered → hired, or declined at any open step."),
    )
    employer = forms.CharField(
        label=_("Employer"),
        required=False,
        max_length=120,
        help_text=_("For a full-time conversion or work elsewhere."),
    )
    business_started_on = BoundedDateField(
        label=_("Business start date (開業日)"), required=False, widget=DateInput()
    )
    opening_notice_filed_on = BoundedDateField(
        label=_("開業届 filed on"),
        required=False,
        widget=DateInput(),
        help_text=_("The opening notice to the tax office, due within a month of the start."),
    )
    employment_insured = forms.NullBooleanField(
        label=_("Covered by employment insurance (雇用保険)"),
        required=False,
        help_text=_("For a job as an employee; the city's employment rate counts covered jobs."),
    )
    lives_in_region = forms.BooleanField(label=_("Still lives in the region"), required=False)
    municipality_code = forms.CharField(
        label=_("Municipality where they live"),
        required=False,
        max_length=40,
        help_text=_(
            "The city, ward, town or village as on an address, e.g. 東京都千代田区 or 福岡市東区; "
            "empty means this region when they live here."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, current: CareerOutcome | None = None, **kwargs: Any) -> None:
        """Starts from the current outcome (a change is usually one fact), dated today."""
        initial: dict[str, Any] = {"effective_on": clock.today(), "lives_in_region": True}
        if current is not None:
            initial |= {
                name: getattr(current, name)
                for name in (
                    "kind",
                    "step",
                    "employer",
                    "business_started_on",
                    "opening_notice_filed_on",
                    "employment_insured",
                    "lives_in_region",
                    "municipality_code",
                )
            }
        if initial.get("municipality_code"):
            initial["municipality_code"] = municipality_name(initial["municipality_code"])
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def clean_municipality_code(self) -> str:
        """The typed name as its JIS X 0402 code (a code typed as such is kept)."""
        text = self.cleaned_data.get("municipality_code", "").strip()
        if not text or (text.isdigit() and len(text) == 5):
            return text
        found = postal.municipalities_named(text)
        if not found:
            raise forms.ValidationError(
                _(
                    "No municipality is named “%(name)s”. Type it as on an address, "
                    "e.g. 東京都千代田区."
                ),
                code="unknown_municipality",
                params={"name": text},
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several municipalities are named “%(name)s” (%(places)s). Add the prefecture."),
                code="ambiguous_municipality",
                params={"name": text, "places": "、".join(m.prefecture + m.name for m in found)},
            )
        return found[0].code

    def to_input(self) -> OutcomeInput:
        data = self.cleaned_data
        return OutcomeInput(
            kind=data["kind"],
            effective_on=data["effective_on"],
            lives_in_region=data["lives_in_region"],
            municipality_code=data["municipality_code"],
            step=data["step"],
            employer=data["employer"],
            business_started_on=data["business_started_on"],
            opening_notice_filed_on=data["opening_notice_filed_on"],
            employment_insured=data["employment_insured"],
            note=data["note"],
        )
