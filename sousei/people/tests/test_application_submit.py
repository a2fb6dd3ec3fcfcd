"""Submitting an application: eligibility, consents, duplicates, nothing stored on error."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sousei.core.errors import Conflict, field_errors
from sousei.core.models import AuditEntry, Region
from sousei.people.models import Application, Consent, ConsentPurpose, Person
from sousei.people.services import ApplicationInput, application_submit

pytestmark = pytest.mark.django_db

HANAKO = ApplicationInput(
    family_name="古賀",
    given_name="花子",
    family_name_kana="コガ",
    given_name_kana="ハナコ",
    birth_date=date(1990, 4, 1),
    email="Hanako.Koga@example.jp",
    phone="090-1234-5678",
    postal_code="811-3101",
    address_line="1-2-3 天神ハイツ201",
    work_status="part_time",
    weekly_hours_available=20,
    baseline_monthly_income_jpy=110_000,
    consent_program=True,
    consent_share_with_municipality=False,
)


def nothing_stored() -> bool:
    return not (
        Person.objects.exists()
        or Application.objects.exists()
        or Consent.objects.exists()
        or AuditEntry.objects.exists()
    )


def messages(error: ValidationError, field: str, language: str = "message_en") -> list[str]:
    return [e[language] for e in field_errors(error) if e["field"] == field]


def test_a_koga_resident_applies(in_koga: Region) -> None:
    application = application_submit(region=in_koga, data=HANAKO)
    assert application.status == "submitted"
    person = application.person
    assert (person.prefecture, person.city, person.town) == ("福岡県", "古賀市", "天神")
    assert person.municipality_code == "40223"
    assert person.phone == "09012345678"
    assert application.email == "hanako.koga@example.jp"
    entry = AuditEntry.objects.get(action="application.submit")
    assert (entry.action, entry.object_id, entry.actor) == (
        "application.submit",
        str(application.pk),
        None,
    )


def test_consents_are_recorded_per_purpose_with_version_and_time(in_koga: Region) -> None:
    application = application_submit(
        region=in_koga, data=replace(HANAKO, consent_share_with_municipality=True)
    )
    consents = {c.purpose: c for c in Consent.objects.filter(person=application.person)}
    assert consents[ConsentPurpose.PROGRAM].granted
    assert consents[ConsentPurpose.SHARE_WITH_MUNICIPALITY].granted
    assert all(c.wording_version for c in consents.values())
    assert all(c.recorded_at <= timezone.now() for c in consents.values())


def test_sharing_with_the_city_is_a_separate_choice(in_koga: Region) -> None:
    application = application_submit(region=in_koga, data=HANAKO)
    share = Consent.objects.get(
        person=application.person, purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY
    )
    assert share.granted is False


@pytest.mark.parametrize("postal_code", ["811-3101", "8113114", "811-3103", "８１１３１３１"])
def test_koga_postal_codes_are_eligible(in_koga: Region, postal_code: str) -> None:
    application = application_submit(region=in_koga, data=replace(HANAKO, postal_code=postal_code))
    assert application.person.municipality_code == "40223"


def test_a_fukutsu_postal_code_is_refused_naming_its_municipality(in_koga: Region) -> None:
    with pytest.raises(ValidationError) as caught:
        application_submit(region=in_koga, data=replace(HANAKO, postal_code="811-3201"))
    (english,) = messages(caught.value, "postal_code")
    (japanese,) = messages(caught.value, "postal_code", "message_ja")
    assert "福岡県福津市" in english
    assert "Koga City" in english
    assert "福津市" in japanese
    assert "古賀市" in japanese
    assert nothing_stored()


@pytest.mark.parametrize(
    ("postal_code", "expected"),
    [("0000000", "Japan Post has no postal code"), ("81131", "seven digits")],
)
def test_unknown_and_malformed_postal_codes_say_why(
    in_koga: Region, postal_code: str, expected: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        application_submit(region=in_koga, data=replace(HANAKO, postal_code=postal_code))
    assert expected in messages(caught.value, "postal_code")[0]
    assert nothing_stored()


@pytest.mark.parametrize("status", ["full_time", "student", "job_seeker"])
def test_a_work_status_the_program_does_not_admit_is_refused(in_koga: Region, status: str) -> None:
    with pytest.raises(ValidationError) as caught:
        application_submit(region=in_koga, data=replace(HANAKO, work_status=status))
    (english,) = messages(caught.value, "work_status")
    assert "Part-time" in english
    assert "Freelance" in english
    assert nothing_stored()


def test_a_region_can_admit_other_work_statuses(in_koga: Region) -> None:
    in_koga.admitted_work_statuses = ["part_time", "freelance", "job_seeker"]
    in_koga.save(update_fields=["admitted_work_statuses"])
    application = application_submit(region=in_koga, data=replace(HANAKO, work_status="job_seeker"))
    assert application.person.work_status == "job_seeker"


def test_without_consent_to_the_purpose_nothing_is_stored(in_koga: Region) -> None:
    with pytest.raises(ValidationError) as caught:
        application_submit(region=in_koga, data=replace(HANAKO, consent_program=False))
    assert "purpose of use" in messages(caught.value, "consent_program")[0]
    assert nothing_stored()


def test_kana_is_normalised_from_hiragana_and_half_width(in_koga: Region) -> None:
    application = application_submit(
        region=in_koga, data=replace(HANAKO, family_name_kana="こが", given_name_kana="ﾊﾅｺ")
    )
    assert (application.person.family_name_kana, application.person.given_name_kana) == (
        "コガ",
        "ハナコ",
    )


def test_malformed_kana_future_birth_date_and_bad_phone_are_all_reported(in_koga: Region) -> None:
    bad = replace(
        HANAKO,
        family_name_kana="Koga",
        birth_date=date(2099, 1, 1),
        phone="12345",
        weekly_hours_available=0,
    )
    with pytest.raises(ValidationError) as caught:
        application_submit(region=in_koga, data=bad)
    fields = {e["field"] for e in field_errors(caught.value)}
    assert fields == {"family_name_kana", "birth_date", "phone", "weekly_hours_available"}
    assert all(e["message_ja"] != e["message_en"] for e in field_errors(caught.value))
    assert nothing_stored()


def test_a_second_open_application_with_the_same_email_is_a_conflict(in_koga: Region) -> None:
    application_submit(region=in_koga, data=HANAKO)
    with pytest.raises(Conflict):
        application_submit(region=in_koga, data=replace(HANAKO, email="HANAKO.KOGA@example.jp"))
    assert Application.objects.count() == 1
    assert Person.objects.count() == 1


def test_the_same_email_may_apply_in_another_region(koga: Region, fukutsu: Region) -> None:
    from sousei.core.scoping import region_scope

    with region_scope(koga):
        application_submit(region=koga, data=HANAKO)
    with region_scope(fukutsu):
        other = application_submit(region=fukutsu, data=replace(HANAKO, postal_code="811-3201"))
    assert other.region_id == fukutsu.pk
