"""Onboarding: a checklist starts by itself for a hire and for a participant joining a
project, its owners tick it off, overdue steps are reminded, and a hire's employee record
records when it finished."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.hiring.models import Employee
from sousei.hiring.services.offers import offer_approve, offer_respond
from sousei.hiring.tests.test_services import offered
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.services.assignments import AssignmentInput, assignment_create
from sousei.projects.tests import factories as project_factories
from sousei.workplace.models import (
    ItemOwner,
    OnboardingChecklist,
    OnboardingFor,
    OnboardingItem,
    Team,
    TeamKind,
    TeamMember,
)
from sousei.workplace.services.onboarding import (
    onboarding_item_set,
    onboarding_reminders,
    onboarding_start,
    onboarding_template_ensure,
    onboarding_template_item_add,
)


def test_a_hires_onboarding_checklist_starts_by_itself_when_the_employee_record_is_created(
    in_koga: Region, cast: Cast
) -> None:
    candidacy, offer = offered(in_koga, cast)
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    offer_respond(offer_id=offer.pk, accept=True, actor=None)

    employee = Employee.objects.get(candidacy=candidacy)
    checklist = OnboardingChecklist.objects.get(source=OnboardingFor.HIRE, source_id=employee.pk)
    assert checklist.person == employee.person
    assert checklist.start_date == offer.start_date
    steps = list(checklist.items.order_by("position"))
    assert [s.title for s in steps] == [
        "入社手続き",
        "PC・アカウント",
        "チーム紹介",
        "初回1on1",
        "研修受講",
    ]
    # Each step is due on its day counted from the start.
    assert steps[0].due_on == offer.start_date - dt.timedelta(days=3)
    assert steps[4].due_on == offer.start_date + dt.timedelta(days=30)


@pytest.mark.usefixtures("minimum_wages")
def test_a_participant_joining_a_project_gets_the_project_checklist(
    in_koga: Region, cast: Cast
) -> None:
    participant = ParticipantFactory.create(region=in_koga)
    participant.person.user = cast.user("participant")
    participant.person.save(update_fields=["user"])
    project = project_factories.project(in_koga)
    assignment = assignment_create(
        region=in_koga,
        data=AssignmentInput(
            project_id=project.pk,
            participant_id=participant.pk,
            starts_on=dt.date(2026, 12, 1),
            ends_on=dt.date(2027, 3, 31),
            hourly_rate_jpy=1_300,
        ),
        actor=cast.user("operator"),
    )
    checklist = OnboardingChecklist.objects.get(
        source=OnboardingFor.PROJECT_MEMBER, source_id=assignment.pk
    )
    assert checklist.user == cast.user("participant")
    assert checklist.items.count() == 4
    assert OutboxMessage.objects.filter(
        kind="onboarding_started", user=cast.user("participant")
    ).exists()


def _checklist(region: Region, cast: Cast, start: dt.date) -> OnboardingChecklist:
    """The participant's project onboarding (four steps: the office's on the first day, the
    manager's and the newcomer's on the second, the manager's 1-on-1 after a week)."""
    return onboarding_start(
        region=region,
        applies_to=OnboardingFor.PROJECT_MEMBER,
        user=cast.user("participant"),
        person_id=None,
        start_date=start,
        source_id=99,
        actor=None,
    )


def test_it_starts_one_checklist_per_start(in_koga: Region, cast: Cast) -> None:
    first = _checklist(in_koga, cast, dt.date(2026, 12, 1))
    again = _checklist(in_koga, cast, dt.date(2026, 12, 1))
    assert first == again
    assert OnboardingChecklist.objects.count() == 1


def test_owners_tick_their_steps_and_the_checklist_completes(in_koga: Region, cast: Cast) -> None:
    newcomer, trainer = cast.user("participant"), cast.user("trainer")
    team = Team.objects.create(region=in_koga, name="コンサルティング", kind=TeamKind.CONSULTING)
    TeamMember.objects.create(
        region=in_koga, team=team, user=newcomer, manager=trainer, joined_on=dt.date(2026, 12, 1)
    )
    checklist = _checklist(in_koga, cast, dt.date(2026, 12, 1))
    steps = {s.owner: s for s in checklist.items.all()}
    office_step = steps[ItemOwner.OFFICE]
    # The newcomer may not tick the office's step; their manager ticks the manager's.
    with pytest.raises(PermissionDenied):
        onboarding_item_set(item_id=office_step.pk, done=True, actor=newcomer, is_operator=False)
    onboarding_item_set(
        item_id=steps[ItemOwner.MANAGER].pk, done=True, actor=trainer, is_operator=False
    )
    for item in checklist.items.filter(done_at__isnull=True):
        onboarding_item_set(
            item_id=item.pk, done=True, actor=cast.user("operator"), is_operator=True
        )
    checklist.refresh_from_db()
    assert checklist.completed_at is not None
    # Reopening a step reopens the checklist.
    onboarding_item_set(
        item_id=office_step.pk, done=False, actor=cast.user("operator"), is_operator=True
    )
    checklist.refresh_from_db()
    assert checklist.completed_at is None


def test_overdue_steps_are_reminded_to_their_owner_once_a_day(in_koga: Region, cast: Cast) -> None:
    _checklist(in_koga, cast, dt.date(2026, 12, 1))
    day = dt.date(2026, 12, 3)  # the first three steps are late
    reminded = onboarding_reminders(today=day)
    assert reminded == 3
    assert onboarding_reminders(today=day) == 0
    overdue = OutboxMessage.objects.filter(kind="onboarding_step_overdue")
    # No manager yet: the office hears of the manager's step as well as its own.
    assert overdue.filter(user=cast.user("operator")).count() == 2
    assert overdue.filter(user=cast.user("participant")).count() == 1
    first = overdue.filter(user=cast.user("operator")).order_by("id").first()
    assert first is not None
    assert "2026年12月1日" in first.body


def test_a_template_step_applies_to_checklists_started_afterwards(
    in_koga: Region, cast: Cast
) -> None:
    before = _checklist(in_koga, cast, dt.date(2026, 12, 1))
    template = onboarding_template_ensure(region=in_koga, applies_to=OnboardingFor.PROJECT_MEMBER)
    onboarding_template_item_add(
        template_id=template.pk,
        title="セキュリティ研修",
        description="",
        owner=ItemOwner.MEMBER,
        due_days=7,
        actor=cast.user("operator"),
    )
    after = onboarding_start(
        region=in_koga,
        applies_to=OnboardingFor.PROJECT_MEMBER,
        user=None,
        person_id=None,
        start_date=dt.date(2026, 12, 10),
        source_id=100,
        actor=None,
    )
    assert before.items.count() == 4
    assert after.items.filter(title="セキュリティ研修", due_on=dt.date(2026, 12, 17)).exists()


def test_the_checklist_page_shows_progress_to_the_newcomer_only(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        checklist = _checklist(koga, cast, clock.today())
        step = checklist.items.get(owner=ItemOwner.MEMBER)
    url = reverse("onboarding-detail", kwargs={"slug": "koga", "checklist_id": checklist.pk})
    client = Client()
    client.force_login(cast.user("participant"))
    page = client.get(url, headers={"accept-language": "ja"})
    assert page.status_code == 200
    assert "作業環境の確認" in page.content.decode()
    client.post(
        reverse(
            "onboarding-item",
            kwargs={"slug": "koga", "checklist_id": checklist.pk, "item_id": step.pk},
        ),
        {"done": "yes"},
    )
    with region_scope(koga):
        assert OnboardingItem.objects.get(pk=step.pk).done_at is not None
    stranger = Client()
    stranger.force_login(cast.user("trainer"))
    assert stranger.get(url).status_code == 404
    city = Client()
    city.force_login(cast.user("municipality"))
    assert city.get(url).status_code == 403
