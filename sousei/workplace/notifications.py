"""Notifications of the virtual workplace: an onboarding started (to the newcomer and their
manager), an onboarding step overdue (to its owner), a 1-on-1 tomorrow (to both sides).
In the inbox and by e-mail as each person chose, in their language, through the outbox,
each with the link to the page where they act."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.services import notification_send
from sousei.core.text import format_date, user_name
from sousei.workplace.models import ItemOwner, OnboardingChecklist, OnboardingItem, OneOnOneMeeting
from sousei.workplace.selectors.people import manager_of, operators


class Kind(models.TextChoices):
    ONBOARDING_STARTED = "onboarding_started", gettext_lazy("Onboarding started")
    ONBOARDING_STEP_OVERDUE = "onboarding_step_overdue", gettext_lazy("Onboarding step overdue")
    ONE_ON_ONE_TOMORROW = "one_on_one_tomorrow", gettext_lazy("1-on-1 tomorrow")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def _checklist_path(checklist: OnboardingChecklist) -> str:
    return reverse(
        "onboarding-detail", kwargs={"slug": checklist.region.slug, "checklist_id": checklist.pk}
    )


def _newcomer(checklist: OnboardingChecklist) -> str:
    if checklist.person is not None:
        return checklist.person.full_name
    return checklist.user.get_full_name() if checklist.user else "—"


def notify_onboarding_started(*, checklist: OnboardingChecklist) -> None:
    """The newcomer learns their first steps; their manager (if named yet) that it began."""

    def for_newcomer() -> tuple[str, str]:
        return (
            _("Welcome! Your onboarding has started"),
            _(
                "Your onboarding checklist starts on %(start)s. It lists the first steps, who "
                "does each and by when; tick yours off as you go."
            )
            % {"start": format_date(checklist.start_date)},
        )

    notification_send(
        region=checklist.region,
        user=checklist.user,
        kind=Kind.ONBOARDING_STARTED,
        text=for_newcomer,
        link=_checklist_path(checklist),
        about=checklist,
    )
    manager = manager_of(user_id=checklist.user_id) if checklist.user_id else None
    if manager is None:
        return

    def for_manager() -> tuple[str, str]:
        values = {"name": _newcomer(checklist), "start": format_date(checklist.start_date)}
        return (
            _("Onboarding of %(name)s has started") % values,
            _("%(name)s starts on %(start)s. Some steps of the checklist are yours.") % values,
        )

    notification_send(
        region=checklist.region,
        user=manager,
        kind=Kind.ONBOARDING_STARTED,
        text=for_manager,
        link=_checklist_path(checklist),
        about=checklist,
    )


def _owners(item: OnboardingItem) -> list[User]:
    checklist = item.checklist
    if item.owner == ItemOwner.MEMBER:
        return [checklist.user] if checklist.user else []
    if item.owner == ItemOwner.MANAGER and checklist.user_id:
        manager = manager_of(user_id=checklist.user_id)
        if manager is not None:
            return [manager]
    # The office's steps, and a manager's step while nobody manages the newcomer yet.
    return operators()


def notify_step_overdue(*, item: OnboardingItem, today: dt.date) -> None:
    checklist = item.checklist

    def text() -> tuple[str, str]:
        values = {"step": item.title, "name": _newcomer(checklist), "due": format_date(item.due_on)}
        return (
            _("Overdue onboarding step: %(step)s") % values,
            _(
                "“%(step)s” of %(name)s's onboarding was due on %(due)s. Do it, or tick it "
                "off if it is done."
            )
            % values,
        )

    for owner in _owners(item):
        notification_send(
            region=item.region,
            user=owner,
            kind=Kind.ONBOARDING_STEP_OVERDUE,
            text=text,
            link=_checklist_path(checklist),
            about=checklist,
        )


def notify_one_on_one_tomorrow(*, meeting: OneOnOneMeeting) -> None:
    series = meeting.series
    link = reverse(
        "one-on-one-detail", kwargs={"slug": meeting.region.slug, "series_id": series.pk}
    )
    starts = timezone.localtime(meeting.scheduled_at)

    def text_for(other: User) -> tuple[str, str]:
        values = {
            "name": user_name(other),
            "when": f"{format_date(starts.date())} {starts:%H:%M}",
        }
        return (
            _("1-on-1 with %(name)s tomorrow") % values,
            _(
                "Your 1-on-1 with %(name)s is on %(when)s. Add what you want to talk about to "
                "the agenda; open items from last time are carried forward."
            )
            % values,
        )

    for user, other in ((series.manager, series.member), (series.member, series.manager)):
        notification_send(
            region=meeting.region,
            user=user,
            kind=Kind.ONE_ON_ONE_TOMORROW,
            text=lambda other=other: text_for(other),  # type: ignore[misc]
            link=link,
            about=series,
        )
