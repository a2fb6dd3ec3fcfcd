"""Erasure (APPI art. 35): the erased person can no longer sign in, their values are found
in no table and no file, every region of the same account is erased, audit entries hold ids
only, and a second erasure, another region's person and a non-operator are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import cross_region, region_scope
from sousei.people.models import Person
from sousei.people.tests.factories import PersonFactory
from sousei.privacy.erasure.journal import journal_read
from sousei.privacy.erasure.services import person_erase
from sousei.privacy.models import ErasureRecord, PersonPrivacy
from sousei.privacy.tests.people import (
    EMAIL,
    FAMILY,
    GIVEN,
    VALUES,
    database_mentions,
    media_mentions,
    subject,
)


def signs_in(username: str, password: str) -> bool:
    """The login page and the token endpoint both let the account in."""
    page = Client().post("/login/", {"username": username, "password": password})
    token = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )
    assert (page.status_code == 302) == (token.status_code == 200)
    return page.status_code == 302


def erase(region: Region, cast: Cast, person: Person) -> ErasureRecord:
    with region_scope(region):
        return person_erase(person=person, actor=cast.user("operator", region.slug), reason="req 1")


def test_an_erased_person_can_no_longer_sign_in(koga: Region, cast: Cast, media: Path) -> None:
    who = subject(koga, cast)
    assert signs_in(who.username, "old-password-1")

    erase(koga, cast, who.person)

    user = User.objects.get(pk=who.user_id)
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.username == f"erased-{user.pk}"
    assert user.email == ""
    assert not signs_in(who.username, "old-password-1")
    assert not signs_in(EMAIL, "old-password-1")


@pytest.mark.django_db(transaction=True)  # the CV file goes once the erasure commits
def test_the_erased_values_are_in_no_table_and_no_file(
    koga: Region, cast: Cast, media: Path
) -> None:
    who = subject(koga, cast)
    assert {value for _t, _c, value in database_mentions()} == set(VALUES)
    assert media_mentions(media)

    erase(koga, cast, who.person)

    assert database_mentions() == []
    assert media_mentions(media) == []


def test_the_person_is_told_at_the_address_on_file_and_operators_by_id(
    koga: Region, cast: Cast, media: Path, django_capture_on_commit_callbacks
) -> None:
    who = subject(koga, cast)
    with django_capture_on_commit_callbacks(execute=True):
        record = erase(koga, cast, who.person)
    sent = [m for m in mail.outbox if EMAIL in m.to]
    assert len(sent) == 1
    assert FAMILY not in sent[0].body
    assert GIVEN not in sent[0].body
    with region_scope(koga):
        notices = AuditEntry.objects.filter(action="privacy.erase")
        assert [e.changes["record"] for e in notices] == [record.pk]


def test_the_audit_entry_and_the_journal_hold_ids_only(
    koga: Region, cast: Cast, media: Path, journal: Path
) -> None:
    who = subject(koga, cast)
    record = erase(koga, cast, who.person)

    with region_scope(koga):
        entry = AuditEntry.objects.get(action="privacy.erase")
    assert entry.object_id == str(who.person.pk)
    assert entry.changes["record"] == record.pk
    text = str(entry.changes) + journal.read_text()
    assert not any(value in text for value in VALUES)
    (line,) = journal_read()
    assert (line.person, line.user, line.region) == (who.person.pk, who.user_id, koga.pk)


def test_the_same_account_is_erased_in_the_operators_other_regions(
    koga: Region, fukutsu: Region, cast: Cast, media: Path
) -> None:
    who = subject(koga, cast)
    with region_scope(fukutsu):
        there = PersonFactory.create(region=fukutsu, user_id=who.user_id, family_name=FAMILY)
        stranger = PersonFactory.create(region=fukutsu, family_name=FAMILY)

    erase(koga, cast, who.person)

    with cross_region("test"):
        there.refresh_from_db()
        stranger.refresh_from_db()
        assert there.family_name == ""
        assert PersonPrivacy.objects.get(person=there).erased_at is not None
        assert stranger.family_name == FAMILY  # same name, another human: left alone
        assert ErasureRecord.objects.filter(region=fukutsu, person=there).exists()


def test_erasing_twice_is_refused(koga: Region, cast: Cast, media: Path) -> None:
    who = subject(koga, cast)
    api = bearer_client(cast.user("operator"))
    url = f"/api/v1/regions/koga/persons/{who.person.pk}/erasure"

    first = api.post(url, {"reason": "request 12"}, content_type="application/json")
    second = api.post(url, {"reason": "request 12"}, content_type="application/json")

    assert first.status_code == 201, first.content
    assert second.status_code == 409
    assert "already been erased" in second.json()["detail_en"]
    with region_scope(koga):
        assert ErasureRecord.objects.count() == 1


def test_another_regions_person_answers_404(koga: Region, fukutsu: Region, cast: Cast) -> None:
    with region_scope(fukutsu):
        theirs = PersonFactory.create(region=fukutsu)
    api = bearer_client(cast.user("operator"))

    response = api.post(
        f"/api/v1/regions/koga/persons/{theirs.pk}/erasure", {}, content_type="application/json"
    )

    assert response.status_code == 404
    with cross_region("test"):
        assert not PersonPrivacy.objects.exists()


@pytest.mark.parametrize("role", ["participant", "municipality", "trainer", "client"])
def test_a_non_operator_may_not_erase(koga: Region, cast: Cast, role: str) -> None:
    with region_scope(koga):
        person = PersonFactory.create(region=koga)
    api = bearer_client(cast.user(role))

    response = api.post(
        f"/api/v1/regions/koga/persons/{person.pk}/erasure", {}, content_type="application/json"
    )

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.family_name != ""
