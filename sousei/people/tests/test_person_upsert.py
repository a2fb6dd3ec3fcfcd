"""One person per e-mail and region: person_upsert finds or creates them and says so in the
audit log."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from conftest import Cast
from sousei.core import postal
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.people.models import Person
from sousei.people.services import person_find, person_upsert

pytestmark = pytest.mark.django_db

KOGA_ADDRESS = postal.lookup("8113101")[0]
TOKYO_ADDRESS = postal.lookup("1000001")[0]


def upsert(region: Region, email: str = "hanako@example.jp", **fields: object) -> Person:
    return person_upsert(region=region, email=email, actor=None, **fields)  # type: ignore[arg-type]


def test_it_creates_a_person_with_the_fields_given_and_audits_it(
    in_koga: Region, cast: Cast
) -> None:
    operator = cast.user("operator")
    person = person_upsert(
        region=in_koga,
        email=" Hanako@Example.JP ",
        actor=operator,
        family_name="古賀",
        given_name="花子",
        family_name_kana="コガ",
        given_name_kana="ハナコ",
    )
    assert person.email == "hanako@example.jp"
    assert (person.phone, person.postal_code, person.birth_date) == ("", "", None)
    entry = AuditEntry.objects.get(action="person.create")
    assert (entry.object_id, entry.actor) == (str(person.pk), operator)
    # The audit log names the fields, not what the person typed.
    assert entry.changes == {
        "fields": ["email", "family_name", "family_name_kana", "given_name", "given_name_kana"]
    }


def test_it_finds_the_person_by_email_whatever_the_case(in_koga: Region) -> None:
    first = upsert(in_koga, "hanako@example.jp", family_name="古賀", given_name="花子")
    again = upsert(
        in_koga, "HANAKO@Example.jp", given_name="華子", phone="09012345678", overwrite=True
    )
    assert again.pk == first.pk
    assert Person.objects.count() == 1
    again.refresh_from_db()
    # Given fields are written, the others kept.
    assert (again.family_name, again.given_name, again.phone) == ("古賀", "華子", "09012345678")
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.changes == {"fields": ["given_name", "phone"]}
    assert person_find(region=in_koga, email="Hanako@EXAMPLE.jp") == first


def test_nothing_changed_records_no_update(in_koga: Region) -> None:
    upsert(in_koga, family_name="古賀")
    upsert(in_koga, family_name="古賀")
    assert not AuditEntry.objects.filter(action="person.update").exists()


def test_it_never_finds_a_person_of_another_region(koga: Region, fukutsu: Region) -> None:
    with region_scope(koga):
        in_koga = upsert(koga, family_name="古賀")
    with region_scope(fukutsu):
        in_fukutsu = upsert(fukutsu, family_name="福津")
        assert person_find(region=fukutsu, email="hanako@example.jp") == in_fukutsu
        assert Person.objects.count() == 1
    assert in_fukutsu.pk != in_koga.pk
    with region_scope(koga):
        in_koga.refresh_from_db()
        assert in_koga.family_name == "古賀"


def test_a_new_postal_code_without_a_street_line_clears_the_old_one(in_koga: Region) -> None:
    upsert(in_koga, address=KOGA_ADDRESS, address_line="1-2-3")
    person = upsert(in_koga, address=KOGA_ADDRESS, overwrite=True)
    assert person.address_line == "1-2-3"  # same postal code: the street line still holds
    person = upsert(in_koga, address=TOKYO_ADDRESS, overwrite=True)
    assert (person.municipality_code, person.city, person.address_line) == (
        TOKYO_ADDRESS.municipality_code,
        TOKYO_ADDRESS.city,
        "",
    )


def test_a_public_form_fills_in_what_is_unknown_but_never_changes_what_is_known(
    in_koga: Region,
) -> None:
    """Anyone can type someone's e-mail into a public form: that must not rename them or move
    their address."""
    upsert(in_koga, family_name="古賀", given_name="花子", address=KOGA_ADDRESS, address_line="1-2")
    person = upsert(
        in_koga,
        family_name="他人",
        given_name="太郎",
        phone="09099999999",
        address=TOKYO_ADDRESS,
        address_line="9-9-9",
    )
    person.refresh_from_db()
    assert (person.family_name, person.given_name) == ("古賀", "花子")
    assert (person.postal_code, person.city, person.address_line) == (
        KOGA_ADDRESS.postal_code,
        KOGA_ADDRESS.city,
        "1-2",
    )
    assert person.phone == "09099999999"  # unknown until now, so filled in
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.changes == {"fields": ["phone"]}


def test_the_database_refuses_a_second_person_with_one_email(in_koga: Region) -> None:
    upsert(in_koga, "hanako@example.jp")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            region=in_koga,
            family_name="古賀",
            given_name="花子",
            family_name_kana="コガ",
            given_name_kana="ハナコ",
            email="Hanako@Example.jp",
        )


def test_a_name_or_street_line_too_long_for_its_column_is_refused_not_cut() -> None:
    from sousei.people.validation import person_clean

    result = person_clean(
        {"family_name": "古" * 61, "given_name_kana": "ア" * 61, "address_line": "1" * 121}
    )
    assert set(result.errors) == {"family_name", "given_name_kana", "address_line"}
    assert all(e.code == "too_long" for errors in result.errors.values() for e in errors)
    assert result.fields == {}
    fits = person_clean({"family_name": "古" * 60, "address_line": "1" * 120})
    assert not fits.errors
