"""Who reports to whom in the region's workplace (reads for onboarding and 1-on-1s)."""

from __future__ import annotations

from django.contrib.auth.models import User

from sousei.core.models import Membership
from sousei.core.roles import Role
from sousei.workplace.models import TeamMember


def manager_of(*, user_id: int) -> User | None:
    """The manager of the user's current team membership, if they have one."""
    member = (
        TeamMember.objects.filter(user_id=user_id, left_on__isnull=True)
        .select_related("manager")
        .first()
    )
    return member.manager if member is not None else None


def reports_of(*, manager: User) -> list[int]:
    """The user ids of the manager's current direct reports."""
    return list(
        TeamMember.objects.filter(manager=manager, left_on__isnull=True).values_list(
            "user_id", flat=True
        )
    )


def operators() -> list[User]:
    """The region's active operators, for the office's own steps and reminders."""
    memberships = Membership.objects.filter(
        role=Role.OPERATOR, user__is_active=True
    ).select_related("user")
    users = {m.user_id: m.user for m in memberships}
    return [users[key] for key in sorted(users)]
