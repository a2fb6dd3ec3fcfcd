"""The region's members page (operators only): who holds which role, when each last signed
in, whether an invitation is still open; invite someone by e-mail with roles, give or take a
role. Only this region's memberships are listed or changed; the region's last operator keeps
the role. The writes are core's services, audited there."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sousei.core.access import region_view, signed_in_user
from sousei.core.accounts import region_member, region_members, sign_ins_of_region
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.services import member_invite, membership_grant, membership_revoke
from sousei.portal.forms import InviteForm, RoleForm

OPERATORS = {Role.OPERATOR}


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@region_view(roles=OPERATORS)
def member_list(request: HttpRequest, region: Region) -> HttpResponse:
    """The members and the invitation form (POST invites)."""
    actor = signed_in_user(request)
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                member_invite(
                    region=region,
                    email=form.cleaned_data["email"],
                    roles=form.cleaned_data["roles"],
                    actor=actor,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("An invitation is on its way to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("members", slug=region.slug)
        status = 422
    return render(
        request,
        "portal/members.html",
        {
            "region": region,
            "members": region_members(region=region),
            "sign_ins": sign_ins_of_region(region=region),
            "form": form,
            "role_form": RoleForm(),
        },
        status=status,
    )


@region_view(roles=OPERATORS)
def member_role_grant(request: HttpRequest, region: Region, user_id: int) -> HttpResponse:
    """Give a member of the region one more role (POST)."""
    if request.method != "POST":
        return redirect("members", slug=region.slug)
    user = region_member(region=region, user_id=user_id)
    if user is None:
        raise Http404
    form = RoleForm(request.POST)
    if form.is_valid():
        membership_grant(
            region=region, user=user, role=form.cleaned_data["role"], actor=signed_in_user(request)
        )
        messages.success(request, _("The role is given."))
    else:
        messages.error(request, _("Choose one of the roles in the list."))
    return redirect("members", slug=region.slug)


@region_view(roles=OPERATORS)
def member_role_remove(
    request: HttpRequest, region: Region, user_id: int, role: str
) -> HttpResponse:
    """Take a role away from a member of the region (POST); never the last operator's."""
    if request.method != "POST":
        return redirect("members", slug=region.slug)
    user = region_member(region=region, user_id=user_id)
    if user is None or role not in Role.values:
        raise Http404
    try:
        membership_revoke(region=region, user=user, role=role, actor=signed_in_user(request))
    except Conflict as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The role is removed."))
    return redirect("members", slug=region.slug)
