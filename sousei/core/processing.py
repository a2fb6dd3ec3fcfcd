"""Suspension of use (利用停止, APPI art. 35): which persons may not be used right now.

The privacy app keeps who is suspended; the apps below it (matching and proposals, the
outbox, the city's view of people) must leave those persons out but cannot import it (the
layering). So privacy registers, from its `ready()`, how to tell a suspended person from a
usable one, and the lower apps ask here:

    participants = usable(Participant.objects.filter(...), person="person")
    if not recipient_usable(region=region, user=user): ...

Without a registration (core's own tests, a deployment without privacy) everyone is usable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from sousei.core.models import Region

M = TypeVar("M", bound=Any)

# person_path -> Q matching the rows whose person is suspended ("person" for a model with a
# `person` foreign key, "" for Person itself, "participant__person" further away).
_suspended_q: list[Callable[[str], Q]] = []
# (region, user id or None, e-mail) -> True when the recipient is a suspended person there.
_recipient_checks: list[Callable[[Region, int | None, str], bool]] = []
# Outbox kinds that still reach a suspended person: the notices about the suspension or
# erasure itself, which the person is owed.
exempt_kinds: set[str] = set()


def suspension_register(
    *,
    suspended_q: Callable[[str], Q],
    recipient_suspended: Callable[[Region, int | None, str], bool],
    exempt: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Called by the privacy app's ready()."""
    if suspended_q not in _suspended_q:
        _suspended_q.append(suspended_q)
    if recipient_suspended not in _recipient_checks:
        _recipient_checks.append(recipient_suspended)
    exempt_kinds.update(exempt)


def usable(queryset: QuerySet[M], *, person: str) -> QuerySet[M]:
    """`queryset` without the rows whose person (reached by the lookup path `person`, "" for
    Person itself) is suspended or erased."""
    for suspended in _suspended_q:
        queryset = queryset.exclude(suspended(person))
    return queryset


def recipient_usable(*, region: Region, user_id: int | None, email: str, kind: str) -> bool:
    """Whether a message of `kind` may go to this user or address in the region."""
    if kind in exempt_kinds or (user_id is None and not email):
        return True
    return not any(check(region, user_id, email) for check in _recipient_checks)
