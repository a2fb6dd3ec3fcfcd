"""The members page and its API: operators invite by e-mail with roles, give and remove roles
in their own region only; the last operator keeps the role; nobody else may."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Invitation, Membership, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.roles import Role
from sousei.core.scoping import region_scope

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_members_page_lists_roles_and_last_sign_in(cast: Cast, koga: Region) -> None:
    browser = signed_in(cast.user("operator"))
    page = browser.get("/r/koga/members/")
    assert page.status_code == 200
    members = page.context["members"]
    emails = {member.user.username for member in members}
    assert "participant-koga" in emails
    assert "participant-fukutsu" not in emails
    by_name = {member.user.username: member for member in members}
    assert by_name["operator-koga"].roles == [Role.OPERATOR]
    trainer = cast.user("trainer")
    trainer.email = "trainer@example.jp"
    trainer.save(update_fields=["email"])
    html = browser.get("/r/koga/members/").content.decode()
    # Each remove button says whose role it removes, for a screen reader.
    assert 'aria-label="trainer@example.jp から講師のロールを削除"' in html


def test_the_members_page_costs_the_same_queries_for_more_members(cast: Cast, koga: Region) -> None:
    browser = signed_in(cast.user("operator"))
    browser.get("/r/koga/members/")
    with CaptureQueriesContext(connection) as few:
        browser.get("/r/koga/members/")
    with region_scope(koga):
        for n in range(5):
            user = User.objects.create_user(f"extra{n}", email=f"extra{n}@example.jp")
            Membership.objects.create(region=koga, user=user, role=Role.TRAINER)
    with CaptureQueriesContext(connection) as many:
        browser.get("/r/koga/members/")
    assert len(many) == len(few)


def test_an_operator_invites_someone_with_roles(cast: Cast, koga: Region) -> None:
    browser = signed_in(cast.user("operator"))
    done = browser.post(
        "/r/koga/members/", {"email": "Trainer2@Example.jp", "roles": ["trainer", "client"]}
    )
    assert done.status_code == 302
    user = User.objects.get(email="trainer2@example.jp")
    assert not user.has_usable_password()
    with region_scope(koga):
        assert set(Membership.objects.filter(user=user).values_list("role", flat=True)) == {
            "trainer",
            "client",
        }
        invitation = Invitation.objects.get(user=user)
        assert invitation.roles == ["client", "trainer"]
        assert invitation.invited_by == cast.user("operator")
        assert OutboxMessage.objects.filter(kind="invitation", user=user).exists()
        assert AuditEntry.objects.filter(action="invitation.send").exists()
    listed = browser.get("/r/koga/members/").context["members"]
    assert any(member.pending for member in listed if member.user == user)


def test_an_invitation_without_a_role_or_address_is_refused(cast: Cast) -> None:
    browser = signed_in(cast.user("operator"))
    page = browser.post("/r/koga/members/", {"email": "not-an-address", "roles": []})
    assert page.status_code == 422
    assert set(page.context["form"].errors) == {"email", "roles"}
    page = browser.post("/r/koga/members/", {"email": "a@example.jp", "roles": ["employer"]})
    assert page.status_code == 422


def test_an_operator_gives_and_removes_a_role(cast: Cast, koga: Region) -> None:
    browser = signed_in(cast.user("operator"))
    participant = cast.user("participant")
    browser.post(f"/r/koga/members/{participant.pk}/roles/", {"role": "trainer"})
    with region_scope(koga):
        assert Membership.objects.filter(user=participant, role="trainer").exists()
    browser.post(f"/r/koga/members/{participant.pk}/roles/trainer/remove/")
    with region_scope(koga):
        assert not Membership.objects.filter(user=participant, role="trainer").exists()
        entry = AuditEntry.objects.get(action="membership.revoke")
        assert entry.changes == {"user": participant.username, "role": "trainer"}


def test_the_last_operator_cannot_remove_their_own_role(cast: Cast, koga: Region) -> None:
    operator = cast.user("operator")
    browser = signed_in(operator)
    page = browser.post(f"/r/koga/members/{operator.pk}/roles/operator/remove/", follow=True)
    assert "最後の運営事業者" in page.content.decode()
    with region_scope(koga):
        assert Membership.objects.filter(user=operator, role="operator").exists()
    api = bearer_client(operator)
    answer = api.delete(f"/api/v1/regions/koga/members/{operator.pk}/roles/operator")
    assert answer.status_code == 409


def test_with_a_second_operator_the_role_can_be_removed(cast: Cast, koga: Region) -> None:
    operator = cast.user("operator")
    with region_scope(koga):
        Membership.objects.create(region=koga, user=cast.user("trainer"), role=Role.OPERATOR)
    api = bearer_client(operator)
    answer = api.delete(f"/api/v1/regions/koga/members/{operator.pk}/roles/operator")
    assert answer.status_code == 200
    assert answer.json()["roles"] == []


def test_another_regions_member_is_a_404(cast: Cast) -> None:
    browser = signed_in(cast.user("operator"))
    stranger = cast.user("participant", "fukutsu")
    answer = browser.post(f"/r/koga/members/{stranger.pk}/roles/", {"role": "trainer"})
    assert answer.status_code == 404
    api = bearer_client(cast.user("operator"))
    assert (
        api.post(
            f"/api/v1/regions/koga/members/{stranger.pk}/roles",
            {"role": "trainer"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert api.get("/api/v1/regions/fukutsu/members").status_code == 404


def test_a_participant_cannot_grant_roles(cast: Cast) -> None:
    participant = cast.user("participant")
    browser = signed_in(participant)
    answer = browser.post(f"/r/koga/members/{participant.pk}/roles/", {"role": "operator"})
    assert answer.status_code == 403
    api = bearer_client(participant)
    assert (
        api.post(
            f"/api/v1/regions/koga/members/{participant.pk}/roles",
            {"role": "operator"},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_the_api_lists_and_invites(cast: Cast, koga: Region) -> None:
    api = bearer_client(cast.user("operator"))
    listed = api.get("/api/v1/regions/koga/members")
    assert listed.status_code == 200
    assert {"operator"} in [set(row["roles"]) for row in listed.json()]
    made = api.post(
        "/api/v1/regions/koga/members",
        {"email": "space2@example.jp", "roles": ["space_manager"]},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["roles"] == ["space_manager"]
    refused = api.post(
        "/api/v1/regions/koga/members",
        {"email": "space3@example.jp", "roles": ["king"]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["detail_ja"]
