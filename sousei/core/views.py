"""Site-wide pages: the landing page and the signed-in user's way to their home."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.selectors import memberships_of


def landing(request: HttpRequest) -> HttpResponse:
    """What Sousei is, and the regions whose programs are open to the public."""
    return render(request, "core/landing.html", {"regions": Region.objects.order_by("code")})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its region's dashboard; a user in several regions chooses."""
    memberships = memberships_of(user=signed_in_user(request))
    regions = {region.pk: region for region, _role in memberships}
    if len(regions) == 1:
        return redirect("dashboard", slug=next(iter(regions.values())).slug)
    return render(request, "core/choose_region.html", {"memberships": memberships})
