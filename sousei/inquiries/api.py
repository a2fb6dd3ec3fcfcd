"""Inquiries endpoints: anyone sends an inquiry to a region's office (no sign-in; the same
spam checks as the form); the region's operators list, read, answer and close them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Status

from sousei.core import throttle
from sousei.core.access import region_context, region_reader, signed_in_user
from sousei.core.bounds import Id, Page, Slug, Word
from sousei.core.http import RefusedInput, signed_in
from sousei.core.pagination import paginate
from sousei.core.schemas import ErrorOut
from sousei.core.text import user_name
from sousei.inquiries import selectors, services
from sousei.inquiries.access import INBOX_ROLES, inquiry_visible
from sousei.inquiries.models import Inquiry
from sousei.inquiries.schemas import (
    InquiryCreatedOut,
    InquiryIn,
    InquiryOut,
    InquiryPageOut,
    InquiryPatchIn,
    InquiryReplyIn,
    InquiryReplyOut,
)

router = Router(tags=["inquiries"])


def inquiry_row(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "id": inquiry.pk,
        "kind": inquiry.kind,
        "organisation": inquiry.organisation,
        "name": inquiry.name,
        "email": inquiry.email,
        "status": inquiry.status,
        "received_at": inquiry.received_at,
    }


def inquiry_body(inquiry: Inquiry) -> dict[str, Any]:
    return {
        **inquiry_row(inquiry),
        "phone": inquiry.phone,
        "message": inquiry.message,
        "language": inquiry.language,
        "consent_version": inquiry.consent_version,
        "notes": inquiry.notes,
        "closed_at": inquiry.closed_at,
        "replies": [
            {"id": r.pk, "body": r.body, "sent_at": r.sent_at, "by": user_name(r.by)}
            for r in selectors.replies_of(inquiry=inquiry)
        ],
    }


@router.post(
    "/regions/{slug}/inquiries",
    auth=None,
    response={201: InquiryCreatedOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Send an inquiry to the region's program office (public)",
    description="The office answers by e-mail. An address or e-mail address may send 5 "
    "inquiries an hour (429 after that). Consent to the privacy policy is required.",
)
def inquiry_create(request: HttpRequest, slug: Slug, payload: InquiryIn):
    with region_context(request, slug, roles=None) as region:
        data = services.InquiryInput(**payload.dict())
        try:
            inquiry = services.inquiry_submit(
                region=region, data=data, address=throttle.address_of(request), actor=request.user
            )
        except services.TooManyInquiries:
            raise RefusedInput(429, services.TOO_MANY) from None
        number = inquiry.pk if inquiry is not None else selectors.decoy_number()
        return Status(201, {"id": number})


@router.get(
    "/regions/{slug}/inquiries",
    auth=signed_in,
    response={200: InquiryPageOut, 404: ErrorOut},
    summary="The region's inquiries, newest first (operators)",
    description="`status` (new | answered | closed) and `kind` filter; `q` searches the "
    "name, organisation, e-mail and message.",
)
def inquiry_list(
    request: HttpRequest,
    slug: Slug,
    status: Word = "",
    kind: Word = "",
    q: Word = "",
    page: Page = 1,
):
    with region_context(request, slug, roles=INBOX_ROLES):
        result = paginate(
            selectors.inquiry_list(filters=selectors.InboxFilters(status=status, kind=kind, q=q)),
            page=page,
            size=settings.SOUSEI_API_PAGE_SIZE,
        )
        return result.body([inquiry_row(i) for i in result.items])


@router.get(
    "/regions/{slug}/inquiries/{inquiry_id}",
    auth=signed_in,
    response={200: InquiryOut, 404: ErrorOut},
    summary="One inquiry with its replies and notes (operators)",
)
def inquiry_get(request: HttpRequest, slug: Slug, inquiry_id: Id):
    with region_context(request, slug, roles=INBOX_ROLES) as region:
        return inquiry_body(inquiry_visible(region_reader(request, region), inquiry_id))


@router.post(
    "/regions/{slug}/inquiries/{inquiry_id}/replies",
    auth=signed_in,
    response={201: InquiryReplyOut, 404: ErrorOut, 422: ErrorOut},
    summary="Answer an inquiry: the reply is e-mailed to the sender (operators)",
)
def inquiry_reply(request: HttpRequest, slug: Slug, inquiry_id: Id, payload: InquiryReplyIn):
    with region_context(request, slug, roles=INBOX_ROLES) as region:
        inquiry = inquiry_visible(region_reader(request, region), inquiry_id)
        actor = signed_in_user(request)
        reply = services.inquiry_reply(inquiry=inquiry, body=payload.body, actor=actor)
        return Status(
            201,
            {"id": reply.pk, "body": reply.body, "sent_at": reply.sent_at, "by": user_name(actor)},
        )


@router.patch(
    "/regions/{slug}/inquiries/{inquiry_id}",
    auth=signed_in,
    response={200: InquiryOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change an inquiry's status or internal notes (operators)",
)
def inquiry_update(request: HttpRequest, slug: Slug, inquiry_id: Id, payload: InquiryPatchIn):
    with region_context(request, slug, roles=INBOX_ROLES) as region:
        inquiry = inquiry_visible(region_reader(request, region), inquiry_id)
        actor = signed_in_user(request)
        # The status first: it is the change that may be refused (409, 422), and then
        # nothing has changed; the notes' bounds are the schema's, so they cannot fail after.
        if payload.status is not None:
            inquiry = services.inquiry_status_set(
                inquiry=inquiry, status=payload.status, actor=actor
            )
        if payload.notes is not None:
            inquiry = services.inquiry_notes_set(inquiry=inquiry, notes=payload.notes, actor=actor)
        return inquiry_body(inquiry)
