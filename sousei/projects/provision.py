"""Recording what a client company's users see of the people on its projects (APPI 第29条):
one record per page view, download or API answer and per client company, listing the people
shown. Projects, work and careers call `client_provision` with the assignments a page shows.
Operators' and participants' own reading records nothing."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.http import HttpRequest

from sousei.core.access import region_roles, signed_in_user
from sousei.core.models import Organization, Region
from sousei.core.provision import DataCategory, ProvisionBasis, RecipientKind, provision_record
from sousei.core.roles import Role
from sousei.projects.models import Assignment

# A client sees the names of the people on its projects and their work there (hours, rates).
CLIENT_CATEGORIES = (DataCategory.NAME, DataCategory.WORK)


def client_provision(
    request: HttpRequest,
    region: Region,
    assignments: Iterable[Assignment],
    *,
    channel: str,
    source: str,
    categories: Collection[str] = CLIENT_CATEGORIES,
) -> None:
    """Record that the people of `assignments` (with their project and participant loaded)
    were shown to the caller, a client company's user; one record per client company."""
    roles = region_roles(request, region)
    if Role.CLIENT not in roles or Role.OPERATOR in roles:
        return
    by_client: dict[int, set[int]] = {}
    for assignment in assignments:
        by_client.setdefault(assignment.project.client_id, set()).add(
            assignment.participant.person_id
        )
    if not by_client:
        return
    organizations = Organization.objects.in_bulk(list(by_client))
    user = signed_in_user(request)
    for client_id, person_ids in sorted(by_client.items()):
        provision_record(
            region=region,
            actor=user,
            to=RecipientKind.CLIENT,
            organization=organizations.get(client_id),
            person_ids=person_ids,
            categories=categories,
            channel=channel,
            source=source,
            basis=ProvisionBasis.CONTRACT,
            purpose="案件の業務管理",
            roles=roles,
        )
