"""Getting in: an invitation link sets a password once and signs the person in; an expired,
used or replaced link refuses; the reset by e-mail tells nobody who has an account and is
rate-limited; sign-ins and failures are recorded without what was typed in clear."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import Cast
from sousei.core import clock
from sousei.core.accounts import (
    INVITATION_TTL,
    InvitationState,
    invitation_accept,
    invitation_lookup,
    invitation_send,
    token_digest,
)
from sousei.core.models import AuditEntry, Invitation, Region, SignInLog
from sousei.core.outbox.models import OutboxMessage
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.core.services import account_invite
from sousei.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

PASSWORD = "kaisei-2026-hanako-tea"


def invite(region: Region, email: str = "hanako@example.jp", language: str = "ja") -> str:
    """Invite a new participant; the path of the e-mailed link."""
    with region_scope(region):
        account_invite(
            region=region,
            user=None,
            email=email,
            role=Role.PARTICIPANT,
            actor=None,
            language=language,
        )
        body = OutboxMessage.objects.filter(kind="invitation").latest("pk").body
    found = re.search(r"https?://\S+(/r/\S+/invitation/\S+/)", body)
    assert found is not None, body
    return found.group(1)


def test_an_invitation_sets_the_password_signs_in_and_goes_home(koga: Region) -> None:
    link = invite(koga)
    browser = Client()
    page = browser.get(link)
    assert page.status_code == 200
    assert "hanako@example.jp" in page.content.decode()
    done = browser.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/home/"
    assert browser.get("/home/")["Location"] == "/r/koga/dashboard/"
    user = User.objects.get(email="hanako@example.jp")
    assert user.check_password(PASSWORD)
    with region_scope(koga):
        assert Invitation.objects.get().accepted_at is not None
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"invitation.send", "invitation.accept", "account.password_set"} <= actions
    assert SignInLog.objects.filter(user=user, outcome="signed_in").exists()


def test_the_link_is_stored_only_as_a_hash(koga: Region) -> None:
    link = invite(koga)
    token = link.rstrip("/").rsplit("/", 1)[1]
    with region_scope(koga):
        invitation = Invitation.objects.get()
    assert invitation.token_hash == token_digest(token)
    assert token not in invitation.token_hash
    assert abs(invitation.expires_at - invitation.created_at - INVITATION_TTL) < timedelta(
        seconds=5
    )


def test_the_invitation_is_written_in_the_language_asked_for(koga: Region) -> None:
    invite(koga, language="en")
    with region_scope(koga):
        message = OutboxMessage.objects.get(kind="invitation")
    assert message.language == "en"
    assert "set your password" in message.body
    invite(koga, email="jiro@example.jp", language="ja")
    with region_scope(koga):
        message = OutboxMessage.objects.filter(kind="invitation").latest("pk")
    assert "パスワード" in message.body


def test_a_used_link_refuses(koga: Region) -> None:
    link = invite(koga)
    Client().post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    again = Client().post(link, {"new_password1": "other-pass-2026-x", "new_password2": "x"})
    assert again.status_code == 410
    assert again.context["state"] == InvitationState.USED
    assert User.objects.get(email="hanako@example.jp").check_password(PASSWORD)


def test_an_expired_link_refuses(koga: Region) -> None:
    link = invite(koga)
    with clock.travel_to(clock.now() + INVITATION_TTL + timedelta(minutes=1)):
        page = Client().post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert page.status_code == 410
    assert page.context["state"] == InvitationState.EXPIRED
    assert not User.objects.get(email="hanako@example.jp").has_usable_password()


def test_sending_again_replaces_the_older_link(koga: Region) -> None:
    first = invite(koga)
    second = invite(koga)
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200
    with region_scope(koga):
        assert Invitation.objects.filter(revoked_at__isnull=False).count() == 1


def test_an_unknown_or_hostile_token_is_a_404(koga: Region) -> None:
    invite(koga)
    for token in ["wrong", "x" * 99, "%00", "a" * 101]:
        assert Client().get(f"/r/koga/invitation/{token}/").status_code == 404


def test_another_regions_link_is_a_404_here(koga: Region, fukutsu: Region) -> None:
    link = invite(koga)
    assert Client().get(link.replace("/r/koga/", "/r/fukutsu/")).status_code == 404


def test_a_weak_password_is_refused_with_the_reason(koga: Region) -> None:
    link = invite(koga)
    page = Client().post(link, {"new_password1": "12345678", "new_password2": "12345678"})
    assert page.status_code == 422
    assert page.context["form"].errors["new_password2"]
    assert not User.objects.get(email="hanako@example.jp").has_usable_password()


def test_the_service_refuses_a_used_link_under_its_lock(koga: Region) -> None:
    link = invite(koga)
    token = link.rstrip("/").rsplit("/", 1)[1]
    with region_scope(koga):
        invitation_accept(region=koga, token=token, password=PASSWORD)
        with pytest.raises(ValidationError):
            invitation_accept(region=koga, token=token, password="another-2026-pass")
        assert invitation_lookup(region=koga, token=token)[1] == InvitationState.USED


def test_someone_with_a_password_accepts_and_signs_in_as_usual(koga: Region, cast: Cast) -> None:
    user = cast.user("trainer")
    with region_scope(koga):
        invitation_send(region=koga, user=user, roles=[Role.TRAINER], actor=None)
        body = OutboxMessage.objects.get(kind="invitation").body
    link = re.search(r"(/r/koga/invitation/\S+/)", body)
    assert link is not None
    page = Client().get(link.group(1))
    assert page.context["has_password"] is True
    done = Client().post(link.group(1))
    assert done.status_code == 302
    assert done["Location"].startswith("/login/")
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


# --- password reset -----------------------------------------------------------------------


def test_the_login_page_links_to_the_reset(db: None) -> None:
    page = Client().get("/login/").content.decode()
    assert 'href="/password-reset/"' in page
    assert "事務局に再設定" not in page


def test_a_reset_link_arrives_through_the_outbox_and_sets_a_password(
    cast: Cast, koga: Region
) -> None:
    cache.clear()
    user = cast.user("participant")
    user.email = "participant@example.jp"
    user.save(update_fields=["email"])
    answer = Client().post("/password-reset/", {"email": "Participant@example.jp"})
    assert answer.status_code == 302
    assert answer["Location"] == "/password-reset/done/"
    with scopes_disabled():
        message = OutboxMessage.objects.get(kind="password_reset")
    assert message.email == "participant@example.jp"
    link = re.search(r"https?://\S+(/password-reset/\S+/)", message.body)
    assert link is not None
    browser = Client()
    form_url = browser.get(link.group(1))["Location"]
    done = browser.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    with region_scope(koga):
        assert AuditEntry.objects.filter(action="account.password_set", actor=user).exists()


def test_the_reset_answers_the_same_for_an_unknown_address(cast: Cast) -> None:
    cache.clear()
    answer = Client().post("/password-reset/", {"email": "nobody@example.jp"})
    assert answer.status_code == 302
    assert answer["Location"] == "/password-reset/done/"
    with scopes_disabled():
        assert not OutboxMessage.objects.filter(kind="password_reset").exists()
    assert not mail.outbox


def test_a_user_of_no_region_gets_the_reset_by_plain_e_mail(db: None) -> None:
    cache.clear()
    User.objects.create_user("loner", email="loner@example.jp", password=TEST_PASSWORD)
    Client().post("/password-reset/", {"email": "loner@example.jp"})
    assert len(mail.outbox) == 1
    assert "/password-reset/" in mail.outbox[0].body


def test_the_reset_is_rate_limited_per_address(db: None) -> None:
    cache.clear()
    statuses = [
        Client().post("/password-reset/", {"email": f"x{n}@example.jp"}).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    cache.clear()


# --- the sign-in record ---------------------------------------------------------------------


def test_sign_ins_and_failures_are_recorded_without_what_was_typed(cast: Cast) -> None:
    user = cast.user("operator")
    browser = Client(HTTP_USER_AGENT="TestBrowser/1.0")
    browser.post("/login/", {"username": user.username, "password": "wrong-one"})
    browser.post("/login/", {"username": "my-secret-password", "password": "x"})
    browser.post("/login/", {"username": user.username, "password": TEST_PASSWORD})
    browser.post("/logout/")
    rows = list(SignInLog.objects.order_by("pk"))
    assert [row.outcome for row in rows] == ["failed", "failed", "signed_in", "signed_out"]
    assert rows[0].user == user  # a failure on a real account shows on its owner's page
    assert rows[1].user is None
    assert "my-secret-password" not in rows[1].username_hash
    assert len(rows[1].username_hash) == 64
    assert rows[2].ip_address == "127.0.0.1"
    assert rows[2].user_agent == "TestBrowser/1.0"


def test_the_account_page_shows_ones_own_recent_sign_ins(cast: Cast) -> None:
    user = cast.user("participant")
    browser = Client()
    browser.post("/login/", {"username": user.username, "password": TEST_PASSWORD})
    page = browser.get("/account/")
    assert page.status_code == 200
    assert len(page.context["sign_ins"]) == 1
    assert 'href="/r/koga/profile/"' in page.content.decode()


def test_a_password_change_is_audited_in_every_region_of_the_user(cast: Cast) -> None:
    user = cast.user("operator")
    browser = Client()
    browser.force_login(user)
    done = browser.post(
        "/account/password/",
        {"old_password": TEST_PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert done.status_code == 302
    with scopes_disabled():
        entries = AuditEntry.objects.filter(action="account.password_set", actor=user)
        assert entries.count() == user.memberships.count()
    assert SignInLog.objects.filter(user=user, outcome="password_set").exists()
