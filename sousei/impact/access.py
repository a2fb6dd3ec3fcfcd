"""Who may read which impact figures, shared by the pages and the API.

The figures are the region's: operators and the municipality read them (the municipality
with small groups hidden, `selectors.sees_exact_figures`); nobody else does. A residence
check is answered by whoever holds its signed link: the token is the permission, and a token
of another region or a forged one answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.impact import links
from sousei.impact.models import ResidenceCheck

IMPACT_READERS = frozenset({Role.OPERATOR, Role.MUNICIPALITY})


def impact_readable(reader: Reader) -> Reader:
    """The reader, if they may read the region's impact figures; 403 otherwise."""
    if not reader.has_any(IMPACT_READERS):
        raise PermissionDenied("Only operators and the municipality read the impact figures.")
    return reader


def check_by_token_visible(region: Region, token: str) -> ResidenceCheck:
    """The residence check a signed link names, in this region."""
    found = links.check_from_token(token)
    if found is None or found[0] != region.pk:
        raise Http404("No such residence check.")
    check = ResidenceCheck.objects.select_related("person").filter(pk=found[1]).first()
    if check is None:
        raise Http404("No such residence check.")
    return check
