"""Forms of the event pages. They parse what people type into the services' inputs; the
services decide what is allowed and say why not."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sousei.core.bounds import LONG_TEXT
from sousei.core.errors import add_service_errors
from sousei.core.forms import BoundedDateTimeField, BoundedIntegerField
from sousei.events.models import ActivityKind, Event, EventKind, EventStatus
from sousei.events.services import (
    EventInput,
    ItineraryInput,
    RegistrationInput,
    registration_consent_check,
)
from sousei.people.forms import PersonFields

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime_field(label: Any, *, required: bool = True, help_text: Any = "") -> Any:
    return BoundedDateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=_DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors next to the fields they concern."""
        add_service_errors(cast(forms.Form, self), error)


class EventForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    starts_at = _datetime_field(_("Starts at"))
    ends_at = _datetime_field(_("Ends at"))
    capacity = BoundedIntegerField(label=_("Places"), min_value=1, max_value=10_000)
    registration_opens_at = _datetime_field(
        _("Registration opens"), required=False, help_text=_("Empty: open as soon as published.")
    )
    registration_closes_at = _datetime_field(
        _("Registration closes"), required=False, help_text=_("Empty: when the event starts.")
    )
    resource = forms.TypedChoiceField(
        label=_("Space (booked for the whole event)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("A room or hall of the region's spaces; booking it fails if it is taken."),
    )
    venue = forms.CharField(
        label=_("Other venue"),
        max_length=160,
        required=False,
        help_text=_("A place outside the spaces, e.g. a company's office."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        max_length=200,
    )
    audience_graduation_year = BoundedIntegerField(
        label=_("For students graduating in"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Empty: open to everyone."),
    )
    lodging_notes = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Lodging notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    offer_hours = BoundedIntegerField(
        label=_("Hours to confirm a waitlist offer"), min_value=1, max_value=336, initial=48
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(EventStatus.DRAFT, _("Draft")), (EventStatus.PUBLISHED, _("Published"))],
        initial=EventStatus.PUBLISHED,
    )

    def __init__(self, *args: Any, resources: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["resource"])
        field.choices = [("", _("No space (online or another venue)")), *resources]

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        def local(value: Any) -> Any:
            return timezone.localtime(value) if value else None

        return {
            "kind": event.kind,
            "title": event.title,
            "description": event.description,
            "starts_at": local(event.starts_at),
            "ends_at": local(event.ends_at),
            "capacity": event.capacity,
            "registration_opens_at": local(event.registration_opens_at),
            "registration_closes_at": local(event.registration_closes_at),
            "resource": event.booking.resource_id if event.booking else None,
            "venue": event.venue,
            "online_url": event.online_url,
            "audience_graduation_year": event.audience_graduation_year,
            "lodging_notes": event.lodging_notes,
            "offer_hours": event.offer_hours,
            "status": event.status if event.status != EventStatus.CANCELLED else "published",
        }


class ItineraryForm(forms.Form):
    starts_at = _datetime_field(_("Starts at"))
    ends_at = _datetime_field(_("Ends at"), required=False)
    activity = forms.ChoiceField(label=_("Activity"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("What happens"), max_length=160)
    place = forms.CharField(label=_("Place"), max_length=160, required=False)


class _ListFormSet(forms.BaseFormSet):
    """A formset whose untouched blank rows are ignored and whose deleted rows drop out."""

    def rows(self) -> list[dict[str, Any]]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


ItineraryFormSet = cast(
    type[_ListFormSet],
    forms.formset_factory(
        ItineraryForm, formset=_ListFormSet, extra=3, can_delete=True, max_num=100
    ),
)


class EventEditor:
    """The event form with its itinerary formset, validated and refused together."""

    def __init__(
        self, data: Any = None, *, resources: list[tuple[int, str]], event: Event | None = None
    ) -> None:
        self.form = EventForm(
            data, resources=resources, initial=EventForm.initial_for(event) if event else None
        )
        initial = None
        if event is not None:
            initial = [
                {
                    "starts_at": timezone.localtime(item.starts_at),
                    "ends_at": timezone.localtime(item.ends_at) if item.ends_at else None,
                    "activity": item.activity,
                    "title": item.title,
                    "place": item.place,
                }
                for item in event.itinerary.all()
            ]
        self.itinerary = ItineraryFormSet(data, prefix="itinerary", initial=initial)
        self.itinerary_errors: list[str] = []

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.itinerary.is_valid()])

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or self.itinerary_errors
            or any(self.itinerary.errors)
            or self.itinerary.non_form_errors()
        )

    def to_input(self) -> EventInput:
        data = self.form.cleaned_data
        return EventInput(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            capacity=data["capacity"],
            registration_opens_at=data["registration_opens_at"],
            registration_closes_at=data["registration_closes_at"],
            resource_id=data["resource"],
            venue=data["venue"],
            online_url=data["online_url"],
            audience_graduation_year=data["audience_graduation_year"],
            lodging_notes=data["lodging_notes"],
            offer_hours=data["offer_hours"],
            status=data["status"],
            itinerary=tuple(
                ItineraryInput(
                    starts_at=row["starts_at"],
                    ends_at=row["ends_at"],
                    activity=row["activity"],
                    title=row["title"],
                    place=row["place"],
                )
                for row in self.itinerary.rows()
            ),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.form.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            if name == "itinerary":
                self.itinerary_errors += [str(message) for e in errors for message in e]
            elif name == "resource_id":
                self.form.add_error("resource", errors)
            else:
                self.form.add_error(name if name in self.form.fields else None, errors)


class RegistrationForm(ServiceErrorsMixin, PersonFields):
    """An event registration: the name, its kana and the e-mail, with the school."""

    person_fields = ("family_name", "given_name", "family_name_kana", "given_name_kana", "email")
    person_labels = {"email": _("E-mail")}
    person_help_texts = {
        "email": _("We send your confirmation and the link to manage your registration here.")
    }
    contact_legend = _("Contact and school")
    contact_extra_fields = ("university", "graduation_year")

    university = forms.CharField(label=_("University or school"), max_length=120, required=False)
    graduation_year = BoundedIntegerField(
        label=_("Graduation year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("e.g. 2027"),
    )
    # Not `required`: the service's own check says why the consent is needed, and the form
    # runs it too, so that reason shows together with the person's fields' reasons.
    consent_privacy_policy = forms.BooleanField(
        label=_("I agree to the purpose of use above"), required=False
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["university"].widget.attrs["autocomplete"] = "organization"
        if event.audience_graduation_year:
            self.fields["graduation_year"].required = True
            self.fields["graduation_year"].help_text = _(
                "This event is for students graduating in %(year)s."
            ) % {"year": event.audience_graduation_year}

    def clean_consent_privacy_policy(self) -> bool:
        granted: bool = self.cleaned_data["consent_privacy_policy"]
        registration_consent_check(granted)
        return granted

    def to_input(self, language: str) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            **self.person_values(),
            university=data["university"],
            graduation_year=data["graduation_year"],
            consent_privacy_policy=data["consent_privacy_policy"],
            language=language,
        )


RATINGS = [
    (5, _("5 · excellent")),
    (4, _("4 · good")),
    (3, _("3 · fair")),
    (2, _("2 · poor")),
    (1, _("1 · very poor")),
]


class SurveyForm(ServiceErrorsMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how was the event?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was good, what we should change, what you would like next time."),
    )
    interested_in_jobs = forms.BooleanField(
        label=_("I am interested in location-free jobs with this region"), required=False
    )


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        help_text=_("The 8 characters on the registrant's page, or scan its QR code."),
    )
