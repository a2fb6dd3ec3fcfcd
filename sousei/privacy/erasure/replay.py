"""After a restore: erase again whoever the journal says was erased (journal.py).

Every line is replayed, not only those after the backup's last audit entry: ids and clocks
may have been reused by earlier restores, so "after" is not reliable, while an erasure is
idempotent (a person already erased is left as is) and a line applies only to the row whose
id *and* creation time it names. The manifest's `erasure_replay.after_audit_entry_id` is
reported beside the count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from sousei.core.models import Region
from sousei.core.scoping import cross_region, region_scope
from sousei.people.models import Person
from sousei.privacy.erasure.journal import JournalLine, journal_path, journal_read
from sousei.privacy.erasure.retention import retention_end_one
from sousei.privacy.erasure.scrub import user_anonymise
from sousei.privacy.erasure.services import person_erase_replay
from sousei.privacy.models import ErasureAction, PersonPrivacy


def _same_moment(stored: dt.datetime | None, written: str | None) -> bool:
    if stored is None or not written:
        return False
    return stored == dt.datetime.fromisoformat(written)


def _person(line: JournalLine) -> Person | None:
    with cross_region("replaying the erasure journal after a restore"):
        person = Person.objects.filter(pk=line.person, region_id=line.region).first()
    if person is None or not _same_moment(person.created_at, line.person_created_at):
        return None
    return person


def _user_anonymise(line: JournalLine) -> bool:
    """The account named by the line, if it is still that account and still usable."""
    if line.user is None:
        return False
    user = User.objects.filter(pk=line.user).first()
    if user is None or not _same_moment(user.date_joined, line.user_joined_at):
        return False
    if not user.is_active and not user.has_usable_password():
        return False
    user_anonymise(user)
    return True


def journal_replay() -> dict[str, int]:
    """Apply every journal line to the database as it is now. Returns counts."""
    erased = ended = accounts = 0
    for line in journal_read():
        person = _person(line)
        if line.action == ErasureAction.ERASE and person is not None:
            region = Region.objects.get(pk=line.region)
            if person_erase_replay(person=person, region=region) is not None:
                erased += 1
        elif line.action == ErasureAction.RETENTION_END and person is not None:
            region = Region.objects.get(pk=line.region)
            with region_scope(region), transaction.atomic():
                state = PersonPrivacy.objects.filter(person=person).first()
                if state is not None and state.retention_ended_at is None:
                    retention_end_one(state=state, replayed=True)
                    ended += 1
        if line.action == ErasureAction.ERASE:
            # The account too, even when the person row is gone from the restored data.
            with transaction.atomic():
                accounts += _user_anonymise(line)
    return {"erased": erased, "retention_ended": ended, "accounts": accounts}


def after_restore(manifest: dict[str, Any]) -> str:
    """The hook core.backup runs after a restore (registered in apps.py)."""
    counts = journal_replay()
    after = manifest.get("erasure_replay", {}).get("after_audit_entry_id")
    return (
        f"erasures replayed from {journal_path()}: {counts['erased']} persons erased again, "
        f"{counts['accounts']} accounts closed again, {counts['retention_ended']} retained "
        f"identities blanked again (the backup ends at audit entry {after})."
    )
