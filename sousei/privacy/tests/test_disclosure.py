"""The disclosure export (APPI art. 33): every kind of record of a rich participant is in it,
none of another person's, every region's Person in its own folder, audited; the API's own and
operator's exports."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.core.tests.factories import UserFactory
from sousei.hiring.tests.factories import media  # noqa: F401  (the fixture)
from sousei.people.models import Person
from sousei.people.tests.factories import PersonFactory
from sousei.privacy.disclosure import SECTIONS, export_zip
from sousei.privacy.services.requests import person_correct
from sousei.privacy.tests.factories import Rich, rich_participant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

EVERY_SECTION = [
    "person",
    "applications",
    "consents",
    "participant",
    "enrolments",
    "study_plans",
    "progress_entries",
    "certificates",
    "skills",
    "assignments",
    "time_records",
    "pay_statements",
    "evaluations",
    "evaluation_skills",
    "career_outcomes",
    "residence_checks",
    "outcome_records",
    "event_registrations",
    "candidacies",
    "candidacy_stages",
    "interviews",
    "offers",
    "employee_records",
    "messages",
]


def _rich(region: Region, cast: Cast, n: int) -> Rich:
    user = UserFactory.create()
    Membership.objects.create(region=region, user=user, role=Role.PARTICIPANT)
    with region_scope(region):
        return rich_participant(region, user, cast.user("operator", region.slug), n=n)


def _open(content: bytes) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return archive, json.loads(archive.read("manifest.json"))


def _rows(archive: zipfile.ZipFile, path: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(archive.read(path))
    return rows


def test_a_participants_export_holds_every_kind_of_record(koga: Region, cast: Cast) -> None:
    rich = _rich(koga, cast, 1)
    with scopes_disabled():
        person = Person.objects.select_related("region").get(user=rich.user)
    content, manifest = export_zip(persons=[person])
    archive, stored = _open(content)
    assert stored == manifest
    counts = manifest["counts"]["koga"]
    for name in EVERY_SECTION:
        assert counts[name] >= 1, name
        assert f"koga/{name}.json" in archive.namelist()
        assert f"koga/{name}.csv" in archive.namelist()
    assert counts["audit_entries"] >= 1
    assert counts["pay_statements (files)"] == 2
    assert counts["certificates (files)"] == 1
    assert counts["cv (files)"] == 1
    assert any(n.startswith("koga/pay_statements/") for n in archive.namelist())
    assert archive.read(
        next(n for n in archive.namelist() if n.startswith("koga/pay_statements/"))
    ).startswith(b"%PDF")
    assert counts["progress_entries"] == 30
    assert counts["time_records"] == 30
    consents = _rows(archive, "koga/consents.json")
    assert {row["wording_version"] for row in consents} == {"2026-11-01"}


def test_the_manifest_lists_every_file_with_its_checksum(koga: Region, cast: Cast) -> None:
    rich = _rich(koga, cast, 1)
    with scopes_disabled():
        person = Person.objects.select_related("region").get(user=rich.user)
    content, manifest = export_zip(persons=[person])
    archive, _ = _open(content)
    assert manifest["person"]["records"] == [{"region": "koga", "person_id": person.pk}]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(archive.namelist()) - {"manifest.json"}
    for path, entry in listed.items():
        assert hashlib.sha256(archive.read(path)).hexdigest() == entry["sha256"]


def test_credentials_never_leave_in_an_export(koga: Region, cast: Cast) -> None:
    rich = _rich(koga, cast, 1)
    with scopes_disabled():
        person = Person.objects.select_related("region").get(user=rich.user)
    archive, _ = _open(export_zip(persons=[person])[0])
    assert "token" not in _rows(archive, "koga/event_registrations.json")[0]
    assert "link_secret" not in _rows(archive, "koga/offers.json")[0]
    assert "cv" not in _rows(archive, "koga/candidacies.json")[0]


def test_another_persons_export_holds_none_of_this_persons_rows(koga: Region, cast: Cast) -> None:
    first, second = _rich(koga, cast, 1), _rich(koga, cast, 2)
    with scopes_disabled():
        one = Person.objects.select_related("region").get(user=first.user)
        other = Person.objects.select_related("region").get(user=second.user)
    mine, _ = _open(export_zip(persons=[one])[0])
    theirs, _ = _open(export_zip(persons=[other])[0])
    for section in SECTIONS:
        if not section.model:
            continue
        path = f"koga/{section.name}.json"
        my_ids = {row["id"] for row in _rows(mine, path)}
        their_ids = {row["id"] for row in _rows(theirs, path)}
        assert not my_ids & their_ids, section.name
    my_audit = {row["id"] for row in _rows(mine, "koga/audit_entries.json")}
    their_audit = {row["id"] for row in _rows(theirs, "koga/audit_entries.json")}
    assert not my_audit & their_audit
    names = set(theirs.namelist())
    assert not {n for n in mine.namelist() if "/" in n and n.count("/") > 1} & names
    assert b"rich1-koga" not in b"".join(theirs.read(n) for n in theirs.namelist())


def test_my_export_has_a_folder_per_region_and_is_audited_in_each(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    user = UserFactory.create()
    for region in (koga, fukutsu):
        Membership.objects.create(region=region, user=user, role=Role.PARTICIPANT)
        with region_scope(region):
            rich_participant(region, user, cast.user("operator", region.slug), n=1)
    response = bearer_client(user).get("/api/v1/me/export.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive, manifest = _open(response.content)
    assert set(manifest["counts"]) == {"koga", "fukutsu"}
    assert "koga/person.json" in archive.namelist()
    assert "fukutsu/person.json" in archive.namelist()
    with scopes_disabled():
        audited = AuditEntry.objects.filter(action="privacy.export", actor=user)
        assert sorted(entry.region.slug for entry in audited) == ["fukutsu", "koga"]


def test_my_export_is_refused_to_someone_not_on_record(cast: Cast) -> None:
    response = bearer_client(cast.outsider).get("/api/v1/me/export.zip")
    assert response.status_code == 404


def test_an_operator_exports_one_person_of_their_region(koga: Region, cast: Cast) -> None:
    rich = _rich(koga, cast, 1)
    with scopes_disabled():
        person = Person.objects.get(user=rich.user)
    response = bearer_client(cast.user("operator")).get(
        f"/api/v1/regions/koga/persons/{person.pk}/export.zip"
    )
    assert response.status_code == 200
    _archive, manifest = _open(response.content)
    assert list(manifest["counts"]) == ["koga"]
    with region_scope(koga):
        entry = AuditEntry.objects.get(action="privacy.export")
    assert entry.actor == cast.user("operator")
    assert entry.object_id == str(person.pk)
    assert entry.changes["by_self"] is False


def test_another_regions_operator_gets_404_for_the_person(koga: Region, cast: Cast) -> None:
    rich = _rich(koga, cast, 1)
    with scopes_disabled():
        person = Person.objects.get(user=rich.user)
    response = bearer_client(cast.user("operator", "fukutsu")).get(
        f"/api/v1/regions/fukutsu/persons/{person.pk}/export.zip"
    )
    assert response.status_code == 404


def test_what_a_person_wrote_about_someone_else_leaves_without_its_details(
    koga: Region, cast: Cast
) -> None:
    operator = cast.user("operator")
    with region_scope(koga):
        staff = PersonFactory.create(region=koga, user=operator)
        other = PersonFactory.create(region=koga, given_name="花子")
        person_correct(person=other, changes={"given_name": "華子"}, actor=operator)
    with scopes_disabled():
        staff = Person.objects.select_related("region").get(pk=staff.pk)
    archive, _ = _open(export_zip(persons=[staff])[0])
    written = [
        row
        for row in _rows(archive, "koga/audit_entries.json")
        if row["action"] == "person.correct"
    ]
    assert written
    assert written[0]["changes"] == {}
    assert "華子" not in archive.read("koga/audit_entries.csv").decode()
