"""One access rule: a page and its endpoint answer the same for the same object.

Each app's access.py decides which of its objects a caller may see, and both its pages and
its API call it. Here a member of Koga whose role may use both URLs asks for an object that
is not theirs and gets 404 from the page and the endpoint alike, as if it did not exist;
the object's owner gets it from both (the control case). The objects are the permission
matrix's, built in Koga for the cast's owner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from conftest import Cast, bearer_client
from sousei.core.models import Membership, Organization, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.events.models import Event, EventStatus
from sousei.hiring.models import JobOpening, OpeningStatus
from tests.matrix import (
    Area,
    careers,
    events,
    hiring,
    projects,
    spaces,
    training,
    work_payroll,
    work_timesheets,
)


def unpublish_event(ids: dict[str, Any]) -> None:
    Event.objects.filter(pk=ids["event"]).update(status=EventStatus.DRAFT)


def unpublish_opening(ids: dict[str, Any]) -> None:
    JobOpening.objects.filter(pk=ids["opening"]).update(status=OpeningStatus.DRAFT)


@dataclass(frozen=True)
class Pair:
    area: Area
    page: str  # with the area's placeholders; the region is Koga
    api: str
    owner: str  # the cast's role whose object it is (or who may see it)
    stranger: str  # the role of another Koga member, who may use both URLs for their own
    prepare: Callable[[dict[str, Any]], None] | None = None

    @property
    def id(self) -> str:
        return f"{self.area.name}: {self.page}"


PAIRS = [
    Pair(
        spaces.AREA,
        "/r/koga/bookings/{booking}/",
        "/bookings/{booking}",
        "participant",
        "participant",
    ),
    Pair(
        training.AREA,
        "/r/koga/learning/{enrolment}/",
        "/enrolments/{enrolment}",
        "participant",
        "participant",
    ),
    Pair(
        training.AREA,
        "/r/koga/certificates/{code}.pdf",
        "/enrolments/{completed}/certificate.pdf",
        "participant",
        "participant",
    ),
    Pair(projects.AREA, "/r/koga/projects/{project}/", "/projects/{project}", "client", "client"),
    Pair(
        work_timesheets.AREA,
        "/r/koga/work/{assignment}/",
        "/assignments/{assignment}/time-records?week=2025-12-08",
        "participant",
        "participant",
    ),
    Pair(
        work_payroll.AREA,
        "/r/koga/pay/{statement}/",
        "/pay-statements/{statement}",
        "participant",
        "participant",
    ),
    Pair(
        careers.AREA,
        "/r/koga/participants/{participant}/journey/",
        "/participants/{participant}/journey",
        "participant",
        "participant",
    ),
    Pair(
        careers.AREA,
        "/r/koga/assignments/{evaluated}/evaluation/",
        "/assignments/{evaluated}/evaluation",
        "participant",
        "participant",
    ),
    # An unpublished event or opening is staff's to see, on its public page as on the API.
    Pair(
        events.AREA,
        "/r/koga/events/{event}/",
        "/events/{event}",
        "space_manager",
        "candidate",
        unpublish_event,
    ),
    Pair(
        hiring.AREA,
        "/r/koga/jobs/{opening}/",
        "/openings/{opening}",
        "operator",
        "candidate",
        unpublish_opening,
    ),
]


def stranger(cast: Cast, koga: Region, role: str) -> User:
    """Another member of Koga in `role`; a client user acts for another company."""
    if role not in (Role.PARTICIPANT, Role.CLIENT):
        return cast.user(role)
    user = UserFactory.create(username=f"another-{role}")
    organization = None
    if role == Role.CLIENT:
        organization = Organization.objects.create(
            kind=Organization.Kind.CLIENT, name="株式会社ほかの会社"
        )
    Membership.objects.create(region=koga, user=user, role=role, organization=organization)
    return user


def statuses(user: User, page: str, api: str) -> tuple[int, int]:
    site = Client()
    site.force_login(user)
    return site.get(page).status_code, bearer_client(user).get(api).status_code


@pytest.mark.django_db
@pytest.mark.parametrize("pair", PAIRS, ids=[p.id for p in PAIRS])
def test_page_and_api_answer_alike_for_someone_elses_object(
    pair: Pair, cast: Cast, koga: Region
) -> None:
    ids = pair.area.objects(koga, cast)
    if pair.prepare is not None:
        with region_scope(koga):
            pair.prepare(ids)
    page = pair.page.format(**ids)
    api = "/api/v1/regions/koga" + pair.api.format(**ids)
    assert statuses(cast.user(pair.owner), page, api) == (200, 200)
    assert statuses(stranger(cast, koga, pair.stranger), page, api) == (404, 404)
