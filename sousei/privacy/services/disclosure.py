"""Taking a person's data out (APPI art. 33): the export ZIP of sousei.privacy.disclosure,
audited in every region it reads (`privacy.export`: which person, how many files and rows,
the ZIP's SHA-256 — never the data itself)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from sousei.core.audit import audit_record
from sousei.core.scoping import region_scope
from sousei.people.models import Person
from sousei.privacy import selectors
from sousei.privacy.disclosure import export_zip


def _audit(persons: list[Person], actor: User, content: bytes, manifest: dict[str, Any]) -> None:
    digest = hashlib.sha256(content).hexdigest()
    for person in persons:
        with region_scope(person.region), transaction.atomic():
            audit_record(
                region=person.region,
                actor=actor,
                action="privacy.export",
                obj=person,
                changes={
                    "files": len(manifest["files"]),
                    "rows": sum(manifest["counts"].get(person.region.slug, {}).values()),
                    "sha256": digest,
                    "by_self": person.user_id == actor.pk,
                },
            )


def disclosure_export_self(*, user: User) -> tuple[bytes, dict[str, Any]]:
    """Everything held about the signed-in user, every region's Person in its own folder."""
    persons = selectors.persons_of_user(user=user)
    content, manifest = export_zip(persons=persons)
    _audit(persons, user, content, manifest)
    return content, manifest


def disclosure_export_person(*, person: Person, actor: User) -> tuple[bytes, dict[str, Any]]:
    """Everything held about one Person of the current region (an operator's export)."""
    content, manifest = export_zip(persons=[person])
    _audit([person], actor, content, manifest)
    return content, manifest
