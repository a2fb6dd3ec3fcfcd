"""Onboarding and 1-on-1 endpoints: what their pages need, for the same callers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Status

from sousei.core import clock
from sousei.core.access import region_context, region_roles, signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.core.text import user_name
from sousei.workplace.models import OnboardingChecklist, OnboardingItem, OneOnOneSeries
from sousei.workplace.schemas.people import (
    AgendaIn,
    ChecklistDetailOut,
    ChecklistOut,
    SeriesDetailOut,
    SeriesOut,
    StepIn,
)
from sousei.workplace.selectors import onboarding as onboarding_selectors
from sousei.workplace.selectors import one_on_ones as one_on_one_selectors
from sousei.workplace.services import onboarding as onboarding_services
from sousei.workplace.services import one_on_ones as one_on_one_services

router = Router(tags=["workplace"])
PEOPLE = {Role.OPERATOR, Role.TRAINER, Role.PARTICIPANT, Role.CANDIDATE}


def _operator(request: HttpRequest, region: Any) -> bool:
    return Role.OPERATOR in region_roles(request, region)


@router.get(
    "/regions/{slug}/onboarding",
    auth=signed_in,
    response=list[ChecklistOut],
    summary="Onboardings under way: all (office), my reports' (manager), mine",
)
def onboarding_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=PEOPLE) as region:
        rows = onboarding_selectors.checklists_for(
            user=signed_in_user(request),
            is_operator=_operator(request, region),
            today=clock.today(),
        )
        return [
            {
                "id": row.checklist.pk,
                "name": onboarding_selectors.newcomer_name(row.checklist),
                "source": row.checklist.source,
                "start_date": row.checklist.start_date,
                "done": row.done,
                "total": row.total,
                "overdue": row.overdue,
                "completed_at": row.checklist.completed_at,
            }
            for row in rows
        ]


def _checklist_body(checklist: OnboardingChecklist) -> dict[str, Any]:
    steps = onboarding_selectors.checklist_items(checklist=checklist)
    today = clock.today()
    return {
        "id": checklist.pk,
        "name": onboarding_selectors.newcomer_name(checklist),
        "source": checklist.source,
        "start_date": checklist.start_date,
        "done": sum(1 for s in steps if s.done_at),
        "total": len(steps),
        "overdue": sum(1 for s in steps if not s.done_at and s.due_on < today),
        "completed_at": checklist.completed_at,
        "steps": [
            {
                "id": s.pk,
                "title": s.title,
                "owner": s.owner,
                "due_on": s.due_on,
                "done_at": s.done_at,
            }
            for s in steps
        ],
    }


@router.get(
    "/regions/{slug}/onboarding/{checklist_id}",
    auth=signed_in,
    response=ChecklistDetailOut,
    summary="One onboarding with its steps",
)
def onboarding_detail(request: HttpRequest, slug: Slug, checklist_id: Id):
    with region_context(request, slug, roles=PEOPLE) as region:
        try:
            checklist = onboarding_selectors.checklist_visible(
                checklist_id=checklist_id,
                user=signed_in_user(request),
                is_operator=_operator(request, region),
            )
        except OnboardingChecklist.DoesNotExist:
            raise Http404("No such onboarding.") from None
        return _checklist_body(checklist)


@router.post(
    "/regions/{slug}/onboarding/{checklist_id}/steps/{step_id}",
    auth=signed_in,
    response={200: ChecklistDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="Tick a step off, or reopen it (its owner, their manager, the office)",
)
def onboarding_step(
    request: HttpRequest, slug: Slug, checklist_id: Id, step_id: Id, payload: StepIn
):
    with region_context(request, slug, roles=PEOPLE) as region:
        operator = _operator(request, region)
        user = signed_in_user(request)
        try:
            checklist = onboarding_selectors.checklist_visible(
                checklist_id=checklist_id, user=user, is_operator=operator
            )
        except OnboardingChecklist.DoesNotExist:
            raise Http404("No such onboarding.") from None
        if not OnboardingItem.objects.filter(pk=step_id, checklist=checklist).exists():
            raise Http404("No such step.")
        onboarding_services.onboarding_item_set(
            item_id=step_id, done=payload.done, actor=user, is_operator=operator
        )
        checklist.refresh_from_db()
        return _checklist_body(checklist)


@router.get(
    "/regions/{slug}/one-on-ones",
    auth=signed_in,
    response=list[SeriesOut],
    summary="My 1-on-1s (the office: who meets whom, and when)",
)
def one_on_one_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=PEOPLE) as region:
        series = one_on_one_selectors.series_for(
            user=signed_in_user(request), is_operator=_operator(request, region)
        )
        return [
            {
                "id": s.pk,
                "manager": user_name(s.manager),
                "member": user_name(s.member),
                "cadence": s.cadence,
                "next_at": s.next_at,  # type: ignore[attr-defined]
            }
            for s in series
        ]


def _series_body(series: OneOnOneSeries, request: HttpRequest) -> dict[str, Any]:
    page = one_on_one_selectors.series_page(series=series, user=signed_in_user(request))
    meeting = page.meeting
    return {
        "id": series.pk,
        "manager": user_name(series.manager),
        "member": user_name(series.member),
        "cadence": series.cadence,
        "next_at": meeting.scheduled_at if meeting else None,
        "agenda": [
            {
                "id": item.pk,
                "text": item.text,
                "carried_forward": meeting is not None and item.added_in_id != meeting.pk,
            }
            for item in page.agenda
        ],
        "actions": [
            {"id": a.pk, "text": a.text, "owner": user_name(a.owner), "due_on": a.due_on}
            for a in page.actions
        ],
        "shared_notes": meeting.shared_notes if meeting else "",
    }


def _party_series(request: HttpRequest, series_id: int) -> OneOnOneSeries:
    try:
        return one_on_one_selectors.series_of_party(
            series_id=series_id, user=signed_in_user(request)
        )
    except OneOnOneSeries.DoesNotExist:
        raise Http404("No such 1-on-1.") from None


@router.get(
    "/regions/{slug}/one-on-ones/{series_id}",
    auth=signed_in,
    response=SeriesDetailOut,
    summary="A 1-on-1's next meeting: agenda, open actions, shared notes (its two people)",
)
def one_on_one_detail(request: HttpRequest, slug: Slug, series_id: Id):
    with region_context(request, slug, roles=PEOPLE):
        return _series_body(_party_series(request, series_id), request)


@router.post(
    "/regions/{slug}/one-on-ones/{series_id}/agenda",
    auth=signed_in,
    response={201: SeriesDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add a topic to the next meeting's agenda (its two people)",
)
def one_on_one_agenda(request: HttpRequest, slug: Slug, series_id: Id, payload: AgendaIn):
    with region_context(request, slug, roles=PEOPLE):
        series = _party_series(request, series_id)
        try:
            one_on_one_services.agenda_item_add(
                series_id=series.pk, text=payload.text, actor=signed_in_user(request)
            )
        except PermissionDenied:
            raise Http404("No such 1-on-1.") from None
        return Status(201, _series_body(series, request))
