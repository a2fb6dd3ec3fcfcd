"""The breach register's API (operators only; the municipality and others 403, another
region 404): list and record incidents, read and change one. Writes are audited by the
services."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from sousei.core.access import region_context, signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.schemas import ErrorOut
from sousei.privacy.access import PRIVACY_OFFICERS
from sousei.privacy.breach import selectors
from sousei.privacy.breach.services import BreachInput, breach_create, breach_update, input_of
from sousei.privacy.schemas.breach import BreachIn, BreachOut, BreachPatch

router = Router(tags=["privacy"])


def _aware(value: Any) -> Any:
    """A moment without a time zone is read as Japan's time."""
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


FIELDS = (
    "title",
    "description",
    "discovered_at",
    "occurred_at",
    "cause",
    "cause_detail",
    "data_categories",
    "affected_count",
    "malicious",
    "financial_risk",
    "reportable",
    "preliminary_due_on",
    "final_due_on",
    "preliminary_reported_on",
    "final_reported_on",
    "people_notified_on",
    "notice_note",
    "status",
)


def breach_body(view: selectors.BreachView, person_ids: list[int]) -> dict[str, Any]:
    incident = view.incident
    return {
        "id": incident.pk,
        **{name: getattr(incident, name) for name in FIELDS},
        "person_ids": person_ids,
        "people": view.people,
        "reportable_reasons": view.reasons,
        "reportable_suggested": view.suggested,
        "preliminary_overdue": view.preliminary_overdue,
        "final_overdue": view.final_overdue,
    }


def _one(incident_id: int) -> dict[str, Any]:
    incident = selectors.breach_get(incident_id=incident_id)
    people = selectors.person_ids_by_incident([incident])
    return breach_body(selectors.breach_view(incident), people[incident.pk])


@router.get(
    "/regions/{slug}/breaches",
    auth=signed_in,
    response=list[BreachOut],
    summary="The breach register: every incident, newest discovery first (operators)",
)
def breach_list_endpoint(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=PRIVACY_OFFICERS):
        views = selectors.breach_list()
        people = selectors.person_ids_by_incident([v.incident for v in views])
        return [breach_body(v, people[v.incident.pk]) for v in views]


@router.post(
    "/regions/{slug}/breaches",
    auth=signed_in,
    response={201: BreachOut, 422: ErrorOut},
    summary="Record a breach incident; the report due dates follow from its discovery",
)
def breach_create_endpoint(request: HttpRequest, slug: Slug, payload: BreachIn):
    with region_context(request, slug, roles=PRIVACY_OFFICERS) as region:
        values = {name: _aware(value) for name, value in payload.model_dump().items()}
        incident = breach_create(
            region=region, data=BreachInput(**values), actor=signed_in_user(request)
        )
        return Status(201, _one(incident.pk))


@router.get(
    "/regions/{slug}/breaches/{incident_id}",
    auth=signed_in,
    response={200: BreachOut, 404: ErrorOut},
    summary="One breach incident with its deadlines and the 規則第7条 suggestion",
)
def breach_detail_endpoint(request: HttpRequest, slug: Slug, incident_id: Id):
    with region_context(request, slug, roles=PRIVACY_OFFICERS):
        return _one(incident_id)


@router.patch(
    "/regions/{slug}/breaches/{incident_id}",
    auth=signed_in,
    response={200: BreachOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a breach incident: only the fields given change",
)
def breach_update_endpoint(request: HttpRequest, slug: Slug, incident_id: Id, payload: BreachPatch):
    with region_context(request, slug, roles=PRIVACY_OFFICERS):
        incident = selectors.breach_get(incident_id=incident_id)
        given = payload.model_dump(exclude_unset=True)
        # Fields that cannot be empty keep their value when sent as null.
        required = {"title", "discovered_at", "cause", "status", "malicious", "financial_risk"}
        for name in ("description", "cause_detail", "notice_note"):
            if given.get(name, "") is None:
                given[name] = ""
        for name in ("data_categories", "person_ids"):
            if name in given and given[name] is None:
                given[name] = []
        changes = {
            name: _aware(value)
            for name, value in given.items()
            if not (name in required and value is None)
        }
        data = dataclasses.replace(input_of(incident), **changes)
        breach_update(incident=incident, data=data, actor=signed_in_user(request))
        return _one(incident.pk)
