"""Privacy: the suspension-of-use and erasure endpoints (operators only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status

from sousei.core.access import region_context, signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.privacy.erasure import selectors, services
from sousei.privacy.erasure.access import person_visible
from sousei.privacy.models import ErasureRecord, PersonPrivacy
from sousei.privacy.schemas.erasure import (
    ErasureFilter,
    ErasureIn,
    ErasureRecordOut,
    PrivacyStatePageOut,
)

router = Router(tags=["privacy"])
OPERATORS = {Role.OPERATOR}


def state_row(state: PersonPrivacy) -> dict[str, Any]:
    erased = state.erased_at is not None
    return {
        "person_id": state.person_id,
        "state": state.state,
        "name": None if erased else state.person.full_name,
        "suspended_at": state.suspended_at,
        "erased_at": state.erased_at,
        "restricted_until": state.restricted_until,
        "retention_ended_at": state.retention_ended_at,
    }


def record_row(record: ErasureRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "person_id": record.person_id,
        "action": record.action,
        "at": record.at,
        "request_id": record.request_id,
    }


@router.get(
    "/regions/{slug}/erasures",
    auth=signed_in,
    response=PrivacyStatePageOut,
    summary="Persons whose data is suspended, erased or kept restricted (operator)",
)
def erasure_list(request: HttpRequest, slug: Slug, filters: Query[ErasureFilter]):
    with region_context(request, slug, roles=OPERATORS):
        page = selectors.privacy_state_page(
            state=filters.state, page=filters.page, size=settings.SOUSEI_API_PAGE_SIZE
        )
        return page.body([state_row(s) for s in page.items])


@router.post(
    "/regions/{slug}/persons/{person_id}/erasure",
    auth=signed_in,
    response={201: ErasureRecordOut, 409: ErrorOut, 422: ErrorOut},
    summary="Erase a person's data, keeping statutory records restricted (operator)",
)
def person_erase_endpoint(request: HttpRequest, slug: Slug, person_id: Id, payload: ErasureIn):
    with region_context(request, slug, roles=OPERATORS):
        person = person_visible(person_id)
        record = services.person_erase(
            person=person, actor=signed_in_user(request), reason=payload.reason
        )
        return Status(201, record_row(record))


@router.post(
    "/regions/{slug}/persons/{person_id}/suspension",
    auth=signed_in,
    response={201: ErasureRecordOut, 409: ErrorOut, 422: ErrorOut},
    summary="Suspend the use of a person's data (operator)",
)
def person_suspend_endpoint(request: HttpRequest, slug: Slug, person_id: Id, payload: ErasureIn):
    with region_context(request, slug, roles=OPERATORS):
        person = person_visible(person_id)
        record = services.person_suspend(
            person=person, actor=signed_in_user(request), reason=payload.reason
        )
        return Status(201, record_row(record))


@router.post(
    "/regions/{slug}/persons/{person_id}/resumption",
    auth=signed_in,
    response={201: ErasureRecordOut, 409: ErrorOut, 422: ErrorOut},
    summary="End the suspension of a person's data (operator)",
)
def person_resume_endpoint(request: HttpRequest, slug: Slug, person_id: Id, payload: ErasureIn):
    with region_context(request, slug, roles=OPERATORS):
        person = person_visible(person_id)
        record = services.person_resume(
            person=person, actor=signed_in_user(request), reason=payload.reason
        )
        return Status(201, record_row(record))
