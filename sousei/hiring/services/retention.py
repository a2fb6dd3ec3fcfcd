"""Deleting the candidacies of candidates who were not hired, once the retention period the
privacy notice states has passed (one year; APPI art. 22: personal data no longer needed
for its purpose is erased without delay).

What goes: the candidacy with its stage history, interviews, panels, scorecards and
offers, the messages sent about it, and its CV file; and the person (names, contact,
address) when nothing else in the region still refers to them — a person who is also a
program applicant, participant, event registrant, employee or another open candidate is
kept for that. What stays: the funnel's anonymous counts (FunnelTally) and the audit
trail, whose entries name records by id only. The purge itself is one audit entry per
region with counts, never names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db import transaction

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.hiring.models import Candidacy, Interview, Offer, Scorecard, StageMove
from sousei.hiring.selectors import RETENTION_YEARS, candidacies_past_retention
from sousei.people.models import Consent, Person

# One transaction deletes at most this many candidacies; the rest follow in the next.
BATCH = 500


@dataclass(frozen=True)
class PurgeResult:
    candidacies: int = 0
    persons: int = 0
    cv_files: int = 0

    def __add__(self, other: PurgeResult) -> PurgeResult:
        return PurgeResult(
            candidacies=self.candidacies + other.candidacies,
            persons=self.persons + other.persons,
            cv_files=self.cv_files + other.cv_files,
        )


def person_still_needed(person_id: int) -> bool:
    """Whether any record besides the person's own consents still refers to the person.

    Reads every relation to Person that the apps declare, so an app added later (or a new
    reference) keeps its persons without this function knowing it."""
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if model is Consent:  # the person's own answers: they go with the person
            continue
        field = relation.field.name
        if model._default_manager.filter(**{field: person_id}).exists():
            return True
    return False


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _purge_batch(*, region: Region, ids: list[int]) -> PurgeResult:
    candidacies = list(Candidacy.objects.filter(pk__in=ids).values_list("pk", "person_id", "cv"))
    person_ids = sorted({person_id for _pk, person_id, _cv in candidacies})
    cv_names = [cv for _pk, _person, cv in candidacies if cv]
    Scorecard.objects.filter(interview__candidacy_id__in=ids).delete()
    Interview.objects.filter(candidacy_id__in=ids).delete()  # and their panels
    StageMove.objects.filter(candidacy_id__in=ids).delete()
    Offer.objects.filter(candidacy_id__in=ids).delete()
    OutboxMessage.objects.filter(about_model="hiring.candidacy", about_id__in=ids).delete()
    Candidacy.objects.filter(pk__in=ids).delete()
    gone = [pk for pk in person_ids if not person_still_needed(pk)]
    Person.objects.filter(pk__in=gone).delete()  # with their consents
    # Files are removed once the rows are gone for good; a rollback keeps both.
    transaction.on_commit(lambda: _delete_files(cv_names))
    return PurgeResult(candidacies=len(candidacies), persons=len(gone), cv_files=len(cv_names))


def candidacies_purge(
    *, region: Region, actor: User | None = None, now: dt.datetime | None = None
) -> PurgeResult:
    """Delete the region's candidacies past retention (see the module's docstring). Run in
    the region's scope, by the scheduled job (`sousei hiring-daily`). Idempotent."""
    now = now or clock.now()
    total = PurgeResult()
    while True:
        ids = list(candidacies_past_retention(now=now).values_list("pk", flat=True)[:BATCH])
        if not ids:
            break
        with transaction.atomic():
            done = _purge_batch(region=region, ids=ids)
            audit_record(
                region=region,
                actor=actor,
                action="candidacy.purge",
                obj=region,
                changes={
                    "candidacies": done.candidacies,
                    "persons": done.persons,
                    "cv_files": done.cv_files,
                    "retention_years": RETENTION_YEARS,
                },
            )
        total += done
    return total
