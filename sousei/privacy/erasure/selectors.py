"""Reads for the operator's erasure page and API: who is suspended, erased or has records
kept restricted, and the log of suspensions and erasures. Run in the region's scope."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sousei.core import clock
from sousei.core.pagination import Page, paginate
from sousei.people.models import Person
from sousei.privacy.models import ErasureRecord, PersonPrivacy

STATES = ("suspended", "erased", "restricted")


def _in_state(state: str | None) -> Q:
    if state == "suspended":
        return Q(suspended_at__isnull=False, erased_at__isnull=True)
    if state == "erased":
        return Q(erased_at__isnull=False)
    if state == "restricted":
        return Q(restricted_until__isnull=False, retention_ended_at__isnull=True)
    return Q(suspended_at__isnull=False) | Q(erased_at__isnull=False)


def privacy_states(*, state: str | None = None) -> QuerySet[PersonPrivacy]:
    """Persons suspended, erased or with restricted records (any of them without `state`),
    the latest change first."""
    return (
        PersonPrivacy.objects.filter(_in_state(state))
        .select_related("person")
        .order_by("-updated_at", "-pk")
    )


def privacy_state_page(*, state: str | None, page: int, size: int) -> Page[PersonPrivacy]:
    return paginate(privacy_states(state=state), page=page, size=size)


def privacy_counts() -> dict[str, int]:
    """How many persons are in each state (three counts, one query each)."""
    return {state: PersonPrivacy.objects.filter(_in_state(state)).count() for state in STATES}


def suspended_count() -> int:
    return PersonPrivacy.objects.filter(_in_state("suspended")).count()


def privacy_state_of(*, person: Person) -> PersonPrivacy | None:
    return PersonPrivacy.objects.filter(person=person).first()


def erasure_records(*, person: Person | None = None, limit: int = 50) -> list[ErasureRecord]:
    records = ErasureRecord.objects.all()
    if person is not None:
        records = records.filter(person=person)
    return list(records.order_by("-at", "-pk")[:limit])


def person_get(*, person_id: int) -> Person:
    """The region's person (404 for another region's: the scope leaves it out)."""
    return Person.objects.get(pk=person_id)


def retention_due_count() -> int:
    return PersonPrivacy.objects.filter(
        restricted_until__lt=clock.today(), retention_ended_at__isnull=True
    ).count()
