"""The records of provision to third parties as an API (operators only; the municipality
and others 403, another region 404), filtered like the page, a page at a time."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router

from sousei.core.access import region_context
from sousei.core.bounds import Slug
from sousei.core.http import signed_in
from sousei.core.pagination import paginate
from sousei.core.provision import record_row
from sousei.privacy.access import PRIVACY_OFFICERS
from sousei.privacy.provisions import selectors
from sousei.privacy.schemas.provisions import ProvisionPageOut, ProvisionQuery

router = Router(tags=["privacy"])


@router.get(
    "/regions/{slug}/provision-records",
    auth=signed_in,
    response=ProvisionPageOut,
    summary="Records of provision of personal data to third parties (APPI art. 29), newest first",
)
def provision_list_endpoint(request: HttpRequest, slug: Slug, query: Query[ProvisionQuery]):
    with region_context(request, slug, roles=PRIVACY_OFFICERS):
        filters = selectors.ProvisionFilters(
            person_id=query.person,
            recipient_kind=query.recipient or None,
            organization_id=query.organization,
            since=query.since,
            until=query.until,
        )
        page = paginate(
            selectors.records_filtered(filters),
            page=query.page,
            size=settings.SOUSEI_API_PAGE_SIZE,
        )
        rows = selectors.record_rows(page.items)
        return page.body([record_row(row.record, row.person_ids) for row in rows])
