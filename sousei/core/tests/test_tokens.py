"""API tokens are revocable: DELETE /api/v1/auth/token, the account page, and any password
change; issuing and revoking are audited. A revoked token answers 401."""

from __future__ import annotations

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.test import Client

from conftest import Cast
from sousei.core.models import ApiToken, AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import TEST_PASSWORD
from sousei.core.tokens import api_token_issue

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> Client:
    return Client(headers={"authorization": f"Bearer {raw}"})


def opens_the_api(raw: str) -> bool:
    status = bearer(raw).get("/api/v1/me").status_code
    assert status in (200, 401)
    return status == 200


def audit_actions(region: Region, token_id: int) -> list[tuple[str, str | None]]:
    with region_scope(region):
        return [
            (entry.action, entry.actor.get_username() if entry.actor else None)
            for entry in AuditEntry.objects.filter(
                object_type="core.apitoken", object_id=str(token_id)
            ).order_by("id")
        ]


def test_delete_revokes_the_token_it_is_sent_with(cast: Cast, koga: Region) -> None:
    user = cast.user("operator")
    raw, token = api_token_issue(user=user)
    other_raw, _other = api_token_issue(user=user)
    response = bearer(raw).delete("/api/v1/auth/token")
    assert response.status_code == 204
    assert not opens_the_api(raw)
    assert bearer(raw).delete("/api/v1/auth/token").status_code == 401
    # Only that one: the user's other token still works.
    assert opens_the_api(other_raw)
    assert audit_actions(koga, token.pk) == [
        ("api_token.issue", "operator-koga"),
        ("api_token.revoke", "operator-koga"),
    ]


def test_delete_needs_a_token(cast: Cast) -> None:
    assert Client().delete("/api/v1/auth/token").status_code == 401
    session = Client()
    session.force_login(cast.user("operator"))
    assert session.delete("/api/v1/auth/token").status_code == 401


def test_a_password_change_revokes_every_token_of_the_user(cast: Cast) -> None:
    user = cast.user("participant")
    first, _ = api_token_issue(user=user)
    second, _ = api_token_issue(user=user)
    someone_else, _ = api_token_issue(user=cast.user("trainer"))
    user.set_password("a-new-long-passphrase-2026")
    user.save()
    assert not opens_the_api(first)
    assert not opens_the_api(second)
    assert opens_the_api(someone_else)
    # A token issued under the new password works.
    fresh, _ = api_token_issue(user=User.objects.get(pk=user.pk))
    assert opens_the_api(fresh)


def test_a_password_set_through_a_form_revokes_the_tokens_too(cast: Cast) -> None:
    user = cast.user("client")
    raw, _ = api_token_issue(user=user)
    # The form the admin's "change password" page and password resets use.
    form = SetPasswordForm(
        user,
        {
            "new_password1": "another-long-passphrase-2026",
            "new_password2": "another-long-passphrase-2026",
        },
    )
    assert form.is_valid(), form.errors
    form.save()
    assert not opens_the_api(raw)


def test_tokens_from_before_fingerprints_no_longer_open_the_api(cast: Cast) -> None:
    raw, token = api_token_issue(user=cast.user("operator"))
    ApiToken.objects.filter(pk=token.pk).update(password_fingerprint="")
    assert not opens_the_api(raw)


def test_issuing_a_token_is_audited_in_the_users_regions(cast: Cast, koga: Region) -> None:
    response = Client().post(
        "/api/v1/auth/token",
        {"username": "trainer-koga", "password": TEST_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=cast.user("trainer"))
    assert audit_actions(koga, token.pk) == [("api_token.issue", "trainer-koga")]
    with region_scope(koga):
        entry = AuditEntry.objects.get(object_type="core.apitoken", object_id=str(token.pk))
    assert entry.changes["prefix"] == token.prefix
    assert response.json()["token"] not in str(entry.changes)


def test_the_account_page_lists_ones_own_tokens(cast: Cast) -> None:
    user = cast.user("participant")
    raw, token = api_token_issue(user=user)
    opens_the_api(raw)  # stamps last used
    _theirs, their_token = api_token_issue(user=cast.user("trainer"))
    client = Client()
    client.force_login(user)
    page = client.get("/account/tokens/").content.decode()
    assert f"sousei_{token.prefix}…" in page
    assert their_token.prefix not in page
    assert page.count('action="/account/tokens/') == 1


def test_one_revokes_a_token_on_the_account_page(cast: Cast, koga: Region) -> None:
    user = cast.user("participant")
    raw, token = api_token_issue(user=user)
    client = Client()
    client.force_login(user)
    response = client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    assert response.status_code == 200
    assert "no longer opens the API" in response.content.decode() or "失効" in (
        response.content.decode()
    )
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert not opens_the_api(raw)
    assert audit_actions(koga, token.pk)[-1] == ("api_token.revoke", "participant-koga")


def test_someone_elses_token_cannot_be_revoked(cast: Cast) -> None:
    theirs, their_token = api_token_issue(user=cast.user("trainer"))
    client = Client()
    client.force_login(cast.user("participant"))
    assert client.post(f"/account/tokens/{their_token.pk}/revoke/").status_code == 404
    assert client.get(f"/account/tokens/{their_token.pk}/revoke/").status_code == 405
    assert opens_the_api(theirs)
