"""Accounts: invitations into a region, the region's members and their roles, and the record
of sign-ins.

An invitation is how anyone gets in: an accepted applicant, a hire, an operator of a new
region, or someone an operator adds on the members page. The roles are granted when the
invitation is sent (the members page shows the person at once, marked "invited"); the e-mailed
link then lets them choose a password and signs them in. The link carries a random secret of
256 bits; only its SHA-256 is stored, it works once and for INVITATION_TTL, and sending a new
invitation to the same person in the region replaces the older link.

Sign-ins are recorded in `SignInLog` (a table of no region, since signing in comes before
any region) rather than as audit entries in every region of the user: a person in three
regions would otherwise triple every sign-in in the audit trails, and a failed sign-in has no
user and so no region at all. The members page reads the rows of the region's members, the
account page one's own. Password changes, which change what an account can do, are also
audited in every region of the user (`account.password_set`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import action_labels_register, audit_record
from sousei.core.links import secret_matches
from sousei.core.lockout import client_address
from sousei.core.models import Invitation, Membership, Region, SignInLog
from sousei.core.outbox.services import language_of, message_queue, recipient_language
from sousei.core.roles import Role
from sousei.core.scoping import cross_region

INVITATION_TTL = timedelta(days=7)
# The roles an operator may grant on the members page. Employer staff act for one company,
# which the members page does not choose; they are added where their company is set up.
GRANTABLE_ROLES = tuple(role for role in Role.values if role != Role.EMPLOYER)

action_labels_register(
    {
        "invitation.send": _("Invitation sent"),
        "invitation.accept": _("Invitation accepted"),
        "membership.revoke": _("Role removed"),
        "account.password_set": _("Password set"),
        "account.profile": _("Own contact details changed"),
    }
)


def token_digest(raw: str) -> str:
    """The SHA-256 of a link's secret, as stored (any text is safe: hashed as bytes)."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def email_normalise(email: str, *, field: str = "email") -> str:
    """The address in lower case, or a ValidationError that says how it should look."""
    address = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(address)
    except ValidationError:
        message = _("%(email)s is not an e-mail address. Check it, e.g. name@example.jp.")
        raise ValidationError({field: ValidationError(message, params={"email": email})}) from None
    return address


def account_for_email(*, email: str, first_name: str = "", last_name: str = "") -> User:
    """The account with this address (the oldest if several), or a new one with no password
    yet: its username is the address. Inside the caller's transaction."""
    address = email_normalise(email)
    user = User.objects.filter(email__iexact=address).order_by("pk").first()
    if user is None:
        user = User.objects.filter(username__iexact=address).order_by("pk").first()
    if user is None:
        user = User(
            username=address, email=address, first_name=first_name[:150], last_name=last_name[:150]
        )
        user.set_unusable_password()
        user.save()
    return user


def invitation_link(region: Region, raw: str) -> str:
    path = reverse("invitation-accept", kwargs={"slug": region.slug, "invitation_token": raw})
    return f"{settings.SOUSEI_SITE_URL}{path}"


def _invitation_text(
    *, region: Region, user: User, roles: list[str], link: str, note: str
) -> tuple[str, str]:
    """Subject and body in the active language."""
    name = region.local_name
    values = {
        "region": name,
        "roles": "、".join(str(Role(role).label) for role in roles if role in Role.values),
        "days": INVITATION_TTL.days,
        "link": link,
        "login": f"{settings.SOUSEI_SITE_URL}{reverse('login')}",
        "email": user.email,
    }
    subject = gettext("[%(region)s] You are invited to Sousei") % values
    parts = [note] if note else []
    parts.append(
        gettext("You can now use Sousei for the %(region)s program as: %(roles)s.") % values
    )
    if user.has_usable_password():
        parts.append(
            gettext(
                "You already have an account. Open this link to accept (it works once, for "
                "%(days)s days), then sign in as usual:\n%(link)s"
            )
            % values
        )
    else:
        parts.append(
            gettext(
                "Open this link to set your password (it works once, for %(days)s days):\n"
                "%(link)s\n\nThen sign in at %(login)s with the address %(email)s."
            )
            % values
        )
    return subject, "\n\n".join(parts)


def invitation_send(
    *,
    region: Region,
    user: User,
    roles: list[str],
    actor: User | AnonymousUser | None,
    language: str | None = None,
    note: str = "",
) -> Invitation:
    """E-mail `user` a link into `region` (in `language`, else the one they chose, else
    Japanese), replacing any link of theirs in the region not used yet. Inside the caller's
    transaction; audited (`invitation.send`). `roles` records what was granted with it."""
    raw = secrets.token_urlsafe(32)
    now = clock.now()
    with transaction.atomic():
        replaced = Invitation.objects.filter(
            region=region, user=user, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            region=region,
            email=user.email,
            user=user,
            roles=sorted(set(roles)),
            token_hash=token_digest(raw),
            expires_at=now + INVITATION_TTL,
            invited_by=actor if isinstance(actor, User) else None,
        )
        chosen = recipient_language(language) if language else language_of(user)
        with translation.override(chosen):
            subject, body = _invitation_text(
                region=region,
                user=user,
                roles=invitation.roles,
                link=invitation_link(region, raw),
                note=note,
            )
        message_queue(
            region=region,
            kind="invitation",
            language=chosen,
            subject=subject,
            body=body,
            user=user,
            email=user.email,
            about=invitation,
        )
        audit_record(
            region=region,
            actor=actor,
            action="invitation.send",
            obj=invitation,
            changes={"email": user.email, "roles": invitation.roles, "replaced": replaced},
        )
    return invitation


class InvitationState:
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"


def invitation_lookup(*, region: Region, token: str) -> tuple[Invitation | None, str]:
    """The invitation whose link carries `token` in the region, and whether it still works.
    The row is found by the token's hash (so the lookup's timing says nothing about the
    secret) and the hashes are compared again in constant time."""
    if not token or len(token) > 100:
        return None, InvitationState.UNKNOWN
    digest = token_digest(token)
    invitation = (
        Invitation.objects.select_related("user").filter(region=region, token_hash=digest).first()
    )
    if invitation is None or not secret_matches(digest, invitation.token_hash):
        return None, InvitationState.UNKNOWN
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        return invitation, InvitationState.USED
    if invitation.expires_at <= clock.now():
        return invitation, InvitationState.EXPIRED
    return invitation, InvitationState.VALID


def invitation_accept(*, region: Region, token: str, password: str | None) -> User:
    """Use an invitation: the password is set (when given; the form has run Django's
    validators), the link stops working, and it is audited (`invitation.accept`, and
    `account.password_set` in each region of the user). Refused when the link is used,
    replaced, expired or unknown — checked again under a lock, so two tabs cannot both use it."""
    with transaction.atomic():
        found, state = invitation_lookup(region=region, token=token)
        if found is not None:
            found = Invitation.objects.select_for_update().select_related("user").get(pk=found.pk)
            found, state = invitation_lookup(region=region, token=token)
        if found is None or state != InvitationState.VALID:
            raise ValidationError(
                _(
                    "This link no longer works: it was used already, replaced by a newer one "
                    "or is too old. Ask the program office for a new invitation."
                ),
                code=state,
            )
        user = found.user
        found.accepted_at = clock.now()
        found.save(update_fields=["accepted_at"])
        audit_record(
            region=region,
            actor=user,
            action="invitation.accept",
            obj=found,
            changes={"email": found.email, "roles": found.roles},
        )
        if password is not None:
            user.set_password(password)
            user.save(update_fields=["password"])
            password_set_record(user=user, how="invitation")
    return user


def password_set_record(*, user: User, how: str, request: HttpRequest | None = None) -> None:
    """A password was set (an invitation, a reset, a change): audited in each region of the
    user, and in their sign-in record. Inside the caller's transaction."""
    with cross_region("a password opens every region of its user, and each one's trail says so"):
        regions = {
            m.region_id: m.region
            for m in Membership.objects.filter(user=user).select_related("region")
        }
        for region_id in sorted(regions):
            audit_record(
                region=regions[region_id],
                actor=user,
                action="account.password_set",
                obj=user,
                changes={"how": how},
            )
    sign_in_record(request=request, user=user, outcome=SignInLog.Outcome.PASSWORD_SET)


@dataclass(frozen=True)
class Member:
    """A user with roles in the region, as the members page lists them."""

    user: User
    roles: list[str]
    last_login: datetime | None
    invitation: Invitation | None  # the latest one, if any

    @property
    def pending(self) -> bool:
        invitation = self.invitation
        return invitation is not None and invitation.accepted_at is None and self.last_login is None


def region_members(*, region: Region) -> list[Member]:
    """Everyone holding a role in the region, by name, with their roles and latest
    invitation (two queries)."""
    by_user: dict[int, tuple[User, list[str]]] = {}
    for membership in (
        Membership.objects.filter(region=region)
        .select_related("user")
        .order_by("user__email", "user__username", "role")
    ):
        by_user.setdefault(membership.user_id, (membership.user, []))[1].append(membership.role)
    latest: dict[int, Invitation] = {}
    for invitation in Invitation.objects.filter(region=region, user_id__in=list(by_user)).order_by(
        "created_at", "id"
    ):
        latest[invitation.user_id] = invitation
    return [
        Member(user=user, roles=roles, last_login=user.last_login, invitation=latest.get(pk))
        for pk, (user, roles) in by_user.items()
    ]


def region_member(*, region: Region, user_id: int) -> User | None:
    """A user holding a role in the region; None for anyone else (the caller answers 404)."""
    membership = (
        Membership.objects.filter(region=region, user_id=user_id).select_related("user").first()
    )
    return membership.user if membership is not None else None


def _username_hash(username: str) -> str:
    """A keyed hash of a username nobody has: the same attempts can be grouped, but what was
    typed (someone's password in the wrong field, say) cannot be read back."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(
        key, username.strip().lower().encode("utf-8", "surrogatepass"), "sha256"
    ).hexdigest()


def sign_in_record(
    *,
    request: HttpRequest | None,
    user: User | None,
    outcome: str,
    username: str = "",
) -> SignInLog:
    """Write one row of the sign-in record (see the module's doc). A failed attempt names
    the account when the username is one (the owner sees it on their page); otherwise only
    the keyed hash of what was typed is kept."""
    meta: dict[str, Any] = request.META if request is not None else {}
    address = client_address(request) if request is not None else None
    typed = _storable(username)
    if user is None and typed:
        user = User.objects.filter(username=typed[:150]).first()
    return SignInLog.objects.create(
        user=user,
        username_hash="" if user is not None else _username_hash(username),
        outcome=outcome,
        ip_address=address if address and _is_address(address) else None,
        user_agent=_storable(str(meta.get("HTTP_USER_AGENT", "")))[:200],
    )


def _storable(text: str) -> str:
    """Text a client sent, safe to store or query with: no NUL, no lone surrogate."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def sign_ins_of(*, user: User, limit: int = 10) -> list[SignInLog]:
    """The user's own latest sign-ins and attempts."""
    return list(SignInLog.objects.filter(user=user)[:limit])


def sign_ins_of_region(*, region: Region, limit: int = 20) -> list[SignInLog]:
    """The latest sign-ins of the region's members (no attempts on unknown usernames)."""
    members = Membership.objects.filter(region=region).values("user_id")
    return list(SignInLog.objects.filter(user_id__in=members).select_related("user")[:limit])
