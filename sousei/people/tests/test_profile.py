"""People change their own contact details: the address follows the postal code, the change
is audited with before and after, and bad input is refused next to its field."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import Cast
from sousei.core.models import AuditEntry, Region
from sousei.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def signed_in(cast: Cast, role: str = "participant") -> Client:
    client = Client()
    client.force_login(cast.user(role))
    return client


def test_a_person_changes_their_phone_and_address_from_the_postal_code(
    cast: Cast, in_koga: Region
) -> None:
    person = PersonFactory.create(
        region=in_koga,
        user=cast.user("participant"),
        phone="",
        postal_code="",
        prefecture="",
        city="",
        town="",
        municipality_code="",
    )
    browser = signed_in(cast)
    assert browser.get("/r/koga/profile/").status_code == 200
    done = browser.post(
        "/r/koga/profile/",
        {
            "email": person.email,
            "phone": "092-942-1111",
            "postal_code": "811-3101",
            "address_line": "1-1-1",
        },
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.phone == "0929421111"
    assert person.postal_code == "8113101"
    assert person.city == "古賀市"
    assert person.municipality_code == "40223"
    entry = AuditEntry.objects.get(action="account.profile")
    assert entry.actor == cast.user("participant")
    assert entry.changes["phone"] == ["", "0929421111"]
    assert entry.changes["municipality_code"] == ["", "40223"]


def test_a_bad_postal_code_or_phone_is_refused_and_nothing_changes(
    cast: Cast, in_koga: Region
) -> None:
    person = PersonFactory.create(region=in_koga, user=cast.user("participant"))
    before = (person.phone, person.postal_code)
    page = signed_in(cast).post(
        "/r/koga/profile/",
        {"email": person.email, "phone": "12", "postal_code": "0000000", "address_line": ""},
    )
    assert page.status_code == 422
    assert set(page.context["form"].errors) == {"phone", "postal_code"}
    person.refresh_from_db()
    assert (person.phone, person.postal_code) == before
    assert not AuditEntry.objects.filter(action="account.profile").exists()


def test_a_member_with_no_person_here_is_told_so(cast: Cast) -> None:
    page = signed_in(cast, "trainer").get("/r/koga/profile/")
    assert page.status_code == 200
    assert page.context["person"] is None
