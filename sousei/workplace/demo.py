"""The workplace part of the demo (`sousei seed-demo`): onboardings under way and 1-on-1s.

The hires and project members of the other demos already have their onboarding checklists:
the services that made them published their domain events, and the workplace started a
checklist for each. Here the office ticks off the steps of the most recent one that are due
by today (an onboarding in progress), and the region's trainer has a weekly 1-on-1 with the
demo participant, held twice already, whose open topic and overdue action carry forward.
Once per region; every write goes through the services at the moment it happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Region
from sousei.projects.demo import moment_on
from sousei.workplace.models import ItemOwner, OnboardingChecklist, OneOnOneSeries
from sousei.workplace.services.onboarding import onboarding_item_set
from sousei.workplace.services.one_on_ones import (
    SeriesInput,
    action_item_add,
    agenda_item_add,
    agenda_item_set,
    current_meeting,
    notes_save,
    one_on_one_create,
    one_on_one_hold,
)


@dataclass
class WorkplaceSummary:
    region: str
    onboardings: int
    steps_done: int
    one_on_ones: int

    def line(self) -> str:
        return (
            f"{self.region}: {self.onboardings} onboardings ({self.steps_done} steps done now), "
            f"{self.one_on_ones} 1-on-1s"
        )


def seed_workplace(
    *, region: Region, operator: User, trainer: User, participant: User
) -> WorkplaceSummary:
    """Seed the region's onboarding progress and 1-on-1s (inside its scope and a transaction)."""
    done = _onboarding_in_progress(operator)
    if not OneOnOneSeries.objects.exists():
        _one_on_one(region, manager=trainer, member=participant)
    return WorkplaceSummary(
        region=region.slug,
        onboardings=OnboardingChecklist.objects.count(),
        steps_done=done,
        one_on_ones=OneOnOneSeries.objects.count(),
    )


def _onboarding_in_progress(operator: User) -> int:
    """The office's steps of the latest open checklist that are due by today, done."""
    checklist = (
        OnboardingChecklist.objects.filter(completed_at__isnull=True)
        .order_by("-start_date", "-id")
        .first()
    )
    if checklist is None:
        return 0
    due = checklist.items.filter(
        owner=ItemOwner.OFFICE, due_on__lte=clock.today(), done_at__isnull=True
    )
    ticked = 0
    for item in due:
        onboarding_item_set(item_id=item.pk, done=True, actor=operator, is_operator=True)
        ticked += 1
    return ticked


def _one_on_one(region: Region, *, manager: User, member: User) -> None:
    """Weekly on Thursdays at 16:00: the two Thursdays before today held, the next to come."""
    today = clock.today()
    last_thursday = today - dt.timedelta(days=(today.weekday() - 3) % 7 or 7)
    thursday = last_thursday - dt.timedelta(weeks=1)
    starts = moment_on(thursday, 16)
    with clock.frozen_at(starts - dt.timedelta(days=2)):
        series = one_on_one_create(
            region=region,
            data=SeriesInput(
                manager_id=manager.pk,
                member_id=member.pk,
                template="new_hire",
                cadence="weekly",
                first_at=starts,
                meeting_url="https://meet.example.jp/1on1",
            ),
            actor=manager,
            is_operator=True,
        )
        topic = agenda_item_add(
            series_id=series.pk, text="案件のチャットでの質問の仕方を相談したい", actor=member
        )
    meeting = current_meeting(series)
    with clock.frozen_at(starts + dt.timedelta(minutes=30)):
        notes_save(
            meeting_id=meeting.pk,
            shared="研修は予定どおり。午前中に集中して学習する習慣ができてきた。",
            private=None,
            actor=manager,
        )
        action_item_add(
            series_id=series.pk,
            owner_id=member.pk,
            text="わからない点をチームルームで質問してみる",
            due_on=(starts + dt.timedelta(days=6)).date(),
            actor=manager,
        )
        one_on_one_hold(meeting_id=meeting.pk, actor=manager)
    second = current_meeting(series)
    with clock.frozen_at(second.scheduled_at + dt.timedelta(minutes=30)):
        agenda_item_set(item_id=topic.pk, done=True, actor=member)
        agenda_item_add(series_id=series.pk, text="来月からの案件の稼働時間", actor=member)
        notes_save(
            meeting_id=second.pk,
            shared="質問の仕方を整理した。稼働時間は来週までに希望を出してもらう。",
            private="在宅の環境に少し不安があるようなので来週も聞く。",
            actor=manager,
        )
        one_on_one_hold(meeting_id=second.pk, actor=manager)
