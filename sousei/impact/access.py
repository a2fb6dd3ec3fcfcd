"""Who may read which impact figures, shared by the pages and the API.

The figures are the region's: operators and the municipality read them (the municipality
with small groups hidden, `selectors.sees_exact_figures`); nobody else does. A residence
check is answered by whoever holds its signed link: the token is the permission, and a token
of another region or a forged one answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from sousei.core.access import Reader, signed_in_user
from sousei.core.models import Region
from sousei.core.provision import (
    DataCategory,
    ProvisionBasis,
    RecipientKind,
    provision_record,
)
from sousei.core.roles import Role
from sousei.impact import links
from sousei.impact.models import ResidenceCheck

IMPACT_READERS = frozenset({Role.OPERATOR, Role.MUNICIPALITY})


def impact_readable(reader: Reader) -> Reader:
    """The reader, if they may read the region's impact figures; 403 otherwise."""
    if not reader.has_any(IMPACT_READERS):
        raise PermissionDenied("Only operators and the municipality read the impact figures.")
    return reader


# What the per-person rows give the city: the program's dates, age, income, employment and
# whether the person still lives in the region (no names).
CITY_CATEGORIES = (
    DataCategory.PROGRAM,
    DataCategory.BIRTH_DATE,
    DataCategory.INCOME,
    DataCategory.WORK,
    DataCategory.RESIDENCE,
)


def provided_to_city(
    request: HttpRequest, region: Region, reader: Reader, person_ids: list[int], channel: str
) -> None:
    """Record the per-person rows given to the municipality (APPI 第29条), on the consent to
    sharing with the city; nothing when an operator reads them."""
    provision_record(
        region=region,
        actor=signed_in_user(request),
        to=RecipientKind.MUNICIPALITY,
        person_ids=person_ids,
        categories=CITY_CATEGORIES,
        channel=channel,
        source="impact.people",
        basis=ProvisionBasis.CONSENT,
        purpose="事業の効果測定 (KPI)",
        roles=reader.roles,
    )


def check_by_token_visible(region: Region, token: str) -> ResidenceCheck:
    """The residence check a signed link names, in this region."""
    found = links.check_from_token(token)
    if found is None or found[0] != region.pk:
        raise Http404("No such residence check.")
    check = ResidenceCheck.objects.select_related("person").filter(pk=found[1]).first()
    if check is None:
        raise Http404("No such residence check.")
    return check
