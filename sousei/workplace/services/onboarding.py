"""Onboarding checklists: applied by themselves when a hire's employee record is created or a
participant joins a project (domain events), ticked off by their owners, reminded when
overdue, and complete when every step is done (a hire's employee record then says so)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import DomainEvent
from sousei.core.models import Region
from sousei.hiring.models import Employee
from sousei.hiring.services.offers import employee_onboarded
from sousei.projects.models import Assignment
from sousei.workplace import notifications
from sousei.workplace.models import (
    ItemOwner,
    OnboardingChecklist,
    OnboardingFor,
    OnboardingItem,
    OnboardingTemplate,
    OnboardingTemplateItem,
)
from sousei.workplace.selectors.people import manager_of


@dataclass(frozen=True)
class Step:
    title: str
    description: str
    owner: str
    due_days: int


# The steps a region starts with; operators change them on the templates page. Stored as
# data in Japanese, the language of the region's staff.
DEFAULT_STEPS: dict[str, tuple[str, tuple[Step, ...]]] = {
    OnboardingFor.HIRE: (
        "入社オンボーディング",
        (
            Step(
                "入社手続き",
                "雇用契約書・労働条件通知書の取り交わし、社会保険の手続き",
                ItemOwner.OFFICE,
                -3,
            ),
            Step(
                "PC・アカウント",
                "貸与PCの発送、メール・チャット・バーチャルオフィスのアカウント発行",
                ItemOwner.OFFICE,
                0,
            ),
            Step(
                "チーム紹介",
                "チームのルームでメンバーを紹介し、最初の仕事を一緒に決める",
                ItemOwner.MANAGER,
                1,
            ),
            Step(
                "初回1on1", "期待していること・困っていることを話す最初の1on1", ItemOwner.MANAGER, 5
            ),
            Step("研修受講", "業務で使うツールの研修を受講し、修了する", ItemOwner.MEMBER, 30),
        ),
    ),
    OnboardingFor.PROJECT_MEMBER: (
        "案件参画オンボーディング",
        (
            Step("参画条件の確認", "時給・期間・勤怠の締め方を本人と確認する", ItemOwner.OFFICE, 0),
            Step(
                "チーム紹介",
                "案件チームのルームで紹介し、クライアントの担当者を伝える",
                ItemOwner.MANAGER,
                1,
            ),
            Step(
                "作業環境の確認",
                "ツールのライセンスと接続先にログインできることを確かめる",
                ItemOwner.MEMBER,
                1,
            ),
            Step("初回1on1", "最初の1週間を振り返る1on1", ItemOwner.MANAGER, 7),
        ),
    ),
}


def onboarding_template_ensure(*, region: Region, applies_to: str) -> OnboardingTemplate:
    """The region's active template for this kind of newcomer, made from the defaults on
    first need."""
    template = OnboardingTemplate.objects.filter(applies_to=applies_to, active=True).first()
    if template is not None:
        return template
    name, steps = DEFAULT_STEPS[applies_to]
    try:
        # Two first starts at once (two assignments made together) race to make it: the
        # loser's savepoint rolls back and it takes the winner's.
        with transaction.atomic():
            template = OnboardingTemplate.objects.create(
                region=region, name=name, applies_to=applies_to
            )
    except IntegrityError:
        return OnboardingTemplate.objects.get(applies_to=applies_to, active=True)
    OnboardingTemplateItem.objects.bulk_create(
        OnboardingTemplateItem(
            region=region,
            template=template,
            position=n,
            title=step.title,
            description=step.description,
            owner=step.owner,
            due_days=step.due_days,
        )
        for n, step in enumerate(steps, start=1)
    )
    return template


def onboarding_start(
    *,
    region: Region,
    applies_to: str,
    user: User | None,
    person_id: int | None,
    start_date: dt.date,
    source_id: int,
    actor: User | None,
) -> OnboardingChecklist:
    """Apply the active template from `start_date`; once per employee record or assignment."""
    existing = OnboardingChecklist.objects.filter(source=applies_to, source_id=source_id).first()
    if existing is not None:
        return existing
    template = onboarding_template_ensure(region=region, applies_to=applies_to)
    checklist = OnboardingChecklist.objects.create(
        region=region,
        template=template,
        user=user,
        person_id=person_id,
        start_date=start_date,
        source=applies_to,
        source_id=source_id,
    )
    OnboardingItem.objects.bulk_create(
        OnboardingItem(
            region=region,
            checklist=checklist,
            position=step.position,
            title=step.title,
            description=step.description,
            owner=step.owner,
            due_on=start_date + dt.timedelta(days=step.due_days),
        )
        for step in template.items.all()
    )
    audit_record(
        region=region,
        actor=actor,
        action="onboarding.start",
        obj=checklist,
        changes={"for": applies_to, "record": source_id, "start_date": start_date.isoformat()},
    )
    notifications.notify_onboarding_started(checklist=checklist)
    return checklist


def on_employee_created(event: DomainEvent) -> None:
    """A hire's employee record exists: their onboarding starts (same transaction)."""
    employee = Employee.objects.select_related("region").get(pk=event.payload["employee_id"])
    onboarding_start(
        region=employee.region,
        applies_to=OnboardingFor.HIRE,
        user=employee.user,
        person_id=employee.person_id,
        start_date=employee.start_date,
        source_id=employee.pk,
        actor=None,
    )


def on_assignment_started(event: DomainEvent) -> None:
    """A participant joined a project: their project onboarding starts (same transaction)."""
    assignment = Assignment.objects.select_related("region", "participant__person__user").get(
        pk=event.payload["assignment_id"]
    )
    person = assignment.participant.person
    onboarding_start(
        region=assignment.region,
        applies_to=OnboardingFor.PROJECT_MEMBER,
        user=person.user,
        person_id=person.pk,
        start_date=assignment.starts_on,
        source_id=assignment.pk,
        actor=None,
    )


def may_tick(*, item: OnboardingItem, user: User, is_operator: bool) -> bool:
    """The office ticks any step; the newcomer their own steps; their manager the manager's
    and the newcomer's steps."""
    if is_operator:
        return True
    checklist = item.checklist
    if item.owner == ItemOwner.MEMBER and checklist.user_id == user.pk:
        return True
    if checklist.user_id is None:
        return False
    manager = manager_of(user_id=checklist.user_id)
    return (
        manager is not None
        and manager.pk == user.pk
        and item.owner in (ItemOwner.MANAGER, ItemOwner.MEMBER)
    )


def onboarding_item_set(
    *, item_id: int, done: bool, actor: User, is_operator: bool
) -> OnboardingItem:
    """Tick a step off (or undo it); the checklist completes when every step is done, and a
    hire's employee record then records when their onboarding finished."""
    with transaction.atomic():
        item = (
            OnboardingItem.objects.select_for_update()
            .select_related("checklist")
            .filter(pk=item_id)
            .first()
        )
        if item is None:
            raise OnboardingItem.DoesNotExist
        if not may_tick(item=item, user=actor, is_operator=is_operator):
            raise PermissionDenied
        now = clock.now()
        if done == (item.done_at is not None):
            return item
        item.done_at = now if done else None
        item.done_by = actor if done else None
        item.save(update_fields=["done_at", "done_by"])
        checklist = item.checklist
        open_steps = OnboardingItem.objects.filter(checklist=checklist, done_at__isnull=True)
        finished = not open_steps.exists()
        if finished != (checklist.completed_at is not None):
            checklist.completed_at = now if finished else None
            checklist.save(update_fields=["completed_at"])
            if finished and checklist.source == OnboardingFor.HIRE:
                employee_onboarded(employee_id=checklist.source_id, at=now, actor=actor)
        audit_record(
            region=item.region,
            actor=actor,
            action="onboarding.item_done" if done else "onboarding.item_undone",
            obj=checklist,
            changes={"item": item.pk, "step": item.title, "completed": finished},
        )
    return item


def onboarding_template_item_add(
    *, template_id: int, title: str, description: str, owner: str, due_days: int, actor: User
) -> OnboardingTemplateItem:
    """Add a step to a template; checklists already started keep their steps."""
    errors: dict[str, ValidationError] = {}
    if not title.strip():
        errors["title"] = ValidationError(_("Name the step."), "required")
    if owner not in ItemOwner.values:
        errors["owner"] = ValidationError(_("Choose who does the step."), "choice")
    if not -60 <= due_days <= 365:
        errors["due_days"] = ValidationError(
            _("Enter a day from -60 (before the start) to 365 after it."), "range"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        template = OnboardingTemplate.objects.select_for_update().get(pk=template_id)
        last = template.items.order_by("-position").values_list("position", flat=True).first()
        item = OnboardingTemplateItem.objects.create(
            region=template.region,
            template=template,
            position=(last or 0) + 1,
            title=title.strip(),
            description=description.strip(),
            owner=owner,
            due_days=due_days,
        )
        audit_record(
            region=template.region,
            actor=actor,
            action="onboarding_template.item_add",
            obj=template,
            changes={"step": item.title, "owner": owner, "due_days": due_days},
        )
    return item


def onboarding_template_item_remove(*, item_id: int, actor: User) -> None:
    with transaction.atomic():
        item = OnboardingTemplateItem.objects.select_related("template").get(pk=item_id)
        audit_record(
            region=item.region,
            actor=actor,
            action="onboarding_template.item_remove",
            obj=item.template,
            changes={"step": item.title},
        )
        item.delete()


def onboarding_reminders(*, today: dt.date) -> int:
    """Remind each overdue step's owner once a day (the newcomer, their manager, or the
    region's operators); returns how many steps were reminded."""
    overdue = list(
        OnboardingItem.objects.filter(
            done_at__isnull=True, due_on__lt=today, checklist__completed_at__isnull=True
        )
        .exclude(reminded_on=today)
        .select_related("checklist__person", "checklist__user", "region")
        .order_by("due_on", "id")
    )
    for item in overdue:
        notifications.notify_step_overdue(item=item, today=today)
        item.reminded_on = today
        item.save(update_fields=["reminded_on"])
    return len(overdue)
