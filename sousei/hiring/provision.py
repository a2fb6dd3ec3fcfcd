"""Recording what an employer's staff see of the candidates of its openings (APPI 第29条):
one record per page or download, listing the candidates shown. Operators record nothing
(their own use); the candidates applied to the employer's opening, the basis is consent."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.http import HttpRequest

from sousei.core.access import region_roles, signed_in_user
from sousei.core.models import Organization, Region
from sousei.core.provision import DataCategory, ProvisionBasis, RecipientKind, provision_record
from sousei.core.roles import Role

# The pipeline and a candidacy show names, contact details and the way through the stages.
CANDIDATE_CATEGORIES = (DataCategory.NAME, DataCategory.CONTACT, DataCategory.CV)


def employer_provision(
    request: HttpRequest,
    region: Region,
    employer: Organization,
    person_ids: Iterable[int],
    *,
    channel: str,
    source: str,
    categories: Collection[str] = CANDIDATE_CATEGORIES,
) -> None:
    """Record that the candidates `person_ids` of `employer`'s opening were shown to the
    caller, a user of that employer; nothing for operators or an empty list."""
    roles = region_roles(request, region)
    if Role.EMPLOYER not in roles:
        return
    provision_record(
        region=region,
        actor=signed_in_user(request),
        to=RecipientKind.EMPLOYER,
        organization=employer,
        person_ids=person_ids,
        categories=categories,
        channel=channel,
        source=source,
        basis=ProvisionBasis.CONSENT,
        purpose="採用選考",
        roles=roles,
    )
