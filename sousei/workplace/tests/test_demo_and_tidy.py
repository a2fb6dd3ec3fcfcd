"""Koga's demo office seeds once (staff, consulting and project teams, rooms, statuses), and
`sousei workplace-tidy` blanks expired statuses in every region."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.workplace.demo import STAFF_TEAM, seed_workplace
from sousei.workplace.models import Presence, Room, Team, TeamMember
from sousei.workplace.tests import factories


def test_the_demo_office_is_seeded_once(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        summary = seed_workplace(
            region=koga,
            operator=cast.user("operator"),
            trainer=cast.user("trainer"),
            participant=cast.user("participant"),
        )
        staff = Team.objects.get(name=STAFF_TEAM)
        trainer = TeamMember.objects.get(user=cast.user("trainer"))
        assert (trainer.team_id, trainer.manager_id) == (staff.pk, cast.user("operator").pk)
        assert TeamMember.objects.filter(user=cast.user("participant")).exists()
        assert Room.objects.filter(kind="meeting").exclude(meeting_url="").exists()
        assert summary.teams == Team.objects.count()
        again = seed_workplace(
            region=koga,
            operator=cast.user("operator"),
            trainer=cast.user("trainer"),
            participant=cast.user("participant"),
        )
        assert again.members == 0
        assert TeamMember.objects.count() == summary.members


def test_the_tidy_command_blanks_expired_statuses(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        factories.presence(
            koga,
            cast.user("trainer"),
            status_text="外出中",
            status_expires_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
    out = StringIO()
    call_command("workplace_tidy", stdout=out)
    assert "tidied: 1" in out.getvalue()
    with region_scope(koga):
        assert Presence.objects.get(user=cast.user("trainer")).status_text == ""
