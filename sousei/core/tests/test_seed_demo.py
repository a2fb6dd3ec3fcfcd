"""The demo scenario: both regions, one user per role, applicants in mixed states, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory

from sousei.core.models import AuditEntry, Membership, Organization, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.people.models import Application, Consent, Participant, Person

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {
            "regions": Region.objects.count(),
            "organizations": Organization.objects.count(),
            "users": User.objects.count(),
            "memberships": Membership.objects.count(),
            "persons": Person.objects.count(),
            "applications": Application.objects.count(),
            "consents": Consent.objects.count(),
            "participants": Participant.objects.count(),
            "audit": AuditEntry.objects.count(),
        }


def test_the_demo_seed_is_complete_and_idempotent(settings: object) -> None:
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first

    koga = Region.objects.get(code="40223", slug="koga")
    fukutsu = Region.objects.get(code="40224", slug="fukutsu")
    for region in (koga, fukutsu):
        for role in Role.values:
            user = User.objects.get(username=f"{role}-{region.slug}")
            with scopes_disabled():
                assert Membership.objects.filter(user=user, region=region, role=role).exists()
    request = RequestFactory().post("/login/")
    assert authenticate(request, username="operator-koga", password="sousei-demo-2026")

    with region_scope(koga):
        assert Application.objects.count() >= 35
        statuses = set(Application.objects.values_list("status", flat=True))
        assert statuses == {"submitted", "waitlisted", "accepted", "rejected"}
        assert not Person.objects.exclude(municipality_code="40223").exists()
        assert Participant.objects.filter(person__user__username="participant-koga").exists()
    with region_scope(fukutsu):
        assert Application.objects.exists()
        assert not Person.objects.exclude(municipality_code="40224").exists()
