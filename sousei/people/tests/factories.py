"""factory_boy factories of people: persons, applications and participants. Tenant rows take
their region explicitly."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from sousei.people.models import Application, Participant, Person
from sousei.people.services import application_tally_move


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    family_name = "古賀"
    given_name = factory.Sequence(lambda n: f"花子{n}")
    family_name_kana = "コガ"
    given_name_kana = "ハナコ"
    birth_date = date(1990, 4, 1)
    email = factory.Sequence(lambda n: f"person{n}@example.jp")
    phone = "09012345678"
    postal_code = "8113101"
    prefecture = "福岡県"
    city = "古賀市"
    town = "天神"
    address_line = "1-1-1"
    municipality_code = factory.LazyAttribute(lambda p: p.region.code)
    work_status = "part_time"


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..region"))
    email = factory.LazyAttribute(lambda a: a.person.email)
    weekly_hours_available = 20
    baseline_monthly_income_jpy = 120_000

    @classmethod
    def _create(cls, model_class: type[Application], *args: Any, **kwargs: Any) -> Application:
        # Keep the region's running tallies true, as application_submit does.
        application = super()._create(model_class, *args, **kwargs)
        application_tally_move(region=application.region, status=application.status, delta=1)
        return application


class ParticipantFactory(factory.django.DjangoModelFactory[Participant]):
    class Meta:
        model = Participant

    application = factory.SubFactory(
        ApplicationFactory, region=factory.SelfAttribute("..region"), status="accepted"
    )
    person = factory.LazyAttribute(lambda p: p.application.person)
