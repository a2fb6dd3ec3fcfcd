"""Privacy requests and the disclosure export.

Operators of a region record and list its requests and export one person's data; a signed-in
person files and lists their own requests and downloads everything held about them in every
region (`/me/export.zip`, APPI art. 33). Every export is audited (`privacy.export`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Status

from sousei.core import clock
from sousei.core.access import region_context, signed_in_user
from sousei.core.bounds import Id, Page, Slug, Word
from sousei.core.http import signed_in
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.core.scoping import region_scope
from sousei.privacy import selectors
from sousei.privacy.access import person_visible
from sousei.privacy.disclosure import export_filename
from sousei.privacy.models import PrivacyRequest, RequestKind, RequestStatus
from sousei.privacy.schemas import OwnRequestIn, RequestIn, RequestOut, RequestPageOut
from sousei.privacy.services.disclosure import disclosure_export_person, disclosure_export_self
from sousei.privacy.services.requests import consent_withdraw, privacy_request_file

router = Router(tags=["privacy"])
OPERATORS = {Role.OPERATOR}


def request_body(request: PrivacyRequest, region: Region) -> dict[str, Any]:
    return {
        "id": request.pk,
        "region": region.slug,
        "person_id": request.person_id,
        "kind": request.kind,
        "purpose": request.purpose,
        "status": request.status,
        "note": request.note,
        "refusal_reason": request.refusal_reason,
        "channel": request.channel,
        "on_behalf": request.on_behalf,
        "received_at": request.received_at,
        "due_on": request.due_on,
        "overdue": request.overdue(clock.today()),
        "completed_at": request.completed_at,
    }


def _zip(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(clock.today())}"'
    response["Cache-Control"] = "no-store"
    return response


@router.post(
    "/regions/{slug}/privacy-requests",
    auth=signed_in,
    response={201: RequestOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record a person's privacy request (operator), due 14 days after receipt",
)
def region_request_create(request: HttpRequest, slug: Slug, payload: RequestIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        person = person_visible(request, region, payload.person_id)
        made = privacy_request_file(
            person=person,
            kind=payload.kind,
            note=payload.note,
            channel=payload.channel,
            purpose=payload.purpose,
            actor=signed_in_user(request),
        )
        return Status(201, request_body(made, region))


@router.get(
    "/regions/{slug}/privacy-requests",
    auth=signed_in,
    response={200: RequestPageOut, 404: ErrorOut},
    summary="The region's privacy requests, open ones first by due date (operator)",
)
def region_request_list(
    request: HttpRequest,
    slug: Slug,
    status: Word | None = None,
    kind: Word | None = None,
    overdue: bool = False,
    page: Page = 1,
):
    with region_context(request, slug, roles=OPERATORS) as region:
        found = selectors.request_page(
            status=status if status in RequestStatus.values else None,
            kind=kind if kind in RequestKind.values else None,
            overdue_on=clock.today() if overdue else None,
            page=page,
            size=settings.SOUSEI_API_PAGE_SIZE,
        )
        return found.body([request_body(item, region) for item in found.items])


@router.get(
    "/regions/{slug}/persons/{person_id}/export.zip",
    auth=signed_in,
    response={200: None, 404: ErrorOut},
    summary="Everything held about one person, as a ZIP of JSON, CSV and PDF (operator)",
)
def region_person_export(request: HttpRequest, slug: Slug, person_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        person = person_visible(request, region, person_id)
        content, _manifest = disclosure_export_person(person=person, actor=signed_in_user(request))
        return _zip(content)


@router.get(
    "/me/export.zip",
    auth=signed_in,
    response={200: None, 404: ErrorOut},
    summary="Everything held about you in every region, as a ZIP of JSON, CSV and PDF",
)
def my_export(request: HttpRequest):
    user = signed_in_user(request)
    if not selectors.persons_of_user(user=user):
        raise Http404("We hold no record about you.")
    content, _manifest = disclosure_export_self(user=user)
    return _zip(content)


@router.post(
    "/me/privacy-requests",
    auth=signed_in,
    response={201: RequestOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="File your own privacy request in a region you are on record in",
)
def my_request_create(request: HttpRequest, payload: OwnRequestIn):
    user = signed_in_user(request)
    person = next(
        (p for p in selectors.persons_of_user(user=user) if p.region.slug == payload.region),
        None,
    )
    if person is None:
        raise Http404("You are not on record in this region.")
    with region_scope(person.region):
        if payload.kind == RequestKind.CONSENT_WITHDRAWAL:
            made = consent_withdraw(person=person, purpose=payload.purpose, actor=user)
        else:
            made = privacy_request_file(
                person=person, kind=payload.kind, note=payload.note, actor=user
            )
        return Status(201, request_body(made, person.region))


@router.get(
    "/me/privacy-requests",
    auth=signed_in,
    response=list[RequestOut],
    summary="Your privacy requests in every region, newest first",
)
def my_request_list(request: HttpRequest):
    rows = []
    for person in selectors.persons_of_user(user=signed_in_user(request)):
        with region_scope(person.region):
            for item in selectors.requests_of_person(person_id=person.pk)[:200]:
                rows.append(request_body(item, person.region))
    return rows
