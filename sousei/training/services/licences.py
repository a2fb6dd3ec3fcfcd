"""Seats of licence pools: granted under a lock, never over-allocated, handed on in order.

Capacity follows DESIGN.md §4: lock the pool rows, count the held seats, insert, commit.
Every path that frees a seat (withdrawal, the end of a graduate's grace period, a pool's
expiry) hands it to the first waiting enrolment in the same transaction.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.training.models import (
    Enrolment,
    EnrolmentStatus,
    Licence,
    LicencePool,
    ToolProduct,
)
from sousei.training.notifications import notify_licence_granted
from sousei.training.selectors import waiting_queue

# The concurrency test's control case switches this off to show the race the lock prevents.
LOCK_POOLS = True


def _valid_pools(product: ToolProduct, day: date) -> QuerySet[LicencePool]:
    pools = LicencePool.objects.filter(
        product=product, valid_from__lte=day, valid_to__gte=day
    ).order_by("valid_to", "id")
    return pools.select_for_update() if LOCK_POOLS else pools


def pools_lock(*, product: ToolProduct, day: date) -> None:
    """Take the product's pool locks before queueing, so queue order is seat order."""
    list(_valid_pools(product, day))


def _free_pool(product: ToolProduct, day: date) -> LicencePool | None:
    """The pool (locked) with a free seat that expires first; None when all are full."""
    pools = list(_valid_pools(product, day))
    if not pools:
        return None
    held = dict(
        Licence.objects.filter(pool__in=pools, released_at__isnull=True)
        .values_list("pool_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for pool in pools:
        if held.get(pool.pk, 0) < pool.seats:
            return pool
    return None


def licence_take(*, enrolment: Enrolment, day: date, actor: User | None) -> Licence | None:
    """Give the enrolment a seat if one is free (call inside a transaction)."""
    pool = _free_pool(enrolment.course.product, day)
    if pool is None:
        return None
    licence = Licence.objects.create(region=enrolment.region, pool=pool, enrolment=enrolment)
    audit_record(
        region=enrolment.region,
        actor=actor,
        action="licence.grant",
        obj=licence,
        changes={"pool": pool.pk, "enrolment": enrolment.pk},
    )
    return licence


def licence_release(
    *, licence: Licence, actor: User | None, reason: str, day: date | None = None
) -> None:
    """Free a seat and hand it on to the first waiting enrolment of the same product
    (among the pools valid on `day`, today by default)."""
    licence.released_at = clock.now()
    licence.save(update_fields=["released_at"])
    audit_record(
        region=licence.region,
        actor=actor,
        action="licence.release",
        obj=licence,
        changes={"reason": reason, "enrolment": licence.enrolment_id},
    )
    waiting_promote(product=licence.pool.product, day=day or clock.today(), actor=actor)


def waiting_promote(*, product: ToolProduct, day: date, actor: User | None) -> list[Enrolment]:
    """Seat waiting enrolments while seats are free (inside the caller's transaction)."""
    promoted = []
    for enrolment in waiting_queue(product=product).select_related("course__product"):
        if licence_take(enrolment=enrolment, day=day, actor=actor) is None:
            break
        enrolment.status = EnrolmentStatus.ACTIVE
        enrolment.save(update_fields=["status"])
        notify_licence_granted(enrolment=enrolment)
        promoted.append(enrolment)
    return promoted


def held_licence(*, enrolment: Enrolment) -> Licence | None:
    return (
        Licence.objects.select_related("pool__product")
        .filter(enrolment=enrolment, released_at__isnull=True)
        .first()
    )


def licences_release_due(*, day: date) -> int:
    """Release seats whose graduate grace period ended or whose pool expired by `day`;
    run daily by a background task. Returns how many seats were freed."""
    due = Licence.objects.select_related("pool__product", "enrolment").filter(
        Q(release_on__lte=day) | Q(pool__valid_to__lt=day), released_at__isnull=True
    )
    freed = 0
    for licence in due:
        with transaction.atomic():
            _release_due(licence, day)
        freed += 1
    return freed


def _release_due(licence: Licence, day: date) -> None:
    expired = licence.pool.valid_to < day
    enrolment = licence.enrolment
    licence_release(
        licence=licence, actor=None, reason="pool_expired" if expired else "grace_ended", day=day
    )
    # Still studying on an expired pool: another pool's seat, or back in line.
    if (
        expired
        and enrolment.status == EnrolmentStatus.ACTIVE
        and licence_take(enrolment=enrolment, day=day, actor=None) is None
    ):
        enrolment.status = EnrolmentStatus.WAITING_LICENCE
        enrolment.save(update_fields=["status"])


def licence_pool_create(
    *,
    region: Region,
    product: ToolProduct,
    seats: int,
    valid_from: date,
    valid_to: date,
    actor: User | None,
    note: str = "",
) -> LicencePool:
    """Record seats a vendor gives the program; people already waiting for the product get
    them at once, in line order."""
    errors: dict[str, ValidationError] = {}
    if seats < 1:
        errors["seats"] = ValidationError(_("A pool needs at least one seat."))
    if valid_to < valid_from:
        errors["valid_to"] = ValidationError(
            _("The pool ends (%(to)s) before it starts (%(from)s). Check the dates."),
            params={"to": valid_to, "from": valid_from},
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pool = LicencePool.objects.create(
            region=region,
            product=product,
            seats=seats,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
        )
        audit_record(
            region=region,
            actor=actor,
            action="licence_pool.create",
            obj=pool,
            changes={"product": product.name, "seats": seats},
        )
        waiting_promote(product=product, day=clock.today(), actor=actor)
    return pool
