"""Wage ledgers and time records of an erased person are kept restricted (Labor Standards
Act art. 109, art. 143(1)): amounts and hours stay, so pay run totals and the impact wages do
not move; the name the ledger needs is kept apart until `sousei privacy-retention` erases it
once the retention has ended."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.impact.models import OutcomeRecord
from sousei.impact.services.records import outcome_records_rebuild
from sousei.people.models import Person
from sousei.privacy.erasure.services import person_erase
from sousei.privacy.models import ErasureRecord, PersonPrivacy
from sousei.privacy.tests.people import (
    EMAIL,
    FAMILY,
    FAMILY_KANA,
    GIVEN,
    GIVEN_KANA,
    database_mentions,
)
from sousei.work.models.payroll import PayLine, PayRun, PayStatement
from sousei.work.models.timesheets import TimeRecord
from sousei.work.services.payroll import pay_run_complete, pay_run_create
from sousei.work.tests.test_payroll import december

pytestmark = pytest.mark.usefixtures("minimum_wages")


def paid_person(region: Region, cast: Cast) -> Person:
    """December's participant (paid by a completed run, one draft day left out, which the
    run's warnings name), renamed to the test's values."""
    assignment = december(region, cast)
    with region_scope(region):
        person = assignment.participant.person
        Person.objects.filter(pk=person.pk).update(
            family_name=FAMILY,
            given_name=GIVEN,
            family_name_kana=FAMILY_KANA,
            given_name_kana=GIVEN_KANA,
            email=EMAIL,
        )
        run = pay_run_create(region=region, month="2025-12", actor=cast.user("operator"))
        pay_run_complete(run=run, actor=cast.user("operator"))
        person.refresh_from_db()
    return person


def figures(region: Region) -> dict[str, Any]:
    """Pay run totals, statements, lines, hours and the impact records' wages."""
    with region_scope(region):
        outcome_records_rebuild(region=region, actor=None)
        return {
            "runs": list(PayRun.objects.values_list("month", "gross_total_jpy", "statement_count")),
            "statements": list(
                PayStatement.objects.order_by("pk").values_list(
                    "gross_jpy", "worked_minutes", "overtime_minutes", "holiday_minutes"
                )
            ),
            "lines": list(PayLine.objects.order_by("pk").values_list("minutes", "amount_jpy")),
            "records": list(
                TimeRecord.objects.order_by("pk").values_list("date", "worked_minutes", "status")
            ),
            "wages": list(
                OutcomeRecord.objects.order_by("pk").values_list("earnings_by_month", "track")
            ),
        }


def test_pay_totals_and_impact_wages_are_unchanged_by_the_erasure(koga: Region, cast: Cast) -> None:
    person = paid_person(koga, cast)
    before = figures(koga)
    assert before["runs"][0][1] > 0
    assert before["wages"][0][0]

    with region_scope(koga):
        person_erase(person=person, actor=cast.user("operator"))

    assert figures(koga) == before


def test_the_ledger_name_is_kept_restricted_until_retention_ends(koga: Region, cast: Cast) -> None:
    person = paid_person(koga, cast)
    with region_scope(koga):
        with clock.frozen_at(dt.datetime(2026, 2, 10, 9, tzinfo=dt.UTC)):
            person_erase(person=person, actor=cast.user("operator"))
        state = PersonPrivacy.objects.get(person=person)
    # The last entry: the December statement, paid by the end of January; three years on.
    assert state.restricted_until == dt.date(2029, 1, 31)
    # Only the restricted identity holds the name; the kana and the address are gone.
    assert sorted(database_mentions()) == [
        ("privacy_personprivacy", "retained_family_name", FAMILY),
        ("privacy_personprivacy", "retained_given_name", GIVEN),
    ]
    before = figures(koga)

    with clock.frozen_at(dt.datetime(2029, 1, 31, 9, tzinfo=dt.UTC)):
        call_command("privacy_retention", stdout=StringIO())
    assert len(database_mentions()) == 2  # not yet: the last day of retention

    out = StringIO()
    with clock.frozen_at(dt.datetime(2029, 2, 1, 9, tzinfo=dt.UTC)):
        call_command("privacy_retention", stdout=out)
        call_command("privacy_retention", stdout=StringIO())  # idempotent
    assert "retention ended for 1 persons" in out.getvalue()
    assert database_mentions() == []
    assert figures(koga) == before
    with region_scope(koga):
        assert ErasureRecord.objects.filter(action="retention_end").count() == 1


def test_the_kept_names_show_only_for_a_legal_need_and_the_reading_is_audited(
    koga: Region, cast: Cast
) -> None:
    person = paid_person(koga, cast)
    with region_scope(koga):
        person_erase(person=person, actor=cast.user("operator"))
    client = Client()
    client.force_login(cast.user("operator"))
    url = "/r/koga/privacy/erasures/?state=restricted"

    listed = client.get(url).content.decode()
    revealed = client.get(url + "&legal=1").content.decode()

    assert FAMILY not in listed
    assert f"#{person.pk}" in listed
    assert f"{FAMILY} {GIVEN}" in revealed
    with region_scope(koga):
        from sousei.core.models import AuditEntry

        read = AuditEntry.objects.get(action="privacy.restricted_read")
    assert read.changes == {"persons": [person.pk]}


def test_a_person_without_statutory_records_keeps_nothing(
    koga: Region, cast: Cast, media: Path
) -> None:
    from sousei.privacy.tests.people import subject

    who = subject(koga, cast)
    with region_scope(koga):
        person_erase(person=who.person, actor=cast.user("operator"))
        state = PersonPrivacy.objects.get(person=who.person)
    assert state.restricted_until is None
    assert state.retained_family_name == ""
