"""Reads of onboarding: the checklists a caller may follow, with their progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from sousei.core.text import user_name
from sousei.workplace.models import (
    OnboardingChecklist,
    OnboardingItem,
    OnboardingTemplate,
)
from sousei.workplace.selectors.people import reports_of


@dataclass(frozen=True)
class ChecklistProgress:
    checklist: OnboardingChecklist
    done: int
    total: int
    overdue: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def _with_counts(qs: QuerySet[OnboardingChecklist], today: dt.date) -> list[ChecklistProgress]:
    rows = qs.select_related("person", "user").annotate(
        total_steps=Count("items"),
        done_steps=Count("items", filter=Q(items__done_at__isnull=False)),
        overdue_steps=Count(
            "items", filter=Q(items__done_at__isnull=True, items__due_on__lt=today)
        ),
    )
    return [ChecklistProgress(c, c.done_steps, c.total_steps, c.overdue_steps) for c in rows]


def checklists_for(
    *, user: User, is_operator: bool, today: dt.date, include_completed: bool = False
) -> list[ChecklistProgress]:
    """The office sees every checklist; a manager their reports'; everyone their own. Open
    ones first by start date; three queries whatever the count."""
    qs = OnboardingChecklist.objects.all()
    if not include_completed:
        qs = qs.filter(completed_at__isnull=True)
    if not is_operator:
        qs = qs.filter(Q(user=user) | Q(user_id__in=reports_of(manager=user)))
    return _with_counts(qs.order_by("start_date", "id"), today)


def checklist_visible(*, checklist_id: int, user: User, is_operator: bool) -> OnboardingChecklist:
    """The checklist if the caller may follow it; DoesNotExist otherwise (a 404)."""
    checklist = OnboardingChecklist.objects.select_related("person", "user", "template").get(
        pk=checklist_id
    )
    if is_operator or checklist.user_id == user.pk:
        return checklist
    if checklist.user_id is not None and checklist.user_id in reports_of(manager=user):
        return checklist
    raise OnboardingChecklist.DoesNotExist


def newcomer_name(checklist: OnboardingChecklist) -> str:
    """The newcomer's name, family name first."""
    if checklist.person is not None:
        return checklist.person.full_name
    return user_name(checklist.user) if checklist.user is not None else "—"


def checklist_items(*, checklist: OnboardingChecklist) -> list[OnboardingItem]:
    return list(checklist.items.select_related("done_by").order_by("position", "id"))


def overdue_step_count(*, today: dt.date) -> int:
    return OnboardingItem.objects.filter(
        done_at__isnull=True, due_on__lt=today, checklist__completed_at__isnull=True
    ).count()


def templates() -> list[OnboardingTemplate]:
    return list(OnboardingTemplate.objects.filter(active=True).prefetch_related("items"))
