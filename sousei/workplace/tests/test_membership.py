"""Places in teams that follow from other apps' events, through their real services: a
participant put on a project joins its team; a hire joins the consulting team."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.tests.factories import UserFactory
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import OfferInput, offer_approve, offer_draft, offer_respond
from sousei.hiring.tests.factories import apply, opening
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.services.assignments import AssignmentInput, assignment_create
from sousei.projects.tests import factories as project_factories
from sousei.workplace.models import Room, Team, TeamMember
from sousei.workplace.tests import factories

pytestmark = pytest.mark.usefixtures("minimum_wages")


def put_on(region: Region, cast: Cast, project_id: int, user_name: str) -> TeamMember:
    user = UserFactory.create(username=user_name)
    participant = ParticipantFactory.create(region=region)
    participant.person.user = user
    participant.person.save(update_fields=["user"])
    assignment_create(
        region=region,
        data=AssignmentInput(
            project_id=project_id,
            participant_id=participant.pk,
            starts_on=dt.date(2026, 12, 1),
            ends_on=dt.date(2027, 3, 31),
            hourly_rate_jpy=1_300,
        ),
        actor=cast.user("operator"),
    )
    return TeamMember.objects.get(user=user, left_on__isnull=True)


def test_an_assignment_seats_the_participant_in_the_projects_team(
    in_koga: Region, cast: Cast
) -> None:
    project = project_factories.project(in_koga, headcount=3)
    project.created_by = cast.user("operator")
    project.save(update_fields=["created_by"])
    first = put_on(in_koga, cast, project.pk, "p1")
    team = first.team
    assert (team.kind, team.project_id, team.name) == ("project", project.pk, project.title)
    assert Room.objects.filter(team=team, kind="team").exists()
    assert first.joined_on == dt.date(2026, 12, 1)
    # No lead yet: the operator who made the project manages the participant.
    assert first.manager_id == cast.user("operator").pk
    first.is_lead = True
    first.save(update_fields=["is_lead"])
    second = put_on(in_koga, cast, project.pk, "p2")
    assert second.team_id == team.pk
    assert second.manager_id == first.user_id
    assert Team.objects.filter(project=project).count() == 1


def test_an_accepted_offer_seats_the_hire_in_the_consulting_team(
    in_koga: Region, cast: Cast
) -> None:
    lead = UserFactory.create(username="lead")
    consulting = factories.team(in_koga, "コンサル", kind="consulting")
    member = factories.seat(in_koga, lead, consulting)
    member.is_lead = True
    member.save(update_fields=["is_lead"])

    candidacy = apply(opening(in_koga))
    hire = cast.user("candidate")
    candidacy.user = hire
    candidacy.save(update_fields=["user"])
    candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
    today = timezone.localdate()
    start = today + dt.timedelta(days=30)
    offer = offer_draft(
        candidacy_id=candidacy.pk,
        data=OfferInput(
            salary_jpy=4_000_000,
            start_date=start,
            respond_by=today + dt.timedelta(days=7),
            conditions="",
        ),
        actor=cast.user("operator"),
    )
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    offer_respond(offer_id=offer.pk, accept=True, actor=hire)

    place = TeamMember.objects.get(user=hire, left_on__isnull=True)
    assert (place.team_id, place.joined_on, place.manager_id) == (consulting.pk, start, lead.pk)
    assert place.person_id == candidacy.person_id


def test_the_consulting_team_is_created_on_the_first_hire(in_koga: Region, cast: Cast) -> None:
    candidacy = apply(opening(in_koga))
    candidacy.user = cast.user("candidate")
    candidacy.save(update_fields=["user"])
    candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
    today = timezone.localdate()
    offer = offer_draft(
        candidacy_id=candidacy.pk,
        data=OfferInput(
            salary_jpy=4_000_000,
            start_date=today + dt.timedelta(days=10),
            respond_by=today + dt.timedelta(days=7),
            conditions="",
        ),
        actor=cast.user("operator"),
    )
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    offer_respond(offer_id=offer.pk, accept=True, actor=None)
    team = Team.objects.get(kind="consulting")
    assert Room.objects.filter(team=team).exists()
    assert TeamMember.objects.filter(team=team, user=cast.user("candidate")).exists()
