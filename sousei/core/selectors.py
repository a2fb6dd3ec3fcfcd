"""Reads of the core: regions a caller may see, memberships, audit entries, minimum wages,
and the operator organisation that runs the region's program."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils import timezone

from sousei.core.models import (
    AuditEntry,
    Membership,
    MinimumWage,
    Organization,
    Region,
    RegionOrganization,
)
from sousei.core.pagination import Page, paginate
from sousei.core.roles import Role
from sousei.core.scoping import cross_region


def regions_visible_to(*, user: User | AnonymousUser) -> QuerySet[Region]:
    """Superusers see every region; everyone else the regions they hold a role in."""
    if user.is_superuser:
        return Region.objects.order_by("code")
    if not user.is_authenticated:
        return Region.objects.none()
    with cross_region("the regions a user holds a role in"):
        region_ids = list(
            Membership.objects.filter(user=user).values_list("region_id", flat=True).distinct()
        )
    return Region.objects.filter(pk__in=region_ids).order_by("code")


def memberships_of(*, user: User) -> list[tuple[Region, str]]:
    """(region, role) pairs of the user, across regions: the user's own data."""
    with cross_region("a user's own roles, in every region"):
        return [
            (m.region, m.role)
            for m in Membership.objects.filter(user=user)
            .select_related("region")
            .order_by("region__code", "role")
        ]


def role_memberships_of(*, user: User, role: str) -> list[Membership]:
    """The user's memberships of one role across regions, with the region and the
    organisation they act for (one query): the user's own data."""
    with cross_region("a user's own memberships span regions by nature"):
        return list(
            Membership.objects.filter(user=user, role=role)
            .select_related("region", "organization")
            .order_by("region__code")
        )


def regions_of(*, region_ids: Collection[int]) -> list[Region]:
    """Regions by id, in code order (regions are not tenant rows)."""
    return list(Region.objects.filter(pk__in=list(region_ids)).order_by("code"))


def region_operators() -> list[Membership]:
    """The current region's operators, first invited first, with their user and company:
    whether each has set a password yet is `user.has_usable_password()`."""
    return list(
        Membership.objects.filter(role=Role.OPERATOR)
        .select_related("user", "organization")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class AuditFilters:
    """What the audit log is narrowed to: any of who (username), which object (type, id),
    which action, and a date range (local days, both ends included)."""

    actor: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def as_dict(self) -> dict[str, str]:
        """The filters set, as text (for an export's audit entry and the page's links)."""
        return {
            name: value.isoformat() if isinstance(value, date) else str(value)
            for name, value in vars(self).items()
            if value not in (None, "")
        }


NO_FILTERS = AuditFilters()


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def audit_entries(*, filters: AuditFilters = NO_FILTERS) -> QuerySet[AuditEntry]:
    """The region's audit entries under the filters, newest first, with their actors."""
    qs = AuditEntry.objects.select_related("actor")
    if filters.actor:
        qs = qs.filter(actor__username=filters.actor)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.date_from:
        qs = qs.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(at__lt=_day_start(filters.date_to + timedelta(days=1)))
    return qs.order_by("-at", "-id")


def audit_page(
    *, filters: AuditFilters = NO_FILTERS, page: int = 1, size: int = 50
) -> Page[AuditEntry]:
    return paginate(audit_entries(filters=filters), page=page, size=size)


def minimum_wage_on(*, prefecture: str, day: date) -> MinimumWage | None:
    """The prefecture's minimum wage in force on `day` (the latest effective_from ≤ day)."""
    return (
        MinimumWage.objects.filter(prefecture=prefecture, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )


def program_operator_name() -> str:
    """The operator company running the current region's program: it issues the certificates
    and pays the participants, so its name is printed on certificates and pay statements."""
    link = (
        RegionOrganization.objects.filter(organization__kind=Organization.Kind.OPERATOR)
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    return link.organization.name if link else "創生 Sousei"


def audit_entries_about(
    *, objects: Collection[tuple[str, str]], actor_id: int | None
) -> QuerySet[AuditEntry]:
    """The region's audit entries about any of `objects` ((object_type, object_id) pairs)
    or written by `actor_id`, oldest first: what the audit trail holds about one person."""
    match = Q(pk__in=[])
    by_type: dict[str, list[str]] = {}
    for object_type, object_id in objects:
        by_type.setdefault(object_type, []).append(object_id)
    for object_type, ids in by_type.items():
        match |= Q(object_type=object_type, object_id__in=ids)
    if actor_id is not None:
        match |= Q(actor_id=actor_id)
    return AuditEntry.objects.filter(match).order_by("at", "id")
