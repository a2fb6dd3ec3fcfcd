"""Intake endpoints: the public application and the operator's list and decisions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status

from sousei.core.access import region_context, region_reader, signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.people import selectors, services
from sousei.people.access import application_visible
from sousei.people.models import Application
from sousei.people.schemas import (
    ApplicationCreatedOut,
    ApplicationDetailOut,
    ApplicationFilter,
    ApplicationIn,
    ApplicationPageOut,
    ApplicationRowOut,
    DecisionIn,
    DecisionOut,
)

router = Router(tags=["applications"])
OPERATORS = {Role.OPERATOR}


def application_row(application: Application) -> dict[str, Any]:
    person = application.person
    return {
        "id": application.pk,
        "status": application.status,
        "family_name": person.family_name,
        "given_name": person.given_name,
        "family_name_kana": person.family_name_kana,
        "given_name_kana": person.given_name_kana,
        "email": application.email,
        "postal_code": person.postal_code,
        "city": person.city,
        "work_status": person.work_status,
        "weekly_hours_available": application.weekly_hours_available,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
    }


@router.post(
    "/regions/{slug}/applications",
    auth=None,
    response={201: ApplicationCreatedOut, 409: ErrorOut, 422: ErrorOut},
    summary="Apply to the digital-talent program (public)",
)
def application_create(request: HttpRequest, slug: Slug, payload: ApplicationIn):
    with region_context(request, slug, roles=None) as region:
        data = services.ApplicationInput(
            **payload.dict(exclude={"consents"}),
            consent_program=payload.consents.program,
            consent_share_with_municipality=payload.consents.share_with_municipality,
        )
        application = services.application_submit(region=region, data=data, actor=request.user)
        return Status(201, {"id": application.pk, "status": application.status})


@router.get(
    "/regions/{slug}/applications",
    auth=signed_in,
    response=ApplicationPageOut,
    summary="Applications of the region, newest first (operator)",
)
def application_list(request: HttpRequest, slug: Slug, filters: Query[ApplicationFilter]):
    with region_context(request, slug, roles=OPERATORS):
        page = selectors.application_page(
            status=filters.status,
            q=filters.q,
            page=filters.page,
            size=settings.SOUSEI_API_PAGE_SIZE,
        )
        return page.body([application_row(a) for a in page.items])


@router.get(
    "/regions/{slug}/applications/{application_id}",
    auth=signed_in,
    response=ApplicationDetailOut,
    summary="One application (operator)",
)
def application_detail(request: HttpRequest, slug: Slug, application_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        application = application_visible(region_reader(request, region), application_id)
        person = application.person
        participant = selectors.participant_for_application(application_id=application.pk)
        return {
            **application_row(application),
            "birth_date": person.birth_date,
            "phone": person.phone,
            "address": person.address,
            "baseline_monthly_income_jpy": application.baseline_monthly_income_jpy,
            "motivation": application.motivation,
            "decision_reason": application.decision_reason,
            "participant_id": participant.pk if participant else None,
        }


@router.post(
    "/regions/{slug}/applications/{application_id}/decision",
    auth=signed_in,
    response={200: DecisionOut, 409: ErrorOut, 422: ErrorOut},
    summary="Accept, reject or waitlist an application (operator)",
)
def application_decision(request: HttpRequest, slug: Slug, application_id: Id, payload: DecisionIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        application_visible(region_reader(request, region), application_id)
        application = services.application_decide(
            application_id=application_id,
            decision=payload.decision,
            reason=payload.reason,
            actor=signed_in_user(request),
        )
        participant = selectors.participant_for_application(application_id=application.pk)
        return {
            "id": application.pk,
            "status": application.status,
            "participant_id": participant.pk if participant else None,
        }


@router.get(
    "/regions/{slug}/me/applications",
    auth=signed_in,
    response=list[ApplicationRowOut],
    summary="Your own applications in the region (any role)",
)
def my_applications(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=set(Role.values)):
        return [
            application_row(a) for a in selectors.applications_of_user(user=signed_in_user(request))
        ]
