"""Workplace: onboarding checklists and 1-on-1s (pages and API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.workplace.models import ItemOwner, OnboardingFor
from sousei.workplace.services.onboarding import onboarding_start, onboarding_template_ensure
from sousei.workplace.services.one_on_ones import SeriesInput, current_meeting, one_on_one_create
from tests.matrix import OPERATOR, Area, Endpoint

PEOPLE = frozenset({Role.OPERATOR, Role.TRAINER, Role.PARTICIPANT, Role.CANDIDATE})
# The checklist is the caller "participant"'s; the 1-on-1 is between the operator (manager)
# and the participant: other people of the workplace do not find them.
NOT_THEIRS = {"trainer": 404, "candidate": 404}
PARTY = {"trainer": 404, "candidate": 404}

ENDPOINTS = [
    Endpoint("GET", "/r/{slug}/workplace/onboarding/", PEOPLE),
    Endpoint("GET", "/r/{slug}/workplace/onboarding/templates/", OPERATOR),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/onboarding/templates/steps/{template_step}/remove/",
        OPERATOR,
        ok=302,
    ),
    Endpoint("GET", "/r/{slug}/workplace/onboarding/{checklist}/", PEOPLE, by_caller=NOT_THEIRS),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/onboarding/{checklist}/steps/{step}/",
        PEOPLE,
        ok=302,
        body="done",
        by_caller=NOT_THEIRS,
    ),
    Endpoint("GET", "/r/{slug}/workplace/one-on-ones/", PEOPLE),
    Endpoint("GET", "/r/{slug}/workplace/one-on-ones/new/", PEOPLE),
    Endpoint("GET", "/r/{slug}/workplace/one-on-ones/{series}/", PEOPLE, by_caller=PARTY),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/one-on-ones/{series}/agenda/",
        PEOPLE,
        ok=302,
        body="topic",
        by_caller=PARTY,
    ),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/one-on-ones/{series}/agenda/{agenda_item}/",
        PEOPLE,
        ok=302,
        body="done",
        by_caller=PARTY,
    ),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/one-on-ones/{series}/actions/",
        PEOPLE,
        ok=302,
        body="action",
        by_caller=PARTY,
    ),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/one-on-ones/{series}/actions/{action_item}/",
        PEOPLE,
        ok=302,
        body="done",
        by_caller=PARTY,
    ),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/one-on-ones/{series}/meetings/{meeting}/notes/",
        PEOPLE,
        ok=302,
        body="notes",
        by_caller=PARTY,
    ),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/one-on-ones/{series}/meetings/{meeting}/held/",
        PEOPLE,
        ok=302,
        by_caller=PARTY,
    ),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/onboarding", PEOPLE),
    Endpoint("GET", "/api/v1/regions/{slug}/onboarding/{checklist}", PEOPLE, by_caller=NOT_THEIRS),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/onboarding/{checklist}/steps/{step}",
        PEOPLE,
        body="done_json",
        by_caller=NOT_THEIRS,
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/one-on-ones", PEOPLE),
    Endpoint("GET", "/api/v1/regions/{slug}/one-on-ones/{series}", PEOPLE, by_caller=PARTY),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/one-on-ones/{series}/agenda",
        PEOPLE,
        ok=201,
        body="topic",
        by_caller=PARTY,
    ),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """The caller "participant"'s onboarding (a member step to tick) and their 1-on-1 with
    the region's operator, with one topic and one action open."""
    operator = cast.user("operator", region.slug)
    participant = cast.user("participant", region.slug)
    with region_scope(region):
        checklist = onboarding_start(
            region=region,
            applies_to=OnboardingFor.HIRE,
            user=participant,
            person_id=None,
            start_date=clock.today(),
            source_id=1,
            actor=operator,
        )
        step = checklist.items.get(owner=ItemOwner.MEMBER)
        template_step = onboarding_template_ensure(
            region=region, applies_to=OnboardingFor.PROJECT_MEMBER
        ).items.first()
        series = one_on_one_create(
            region=region,
            data=SeriesInput(
                manager_id=operator.pk,
                member_id=participant.pk,
                template="weekly",
                cadence="weekly",
                first_at=clock.now() + dt.timedelta(days=1),
            ),
            actor=operator,
            is_operator=True,
        )
        meeting = current_meeting(series)
        action = series.actions.create(
            region=region, added_in=meeting, owner=participant, text="ポートフォリオを更新する"
        )
        agenda_item = series.agenda.first()
    return {
        "checklist": checklist.pk,
        "step": step.pk,
        "template_step": template_step.pk if template_step else 0,
        "series": series.pk,
        "meeting": meeting.pk,
        "agenda_item": agenda_item.pk if agenda_item else 0,
        "action_item": action.pk,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "done": {"done": "yes"},
        "done_json": {"done": True},
        "topic": {"text": "来月の研修について"},
        "action": {"text": "見積もりを送る", "owner": "", "due_on": ""},
        "notes": {"shared_notes": "順調", "private_note": ""},
    }


AREA = Area(
    name="workplace_people",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:checklist_id>": "{checklist}",
        "<int:series_id>": "{series}",
        "<int:meeting_id>": "{meeting}",
        "steps/<int:item_id>/remove/": "steps/{template_step}/remove/",
        "onboarding/{checklist}/steps/<int:item_id>/": "onboarding/{checklist}/steps/{step}/",
        "agenda/<int:item_id>/": "agenda/{agenda_item}/",
        "actions/<int:item_id>/": "actions/{action_item}/",
    },
    api_parameters={
        "{checklist_id}": "{checklist}",
        "{step_id}": "{step}",
        "{series_id}": "{series}",
    },
)
