"""Core endpoints: token auth, regions, postal codes, the caller's memberships."""

from __future__ import annotations

from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from sousei.core import postal
from sousei.core.access import region_context, signed_in_user
from sousei.core.accounts import GRANTABLE_ROLES, region_member, region_members
from sousei.core.bounds import Day, Id, Page, Slug, Word
from sousei.core.forms import AuditFilterForm
from sousei.core.http import BearerToken, error_response, signed_in
from sousei.core.lockout import lockout_response
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.schemas import (
    AuditPageOut,
    ErrorOut,
    InvitationOut,
    InviteIn,
    MemberOut,
    MembershipOut,
    MeOut,
    PostalCodeOut,
    RegionOut,
    RoleIn,
    TokenIn,
    TokenOut,
)
from sousei.core.selectors import audit_page, memberships_of, regions_visible_to
from sousei.core.services import member_invite, membership_grant, membership_revoke
from sousei.core.tokens import api_token_issue, api_token_revoke

router = Router(tags=["core"])


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 401: ErrorOut, 429: ErrorOut},
    summary="Exchange a username and password for a bearer token",
)
def auth_token(request: HttpRequest, payload: TokenIn):
    try:
        user = authenticate(request, username=payload.username, password=payload.password)
    except AxesBackendPermissionDenied:
        return lockout_response(request)
    if getattr(request, "axes_locked_out", False):
        return lockout_response(request)
    if user is None:
        return error_response(
            request, 401, _("The username or password is wrong. Check both and try again.")
        )
    raw, token = api_token_issue(user=user)
    return {"token": raw, "expires_at": timezone.localtime(token.expires_at).isoformat()}


@router.delete(
    "/auth/token",
    auth=[BearerToken()],
    response={204: None, 401: ErrorOut},
    summary="Revoke the bearer token this request is made with (sign the API client out)",
)
def auth_token_revoke(request: HttpRequest):
    api_token_revoke(token=request.api_token, actor=signed_in_user(request))  # type: ignore[attr-defined]
    return Status(204, None)


@router.get("/regions", auth=signed_in, response=list[RegionOut], summary="Regions you may see")
def regions_list(request: HttpRequest):
    return list(regions_visible_to(user=request.user))


@router.get("/me", auth=signed_in, response=MeOut, summary="Who you are and your roles")
def me(request: HttpRequest):
    user = signed_in_user(request)
    return {
        "username": user.get_username(),
        "memberships": [
            MembershipOut(region=region.slug, role=role)
            for region, role in memberships_of(user=user)
        ],
    }


@router.get(
    "/postal-codes/{postal_code}",
    auth=None,
    response={200: PostalCodeOut, 404: ErrorOut, 422: ErrorOut},
    summary="Address of a Japanese postal code (Japan Post data)",
)
def postal_code_get(request: HttpRequest, postal_code: Word):
    try:
        addresses = postal.lookup(postal_code)
    except postal.MalformedPostalCode:
        return error_response(
            request, 422, _("Enter the postal code as seven digits, e.g. 811-3101 or 8113101.")
        )
    if not addresses:
        return error_response(
            request,
            404,
            _("Japan Post has no postal code %(code)s. Check the number on your mail."),
            {"code": postal_code},
        )
    first = addresses[0]
    return {
        "postal_code": first.postal_code,
        "prefecture": first.prefecture,
        "city": first.city,
        "town": first.town,
        "municipality_code": first.municipality_code,
    }


@router.get(
    "/regions/{slug}/audit-entries",
    auth=signed_in,
    response={200: AuditPageOut, 422: ErrorOut},
    summary="The region's audit trail, newest first, filtered by actor, record, action, days",
)
def audit_entry_list(
    request: HttpRequest,
    slug: Slug,
    actor: Word | None = None,
    object_type: Word | None = None,
    object_id: Word | None = None,
    action: Word | None = None,
    date_from: Day | None = None,
    date_to: Day | None = None,
    page: Page = 1,
):
    """Filters as on the audit log page: who (username), which record (kind, number), what
    was done, and local days from–until (both included)."""
    with region_context(request, slug, roles={Role.OPERATOR}):
        form = AuditFilterForm(
            {
                "actor": actor or "",
                "object_type": object_type or "",
                "object_id": object_id or "",
                "action": action or "",
                "date_from": date_from.isoformat() if date_from else "",
                "date_to": date_to.isoformat() if date_to else "",
            }
        )
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        result = audit_page(
            filters=form.filters(),
            page=page,
            size=settings.SOUSEI_API_PAGE_SIZE,
        )
        return result.body(
            [
                {
                    "id": entry.pk,
                    "at": entry.at,
                    "actor": entry.actor.get_username() if entry.actor else None,
                    "action": entry.action,
                    "object_type": entry.object_type,
                    "object_id": entry.object_id,
                    "changes": entry.changes,
                }
                for entry in result.items
            ]
        )


# --- members (operators of the region) -------------------------------------------------------


def _member_or_404(region: Region, user_id: int) -> User:
    user = region_member(region=region, user_id=user_id)
    if user is None:
        raise Http404
    return user


def _role_or_422(role: str) -> str:
    if role not in GRANTABLE_ROLES:
        raise ValidationError(
            {
                "role": ValidationError(
                    _("Unknown role %(role)s. Use one of: %(roles)s."),
                    params={"role": role, "roles": ", ".join(GRANTABLE_ROLES)},
                )
            }
        )
    return role


@router.get(
    "/regions/{slug}/members",
    auth=signed_in,
    response=list[MemberOut],
    summary="Everyone holding a role in the region, with roles and last sign-in (operators)",
)
def member_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles={Role.OPERATOR}) as region:
        return [
            {
                "user_id": member.user.pk,
                "email": member.user.email,
                "roles": member.roles,
                "last_login": member.last_login,
                "invitation_pending": member.pending,
            }
            for member in region_members(region=region)
        ]


@router.post(
    "/regions/{slug}/members",
    auth=signed_in,
    response={201: InvitationOut, 422: ErrorOut},
    summary="Invite someone by e-mail with roles in the region (operators)",
)
def member_invite_endpoint(request: HttpRequest, slug: Slug, payload: InviteIn):
    with region_context(request, slug, roles={Role.OPERATOR}) as region:
        for role in payload.roles:
            _role_or_422(role)
        invitation = member_invite(
            region=region, email=payload.email, roles=payload.roles, actor=signed_in_user(request)
        )
        return Status(
            201,
            {
                "id": invitation.pk,
                "user_id": invitation.user_id,
                "email": invitation.email,
                "roles": invitation.roles,
                "expires_at": invitation.expires_at,
            },
        )


@router.post(
    "/regions/{slug}/members/{user_id}/roles",
    auth=signed_in,
    response={200: MemberOut, 404: ErrorOut, 422: ErrorOut},
    summary="Give a member of the region one more role (operators)",
)
def member_role_grant(request: HttpRequest, slug: Slug, user_id: Id, payload: RoleIn):
    with region_context(request, slug, roles={Role.OPERATOR}) as region:
        user = _member_or_404(region, user_id)
        membership_grant(
            region=region, user=user, role=_role_or_422(payload.role), actor=signed_in_user(request)
        )
        return _member_out(region, user)


@router.delete(
    "/regions/{slug}/members/{user_id}/roles/{role}",
    auth=signed_in,
    response={200: MemberOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Take a role in the region away from a member; never the last operator's",
)
def member_role_revoke(request: HttpRequest, slug: Slug, user_id: Id, role: Word):
    with region_context(request, slug, roles={Role.OPERATOR}) as region:
        user = _member_or_404(region, user_id)
        if role not in Role.values:
            raise Http404
        membership_revoke(region=region, user=user, role=role, actor=signed_in_user(request))
        return _member_out(region, user)


def _member_out(region: Region, user: User) -> dict[str, object]:
    member = next(
        (m for m in region_members(region=region) if m.user.pk == user.pk),
        None,
    )
    return {
        "user_id": user.pk,
        "email": user.email,
        "roles": member.roles if member else [],
        "last_login": user.last_login,
        "invitation_pending": member.pending if member else False,
    }
