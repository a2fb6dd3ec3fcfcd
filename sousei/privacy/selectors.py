"""Reads of privacy requests and policies. Every query runs inside the caller's region scope,
except `persons_of_user` (a person's own records in every region, declared)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import F, QuerySet

from sousei.core.models import Membership
from sousei.core.pagination import Page, paginate
from sousei.core.roles import Role
from sousei.core.scoping import cross_region
from sousei.people.models import Person
from sousei.privacy.disclosure import Section, model_rows, section_register
from sousei.privacy.models import PolicyVersion, PrivacyRequest
from sousei.privacy.models.requests import OPEN_STATUSES


def request_search(
    *, status: str | None = None, kind: str | None = None, overdue_on: dt.date | None = None
) -> QuerySet[PrivacyRequest]:
    """The region's requests, open ones first by due date, then answered ones, newest first.
    `overdue_on`: only open requests due before that day."""
    qs = PrivacyRequest.objects.select_related("person", "filed_by", "completed_by")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if overdue_on is not None:
        qs = qs.filter(status__in=OPEN_STATUSES, due_on__lt=overdue_on)
    return qs.order_by(F("completed_at").desc(nulls_first=True), "due_on", "-id")


def request_page(
    *,
    status: str | None = None,
    kind: str | None = None,
    overdue_on: dt.date | None = None,
    page: int = 1,
    size: int = 50,
) -> Page[PrivacyRequest]:
    return paginate(
        request_search(status=status, kind=kind, overdue_on=overdue_on), page=page, size=size
    )


def request_get(*, request_id: int) -> PrivacyRequest:
    """One request; PrivacyRequest.DoesNotExist outside the scope."""
    return PrivacyRequest.objects.select_related(
        "person", "filed_by", "completed_by", "region"
    ).get(pk=request_id)


def open_request_count() -> int:
    return PrivacyRequest.objects.filter(status__in=OPEN_STATUSES).count()


def overdue_requests(*, today: dt.date) -> list[PrivacyRequest]:
    """Open requests past their due date not yet reminded today (the reminder command)."""
    return list(
        PrivacyRequest.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today)
        .exclude(reminded_on=today)
        .select_related("person", "region")
        .order_by("due_on", "id")
    )


def requests_of_person(*, person_id: int) -> QuerySet[PrivacyRequest]:
    return PrivacyRequest.objects.filter(person_id=person_id).order_by("-received_at", "-id")


def persons_of_user(*, user: User) -> list[Person]:
    """The signed-in user's Person in every region they have one (a human may be known in
    several regions), with the region."""
    with cross_region("a person's own records in every region, for their privacy page"):
        return list(Person.objects.filter(user=user).select_related("region").order_by("region_id"))


def person_get(*, person_id: int) -> Person:
    """The region's person; Person.DoesNotExist outside the scope."""
    return Person.objects.select_related("region").get(pk=person_id)


def region_operators(*, region_id: int) -> list[User]:
    """The active users holding the operator role in the region (who answer requests)."""
    return [
        membership.user
        for membership in Membership.objects.filter(region_id=region_id, role=Role.OPERATOR)
        .select_related("user")
        .order_by("user_id")
        if membership.user.is_active
    ]


def policy_current(*, today: dt.date) -> PolicyVersion | None:
    """The region's policy in force on `today` (the newest version in force)."""
    return (
        PolicyVersion.objects.filter(effective_from__lte=today)
        .order_by("-effective_from", "-id")
        .first()
    )


def policy_versions() -> list[PolicyVersion]:
    return list(PolicyVersion.objects.order_by("-effective_from", "-id"))


def policy_get(*, version: str) -> PolicyVersion | None:
    return PolicyVersion.objects.filter(version=version).first()


# The requests themselves are data about the person (when they asked, what was answered).
section_register(
    Section(
        "privacy_requests",
        lambda person: model_rows(requests_of_person(person_id=person.pk)),
        "privacy.privacyrequest",
    )
)
