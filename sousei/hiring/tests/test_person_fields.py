"""The application, event-registration and job-application forms share one person fieldset
(people.forms.PersonFields) and one validation; each asks only for the fields it needs."""

from __future__ import annotations

from datetime import date

import pytest

from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.events.forms import RegistrationForm
from sousei.events.tests import factories as events_helpers
from sousei.hiring.forms import CandidacyForm
from sousei.people.forms import ApplicationForm

pytestmark = pytest.mark.django_db


def test_each_form_asks_for_the_person_fields_it_needs_and_no_more(koga: Region) -> None:
    with region_scope(koga):
        event = events_helpers.event(koga)
    person_fields = {
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "birth_date",
        "email",
        "phone",
        "postal_code",
        "address",
        "address_line",
    }
    application = set(ApplicationForm(region=koga).fields) & person_fields
    registration = set(RegistrationForm(event=event).fields) & person_fields
    candidacy = set(CandidacyForm().fields) & person_fields
    assert application == person_fields
    assert registration == {
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "email",
    }
    assert candidacy == registration | {"phone", "postal_code", "address"}
    for form in (ApplicationForm(region=koga), RegistrationForm(event=event), CandidacyForm()):
        for name in set(form.fields) & person_fields - {"address"}:
            assert form.fields[name].required, (type(form).__name__, name)


def test_the_forms_share_one_validation(koga: Region) -> None:
    with region_scope(koga):
        event = events_helpers.event(koga)
    data = {"family_name_kana": "Koga", "phone": "123", "postal_code": "0000000"}
    registration = RegistrationForm(data, event=event)
    candidacy = CandidacyForm(data)
    application = ApplicationForm({**data, "birth_date": date.today().isoformat()}, region=koga)
    for form in (registration, candidacy, application):
        assert not form.is_valid()
    kana = {str(f.errors["family_name_kana"][0]) for f in (registration, candidacy, application)}
    assert len(kana) == 1
    assert str(candidacy.errors["phone"][0]) == str(application.errors["phone"][0])
    assert str(candidacy.errors["postal_code"][0]) == str(application.errors["postal_code"][0])
    assert "birth_date" in application.errors
