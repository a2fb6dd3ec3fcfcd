"""Forms of the training pages. They parse what people type into the services' inputs;
the services decide what is allowed and say why not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.bounds import LONG_TEXT, SHORT_TEXT
from sousei.core.forms import BoundedDateField, BoundedDateTimeField, BoundedIntegerField
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.text import hours_label, hours_text, user_name
from sousei.people.models import Participant
from sousei.training import planning
from sousei.training.models import (
    OPEN_ENROLMENT_STATUSES,
    AttendanceStatus,
    Course,
    CourseModule,
    EnrolmentStatus,
    Skill,
    ToolProduct,
)
from sousei.training.services.courses import CourseInput, ModuleInput, SkillInput
from sousei.training.services.enrolments import PlanChoice, StudyLog
from sousei.training.services.live import LiveSessionInput

WEEKDAY_CHOICES = [(str(day), WEEKDAYS[day]) for day in range(7)]
MON_FRI = [str(day) for day in sorted(planning.WEEKDAYS_MON_FRI)]
SKILL_LEVELS = [
    (1, _("1 · basic")),
    (2, _("2 · can work with guidance")),
    (3, _("3 · works independently")),
    (4, _("4 · expert")),
]


def daily_hours_choices() -> list[tuple[str, str]]:
    return [(hours_text(m), hours_label(m)) for m in planning.DAILY_MINUTES_CHOICES]


def minutes_of(hours: Decimal) -> int:
    """Hours typed by a person as exact minutes; ValidationError when not whole minutes."""
    try:
        return planning.hours_to_minutes(hours)
    except planning.PlanInputError:
        raise ValidationError(
            _("Enter hours such as 1.5 or 0.25 (whole minutes)."), code="minutes"
        ) from None


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class _CalendarChoiceMixin(forms.Form):
    """Weekdays (Mon–Fri unless chosen otherwise) and whether holidays are days off."""

    weekdays = forms.MultipleChoiceField(
        label=_("Study weekdays"),
        choices=WEEKDAY_CHOICES,
        initial=MON_FRI,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one study weekday.")},
    )
    skip_holidays = forms.BooleanField(
        label=_("No study on national holidays"),
        required=False,
        initial=True,
        help_text=_("The program's closed days (e.g. 29 Dec – 3 Jan) are always days off."),
    )

    def weekday_set(self) -> frozenset[int]:
        return frozenset(int(day) for day in self.cleaned_data["weekdays"])


class PlanPreviewForm(_CalendarChoiceMixin):
    """The course page's plan preview; read from the query string, defaults until sent."""

    start_date = BoundedDateField(label=_("Start date"), widget=_DateInput())
    # Marks a submitted preview: an unticked box sends nothing, so "not sent" and
    # "unticked" are told apart by this field.
    preview = forms.CharField(max_length=1, widget=forms.HiddenInput, required=False, initial="1")

    field_order = ["start_date", "weekdays", "skip_holidays"]

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        bound = data if data is not None and "preview" in data else None
        super().__init__(bound, **kwargs)
        self.fields["start_date"].initial = clock.today()

    def calendar(self) -> tuple[dt.date, frozenset[int], bool] | None:
        """(start, weekdays, skip holidays) to preview with; None while the input is invalid."""
        if not self.is_bound:
            return clock.today(), planning.WEEKDAYS_MON_FRI, True
        if not self.is_valid():
            return None
        return (
            self.cleaned_data["start_date"],
            self.weekday_set(),
            self.cleaned_data["skip_holidays"],
        )


class EnrolmentForm(_CalendarChoiceMixin):
    participant = forms.ModelChoiceField(
        label=_("Participant"), queryset=Participant.objects.none(), empty_label=_("Choose…")
    )
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=Course.objects.none(), empty_label=_("Choose…")
    )
    start_date = BoundedDateField(label=_("Start date"), widget=_DateInput())
    daily_hours = forms.ChoiceField(
        label=_("Study hours per day"),
        help_text=_("About one month at 8 hours a day; about three months at 2–3 hours a day."),
    )

    field_order = ["participant", "course", "start_date", "daily_hours", "weekdays"]

    def __init__(
        self,
        *args: Any,
        participants: QuerySet[Participant],
        courses: QuerySet[Course],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        participant_field: Any = self.fields["participant"]
        participant_field.queryset = participants
        participant_field.label_from_instance = lambda p: (
            f"{p.person.full_name}（{p.person.full_name_kana}） No.{p.pk}"
        )
        course_field: Any = self.fields["course"]
        course_field.queryset = courses
        self.fields["start_date"].initial = clock.today()
        daily: Any = self.fields["daily_hours"]
        daily.choices = daily_hours_choices()
        daily.initial = "2.5"

    def to_choice(self) -> PlanChoice:
        data = self.cleaned_data
        return PlanChoice(
            start_date=data["start_date"],
            daily_minutes=minutes_of(Decimal(data["daily_hours"])),
            weekdays=self.weekday_set(),
            skip_holidays=data["skip_holidays"],
        )


class StudyLogForm(forms.Form):
    date = BoundedDateField(label=_("Date studied"), widget=_DateInput())
    hours = forms.DecimalField(
        label=_("Hours studied"),
        max_digits=4,
        decimal_places=2,
        max_value=Decimal(24),
        help_text=_("e.g. 2.5"),
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
    )
    module_id = forms.TypedChoiceField(
        label=_("Module finished today (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, modules: list[CourseModule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = clock.today()
        module_field: Any = self.fields["module_id"]
        module_field.choices = [("", _("No module finished")), *((m.pk, str(m)) for m in modules)]

    def clean_hours(self) -> Decimal:
        hours: Decimal = self.cleaned_data["hours"]
        minutes_of(hours)
        return hours

    def to_log(self) -> StudyLog:
        data = self.cleaned_data
        return StudyLog(
            day=data["date"],
            minutes=minutes_of(data["hours"]),
            module_id=data["module_id"],
            note=data["note"],
        )


class AssessmentForm(forms.Form):
    score = BoundedIntegerField(
        label=_("Score (0–100)"),
        widget=forms.NumberInput(attrs={"min": "0", "max": "100", "inputmode": "numeric"}),
    )


class ReplanForm(forms.Form):
    from_date = BoundedDateField(label=_("New plan from"), widget=_DateInput())
    daily_hours = forms.ChoiceField(label=_("Study hours per day"))

    def __init__(self, *args: Any, current_minutes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_date"].initial = clock.today()
        daily: Any = self.fields["daily_hours"]
        daily.choices = daily_hours_choices()
        daily.initial = hours_text(current_minutes)

    def daily_minutes(self) -> int:
        return minutes_of(Decimal(self.cleaned_data["daily_hours"]))

    def add_service_errors(self, error: ValidationError) -> None:
        renamed = {"start_date": "from_date", "weekdays": None}
        for field, errors in error.error_dict.items():
            target = renamed.get(field, field)
            self.add_error(target if target in self.fields else None, errors)


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw. The licence seat goes to the next person waiting."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


class CertificateCheckForm(forms.Form):
    """The public check: any spelling of a code (small letters, spaces, no dashes) is taken;
    whether it can be a code at all is told no differently from an unknown code."""

    code = forms.CharField(
        label=_("Certificate code"),
        max_length=64,
        help_text=_("Printed on the certificate, for example K7QM-3R9D-X2PF."),
        error_messages={
            "required": _("Type the code printed on the certificate."),
            "max_length": _("A certificate code has 12 letters and digits; this is too long."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


# --- course editing ----------------------------------------------------------------------


class _ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ToolProduct) -> str:
        return f"{obj.name}（{obj.vendor.name}）"


class _SkillChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        return f"{obj.local_name} ({obj.code})"


class _TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_name(obj)


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Course title"), max_length=120)
    product = _ProductChoiceField(
        label=_("Tool"),
        queryset=ToolProduct.objects.select_related("vendor").order_by("name"),
        empty_label=_("Choose…"),
    )
    description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who the course is for and what it prepares for."),
    )
    pass_mark = BoundedIntegerField(
        label=_("Pass mark of the final assessment (0–100)"),
        initial=70,
        widget=forms.NumberInput(attrs={"min": "0", "max": "100", "inputmode": "numeric"}),
    )
    is_published = forms.BooleanField(
        label=_("Published: participants see the course in the catalogue"),
        required=False,
        initial=True,
    )
    trainers = _TrainerChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The course's learners appear on these trainers' list of learners."),
    )

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if region is not None:
            field: Any = self.fields["trainers"]
            field.queryset = (
                User.objects.filter(memberships__region=region, memberships__role=Role.TRAINER)
                .distinct()
                .order_by("last_name", "first_name", "id")
            )

    @classmethod
    def initial_for(cls, course: Course) -> dict[str, Any]:
        return {
            "trainers": [t.user_id for t in course.trainers.all()],
            "title": course.title,
            "product": course.product_id,
            "description": course.description,
            "pass_mark": course.pass_mark,
            "is_published": course.is_published,
        }


class ModuleForm(forms.Form):
    id = BoundedIntegerField(required=False, widget=forms.HiddenInput)
    position = BoundedIntegerField(
        label=_("Position"),
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"min": "1"}),
    )
    title = forms.CharField(label=_("Module title"), max_length=120)
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=Decimal("9999.5"),
        help_text=_("e.g. 12.5"),
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5"}),
    )
    outcome = forms.CharField(
        label=_("What the learner can do afterwards"), max_length=200, required=False
    )

    def clean_hours(self) -> Decimal:
        hours: Decimal = self.cleaned_data["hours"]
        if (hours * 2) != (hours * 2).to_integral_value():
            raise ValidationError(_("Give the hours in half-hour steps, e.g. 12 or 12.5."))
        return hours


class SkillForm(forms.Form):
    skill = _SkillChoiceField(
        label=_("Skill"), queryset=Skill.objects.order_by("code"), empty_label=_("Choose…")
    )
    # A blank extra row shows level 1 selected and posts it back; with that as its initial
    # value, an untouched row is recognised as unchanged and ignored rather than refused.
    level = forms.TypedChoiceField(
        label=_("Level"), choices=SKILL_LEVELS, coerce=int, initial=SKILL_LEVELS[0][0]
    )


class _ListFormSet(forms.BaseFormSet):
    """A formset whose untouched blank rows are ignored and whose deleted rows drop out."""

    def rows(self) -> list[dict[str, Any]]:
        # A blank extra row left untouched cleans to {}; existing rows clean in full.
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


ModuleFormSet = cast(
    type[_ListFormSet],
    forms.formset_factory(ModuleForm, formset=_ListFormSet, extra=3, can_delete=True, max_num=200),
)
SkillFormSet = cast(
    type[_ListFormSet],
    forms.formset_factory(SkillForm, formset=_ListFormSet, extra=2, can_delete=True, max_num=30),
)


def module_initial(modules: list[CourseModule]) -> list[dict[str, Any]]:
    return [
        {
            "id": m.pk,
            "position": m.position,
            "title": m.title,
            "hours": Decimal(hours_text(m.minutes)),
            "outcome": m.outcome,
        }
        for m in modules
    ]


class CourseEditor:
    """The course form with its module and skill formsets, validated and refused together."""

    def __init__(
        self,
        data: Any = None,
        *,
        course: Course | None = None,
        region: Region | None = None,
        teacher: User | None = None,
    ) -> None:
        """`teacher`: a trainer writing a new course, ticked as its trainer to begin with (a
        trainer sees the learners of the courses they teach only)."""
        if course is not None:
            initial: dict[str, Any] | None = CourseForm.initial_for(course)
        else:
            initial = {"trainers": [teacher.pk]} if teacher is not None else None
        self.form = CourseForm(data, initial=initial, region=region)
        self.modules = ModuleFormSet(
            data,
            prefix="modules",
            initial=module_initial(list(course.modules.all())) if course else None,
        )
        self.skills = SkillFormSet(
            data,
            prefix="skills",
            initial=[{"skill": s.skill_id, "level": s.level} for s in course.skills.all()]
            if course
            else None,
        )
        self.module_errors: list[str] = []
        self.skill_errors: list[str] = []
        self.general_errors: list[str] = []

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.modules.is_valid(), self.skills.is_valid()])

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or self.module_errors
            or self.skill_errors
            or self.general_errors
            or any(self.modules.errors)
            or any(self.skills.errors)
            or self.modules.non_form_errors()
            or self.skills.non_form_errors()
        )

    def to_input(self) -> CourseInput:
        data = self.form.cleaned_data
        return CourseInput(
            title=data["title"],
            description=data["description"],
            product_id=data["product"].pk,
            pass_mark=data["pass_mark"],
            is_published=data["is_published"],
            modules=tuple(
                ModuleInput(
                    id=row["id"],
                    position=row["position"],
                    title=row["title"],
                    minutes=minutes_of(row["hours"]),
                    outcome=row["outcome"],
                )
                for row in self.modules.rows()
            ),
            skills=tuple(
                SkillInput(skill_id=row["skill"].pk, level=row["level"])
                for row in self.skills.rows()
            ),
            trainer_ids=tuple(user.pk for user in data["trainers"]),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        lists = {"modules": self.module_errors, "skills": self.skill_errors}
        for name, errors in error.error_dict.items():
            if name in self.form.fields:
                self.form.add_error(name, errors)
            else:
                lists.get(name, self.general_errors).extend(ValidationError(errors).messages)


# --- live sessions ------------------------------------------------------------------------

LIVE_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class _LiveDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=LIVE_DATETIME_FORMAT, **kwargs)


def _live_datetime_field(label: Any) -> Any:
    return BoundedDateTimeField(
        label=label,
        widget=_LiveDateTimeInput(),
        input_formats=[LIVE_DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )


class LiveSessionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    title = forms.CharField(label=_("Title"), max_length=120)
    starts_at = _live_datetime_field(_("Starts at"))
    ends_at = _live_datetime_field(_("Ends at"))
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


# Where the listed learners stand: studying (or waiting for a licence) unless asked otherwise,
# so a trainer's long course history does not bury the learners who need them now.
LEARNER_STATUSES: dict[str, tuple[str, ...]] = {
    "open": OPEN_ENROLMENT_STATUSES,
    "completed": (EnrolmentStatus.COMPLETED.value,),
    "all": (*OPEN_ENROLMENT_STATUSES, EnrolmentStatus.COMPLETED.value),
}


class LearnerSearchForm(forms.Form):
    """The learners list's search: the start of a name (kanji or kana), e-mail or phone, a
    course of those listed, and where the learners stand (studying by default)."""

    q = forms.CharField(max_length=SHORT_TEXT, label=_("Search"), required=False)
    course = forms.TypedChoiceField(label=_("Course"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("open", _("Studying or waiting for a licence")),
            ("completed", _("Completed")),
            ("all", _("Everyone (not withdrawn)")),
        ],
    )

    def __init__(self, data: Any = None, *, courses: list[tuple[int, str]]) -> None:
        super().__init__(data)
        field = cast(forms.TypedChoiceField, self.fields["course"])
        field.choices = [("", _("All courses")), *courses]

    def filters(self) -> tuple[str | None, int | None, tuple[str, ...]]:
        """(search, course id, statuses): the default where a value is refused (its error
        shows next to its field), the others as asked."""
        if not self.is_bound:
            return None, None, LEARNER_STATUSES["open"]
        self.is_valid()  # cleaned_data then holds the values that passed, without the refused
        data = self.cleaned_data
        return (
            data.get("q") or None,
            data.get("course"),
            LEARNER_STATUSES[data.get("status") or "open"],
        )
