"""Announcement writes: publish one to a team or the whole region, and confirm having read
it. Publishing is audited, notifies the audience through the outbox (in the app only for
those on do-not-disturb) and reaches their open pages live."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.workplace import live
from sousei.workplace.access import current_members, is_workplace_admin
from sousei.workplace.models import Announcement, AnnouncementRead, Presence, Team
from sousei.workplace.notifications_chat import notify_announcement
from sousei.workplace.selectors.announcements import announcement_event, audience_ids

TITLE_MAX = 120
BODY_MAX = 10000


def may_announce(reader: Reader, *, team_id: int | None) -> bool:
    """Operators announce to anyone; a team's lead, or the manager of one of its members, to
    that team only."""
    if is_workplace_admin(reader):
        return True
    if team_id is None:
        return False
    members = current_members().filter(team_id=team_id)
    return (
        members.filter(user_id=reader.user_id, is_lead=True).exists()
        or members.filter(manager_id=reader.user_id).exists()
    )


def _required(field: str, value: str, limit: int) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(
            {field: ValidationError(gettext_lazy("This field is required."), code="required")}
        )
    if len(text) > limit:
        raise ValidationError(
            {
                field: ValidationError(
                    gettext_lazy("Enter at most %(max)s characters."),
                    code="max_length",
                    params={"max": limit},
                )
            }
        )
    return text


def announcement_publish(
    *, region: Region, actor: User, reader: Reader, team: Team | None, title: str, body: str
) -> Announcement:
    """Publish an announcement to `team`, or with none to the whole region's workplace."""
    if not may_announce(reader, team_id=team.pk if team else None):
        raise PermissionDenied
    clean_title = _required("title", title, TITLE_MAX)
    clean_body = _required("body", body, BODY_MAX)
    with transaction.atomic():
        announcement = Announcement.objects.create(
            region=region, team=team, title=clean_title, body=clean_body, author=actor
        )
        audit_record(
            region=region,
            actor=actor,
            action="workplace.announcement.publish",
            obj=announcement,
            changes={"team": team.pk if team else None, "title": clean_title},
        )
        audience = [uid for uid in audience_ids(team_id=team.pk if team else None)]
        quiet = set(
            Presence.objects.filter(
                user_id__in=audience, do_not_disturb_until__gt=clock.now()
            ).values_list("user_id", flat=True)
        )
        link = reverse("announcement-detail", args=[region.slug, announcement.pk])
        for user in User.objects.filter(pk__in=audience).exclude(pk=actor.pk):
            notify_announcement(
                region=region,
                user=user,
                announcement=announcement,
                link=link,
                quiet=user.pk in quiet,
            )
        live.publish(
            region.pk,
            announcement_event(announcement, user_ids=tuple(sorted({*audience, actor.pk}))),
        )
    return announcement


def announcement_mark_read(*, region: Region, actor: User, announcement: Announcement) -> bool:
    """Record that `actor` read `announcement`; True the first time, False when already read.
    Not audited: the read row itself is the record."""
    if AnnouncementRead.objects.filter(announcement=announcement, user=actor).exists():
        return False
    try:
        with transaction.atomic():
            AnnouncementRead.objects.create(region=region, announcement=announcement, user=actor)
    except IntegrityError:  # read twice at once
        return False
    return True
