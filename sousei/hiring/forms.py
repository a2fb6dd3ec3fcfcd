"""Forms of the hiring pages. They parse; the services decide what is valid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.bounds import LONG_TEXT
from sousei.core.forms import BoundedDateField, BoundedIntegerField
from sousei.core.models import Organization, Region
from sousei.core.text import user_name
from sousei.hiring.models import (
    APPLIED,
    EXIT_STAGES,
    HIRED,
    OFFER,
    SCORECARD_CRITERIA,
    STAGE_LABELS,
    DesiredResidence,
    EmploymentType,
    HeardVia,
    JobOpening,
    Recommendation,
    WorkStyle,
    stage_label,
)
from sousei.hiring.services.candidacies import (
    CandidacyInput,
    OpeningInput,
    candidacy_consent_check,
)
from sousei.hiring.services.offers import InterviewInput, OfferInput, ScorecardInput
from sousei.people.forms import PersonFields
from sousei.training.models import Skill


def stage_code_for(text: str) -> str:
    """A stage as typed: a code (interview_1) or a known stage's name in Japanese or
    English (一次面接, First interview) become the code; anything else is a custom stage."""
    text = text.strip()
    if text in STAGE_LABELS:
        return text
    for code, label in STAGE_LABELS.items():
        for language in ("ja", "en"):
            with translation.override(language):
                if str(label) == text:
                    return code
    return text


class OpeningForm(forms.Form):
    employer = forms.ChoiceField(
        label=pgettext_lazy("hiring", "Employer"),
        help_text=_("The company that hires: the operator or another company of the region."),
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "The work, the team, the conditions. The Employment Security Act asks job ads to "
            "be accurate and up to date."
        ),
    )
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    work_style = forms.ChoiceField(label=_("Work style"), choices=WorkStyle.choices)
    salary_min_jpy = BoundedIntegerField(label=_("Annual salary from (yen)"), min_value=0)
    salary_max_jpy = BoundedIntegerField(label=_("Annual salary up to (yen)"), min_value=0)
    working_hours = forms.CharField(
        label=_("Working hours"),
        max_length=200,
        required=False,
        help_text=_("e.g. 9:00–18:00 (flextime, core time 11:00–15:00)"),
    )
    stages = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Stages between applied and offer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One stage per line, in order, e.g. 書類選考, 一次面接, 二次面接. Every pipeline "
            "starts with 応募 (applied) and ends with 内定 (offer), 採用 (hired)."
        ),
    )
    skills = forms.MultipleChoiceField(
        label=_("Required skills"), required=False, widget=forms.CheckboxSelectMultiple
    )
    publish = forms.BooleanField(label=_("Publish on the jobs page now"), required=False)

    def __init__(
        self, *args: Any, region: Region, employers: Sequence[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        employer = self.fields["employer"]
        employer.choices = [(str(o.pk), o.local_name) for o in employers]  # type: ignore[attr-defined]
        if "employer" not in self.initial and employers:
            operators = [o for o in employers if o.kind == Organization.Kind.OPERATOR]
            self.initial["employer"] = str((operators or list(employers))[0].pk)
        english = (translation.get_language() or "ja").startswith("en")
        self.fields["skills"].choices = [  # type: ignore[attr-defined]
            (s.code, s.name_en if english else s.name_ja) for s in Skill.objects.order_by("code")
        ]

    @classmethod
    def initial_for(cls, opening: JobOpening | None) -> dict[str, Any]:
        stages = (
            opening.stages
            if opening
            else [APPLIED, "screening", "interview_1", "interview_2", OFFER, HIRED]
        )
        initial: dict[str, Any] = {
            "stages": "\n".join(stage_label(s) for s in stages[1:-2]),
        }
        if opening is not None:
            initial |= {
                name: getattr(opening, name)
                for name in (
                    "title",
                    "description",
                    "employment_type",
                    "work_style",
                    "salary_min_jpy",
                    "salary_max_jpy",
                    "working_hours",
                )
            }
            initial["skills"] = [s.skill.code for s in opening.skills.all()]
            initial["employer"] = str(opening.employer_id)
        else:
            initial["work_style"] = WorkStyle.LOCATION_FREE
            initial["employment_type"] = EmploymentType.FULL_TIME
        return initial

    def to_input(self) -> OpeningInput:
        data = self.cleaned_data
        middle = [stage_code_for(line) for line in data["stages"].splitlines() if line.strip()]
        return OpeningInput(
            title=data["title"],
            description=data["description"],
            employment_type=data["employment_type"],
            work_style=data["work_style"],
            residence_region=self.region,
            salary_min_jpy=data["salary_min_jpy"],
            salary_max_jpy=data["salary_max_jpy"],
            working_hours=data["working_hours"],
            stages=[APPLIED, *middle, OFFER, HIRED],
            skills=[(code, 2) for code in data["skills"]],
            employer_id=int(data["employer"]),
        )


def graduation_years() -> list[tuple[str, Any]]:
    year = clock.today().year
    return [("", _("Not a student / not applicable"))] + [
        (str(y), str(y)) for y in range(year + 4, year - 11, -1)
    ]


class CandidacyForm(PersonFields):
    """A job application: name, kana, e-mail, phone and where they live now (anywhere)."""

    person_fields = (
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "email",
        "phone",
        "postal_code",
    )
    person_labels = {
        "postal_code": _("Postal code where you live now"),
        "address": _("Prefecture and city"),
    }
    person_help_texts = {
        "email": _("Use the address you registered for events with, if you came to one.")
    }
    address_extra_fields = ("desired_residence", "desired_residence_note")

    desired_residence = forms.ChoiceField(
        label=_("Where you want to live while working"),
        choices=DesiredResidence.choices,
        widget=forms.RadioSelect,
        initial=DesiredResidence.IN_REGION,
    )
    desired_residence_note = forms.CharField(
        label=_("If somewhere else: where?"), max_length=80, required=False
    )
    graduation_year = forms.TypedChoiceField(
        label=_("Graduation year"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    heard_via = forms.ChoiceField(
        label=_("How did you hear about this job?"),
        choices=[("", "---------"), *HeardVia.choices],
    )
    motivation = forms.CharField(
        label=_("Why this job? (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    cv = forms.FileField(
        label=_("CV (PDF, up to 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    # Not `required`: the service's own check says why; the form runs it too (clean_consent).
    consent = forms.BooleanField(label=_("I agree to the purpose of use above."), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["graduation_year"].choices = graduation_years()  # type: ignore[attr-defined]

    def clean_consent(self) -> bool:
        granted: bool = self.cleaned_data["consent"]
        candidacy_consent_check(granted)
        return granted

    def to_input(self) -> CandidacyInput:
        data = self.cleaned_data
        return CandidacyInput(
            **self.person_values(),
            desired_residence=data["desired_residence"],
            desired_residence_note=data["desired_residence_note"],
            graduation_year=data["graduation_year"],
            heard_via=data["heard_via"],
            motivation=data["motivation"],
            consent=data["consent"],
            cv=data.get("cv"),
            language=(translation.get_language() or "ja")[:2],
        )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Reason (required when rejecting)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, opening: JobOpening, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [  # type: ignore[attr-defined]
            (code, stage_label(code))
            for code in [*opening.stages, *EXIT_STAGES]
            if code not in (current, HIRED)
        ]
        # The usual move is one stage on, so it is the one offered first.
        if current in opening.stages:
            following = opening.stages[opening.stages.index(current) + 1 :]
            if following and following[0] != HIRED:
                self.fields["stage"].initial = following[0]


class InterviewForm(forms.Form):
    date = BoundedDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("e.g. 快生館 meeting room A"),
    )
    online_url = forms.URLField(
        max_length=200, label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    interviewers = forms.MultipleChoiceField(
        label=_("Interviewers"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, users: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].choices = [  # type: ignore[attr-defined]
            (str(u.pk), user_name(u)) for u in users
        ]

    def to_input(self) -> InterviewInput:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return InterviewInput(
            starts_at=dt.datetime.combine(data["date"], data["start"], tzinfo=zone),
            ends_at=dt.datetime.combine(data["date"], data["end"], tzinfo=zone),
            place=data["place"],
            online_url=data["online_url"],
            interviewer_ids=[int(i) for i in data["interviewers"]],
        )


SCORE_CHOICES = [
    (1, _("1 — weak")),
    (2, _("2 — below the bar")),
    (3, _("3 — meets the bar")),
    (4, _("4 — strong")),
]


class ScorecardForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in SCORECARD_CRITERIA.items():
            self.fields[f"{name}_score"] = forms.TypedChoiceField(
                label=label, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
            )
            self.fields[f"{name}_note"] = forms.CharField(
                label=_("Notes"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields(
            [f"{n}_{part}" for n in SCORECARD_CRITERIA for part in ("score", "note")]
            + ["recommendation", "summary"]
        )

    def criteria(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{n}_score"], self[f"{n}_note"]) for n in SCORECARD_CRITERIA]

    def to_input(self) -> ScorecardInput:
        data = self.cleaned_data
        return ScorecardInput(
            scores={n: data[f"{n}_score"] for n in SCORECARD_CRITERIA},
            notes={n: data[f"{n}_note"] for n in SCORECARD_CRITERIA},
            recommendation=data["recommendation"],
            summary=data["summary"],
        )


class OfferForm(forms.Form):
    salary_jpy = BoundedIntegerField(label=_("Annual salary (yen)"), min_value=1)
    start_date = BoundedDateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    respond_by = BoundedDateField(
        label=_("Answer by"), widget=forms.DateInput(attrs={"type": "date"})
    )
    conditions = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Working hours, place of work (where the person lives), probation, benefits. "
            "Say clearly what differs from the job ad."
        ),
    )

    def to_input(self) -> OfferInput:
        data = self.cleaned_data
        return OfferInput(
            salary_jpy=data["salary_jpy"],
            start_date=data["start_date"],
            respond_by=data["respond_by"],
            conditions=data["conditions"],
        )


class EmployerProfileForm(forms.Form):
    """An employer's public profile, as its staff or the operators keep it."""

    about = forms.CharField(
        label=_("What they do"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the company does and how its people work, for candidates."),
    )
    location = forms.CharField(
        label=_("Where"), max_length=200, required=False, help_text=_("e.g. 福岡県古賀市天神")
    )
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
