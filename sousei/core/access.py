"""Who may enter which region, resolved once per request.

`region_context(request, slug, roles=…)` is the only door into a region's data: it finds
the region, checks the caller's roles there and activates the region scope for the body.
A caller with no role in the region gets 404, exactly as if the region's object did not
exist; a member without the needed role gets 403.

Within the region, which objects a caller may see is decided once per app, in its own
`access.py`, by functions named `<object>_visible(reader, <object>_id)` that return the object
or raise Http404. Pages and API call the same function, so someone else's object answers 404
on both, exactly like an object of another region: a member learns nothing about what they
may not see. The `Reader` below is what those functions are given.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import cross_region, region_scope


class NotAuthenticated(Exception):
    """The region URL needs a signed-in caller (401 on the API, login page on the site)."""


def _memberships_read(request: HttpRequest) -> None:
    """The caller's roles, and the organisations they act for as employer staff, per region
    id: one query per request, kept on the request."""
    roles: dict[int, set[str]] = {}
    employers: dict[int, set[int]] = {}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A user's own memberships span regions by nature; this is the one sanctioned read.
        with cross_region("a user's own memberships span regions by nature"):
            for region_id, role, organization_id in Membership.objects.filter(
                user=user
            ).values_list("region_id", "role", "organization_id"):
                roles.setdefault(region_id, set()).add(role)
                if role == Role.EMPLOYER and organization_id is not None:
                    employers.setdefault(region_id, set()).add(organization_id)
    request._sousei_roles = {  # type: ignore[attr-defined]
        region_id: frozenset(r) for region_id, r in roles.items()
    }
    request._sousei_employers = {  # type: ignore[attr-defined]
        region_id: frozenset(o) for region_id, o in employers.items()
    }


def roles_by_region(request: HttpRequest) -> dict[int, frozenset[str]]:
    """The caller's roles per region id, read once per request."""
    cached: dict[int, frozenset[str]] | None = getattr(request, "_sousei_roles", None)
    if cached is None:
        _memberships_read(request)
        cached = request._sousei_roles  # type: ignore[attr-defined]
    return cached


def employers_by_region(request: HttpRequest) -> dict[int, frozenset[int]]:
    """The organisations the caller acts for as employer staff, per region id."""
    cached: dict[int, frozenset[int]] | None = getattr(request, "_sousei_employers", None)
    if cached is None:
        _memberships_read(request)
        cached = request._sousei_employers  # type: ignore[attr-defined]
    return cached


def region_roles(request: HttpRequest, region: Region) -> frozenset[str]:
    return roles_by_region(request).get(region.pk, frozenset())


def resolve_region(request: HttpRequest, slug: str, *, roles: Collection[str] | None) -> Region:
    """The region for `slug` if the caller may use this URL; roles=None means public."""
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404("No such region.")
    if roles is None:
        return region
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise NotAuthenticated
    held = region_roles(request, region)
    if not held:
        raise Http404("No such region.")
    if not held & set(roles):
        # A member of the region: the refusal page shows the region and the member's menu.
        request.region = region  # type: ignore[attr-defined]
        raise PermissionDenied
    return region


@contextmanager
def region_context(
    request: HttpRequest, slug: str, *, roles: Collection[str] | None
) -> Iterator[Region]:
    """Enter a region for the body of a view or endpoint (see module docstring)."""
    region = resolve_region(request, slug, roles=roles)
    request.region = region  # type: ignore[attr-defined]
    with region_scope(region):
        yield region


def region_view(
    *, roles: Collection[str] | None
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Decorate a page view `view(request, region, **kwargs)` reached at /r/<slug>/…

    The view runs inside the region scope; anonymous callers are sent to the login page."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponseBase:
            try:
                with region_context(request, slug, roles=roles) as region:
                    return view(request, region, **kwargs)
            except NotAuthenticated:
                return redirect_to_login(request.get_full_path())

        return wrapper

    return decorate


@dataclass(frozen=True)
class Reader:
    """Who asks, within one region: the user and the roles they hold there."""

    user_id: int
    roles: frozenset[str]
    # The organisations the reader acts for as employer staff in the region (Role.EMPLOYER).
    employers: frozenset[int] = field(default=frozenset(), kw_only=True)

    def has_any(self, roles: Collection[str]) -> bool:
        return not self.roles.isdisjoint(roles)


def region_reader(request: HttpRequest, region: Region) -> Reader:
    """The reader for the caller in `region` (inside `region_context`/`region_view`)."""
    return Reader(
        user_id=request.user.pk or 0,
        roles=region_roles(request, region),
        employers=employers_by_region(request).get(region.pk, frozenset()),
    )


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, known to be signed in (region_context with roles checked it)."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user
