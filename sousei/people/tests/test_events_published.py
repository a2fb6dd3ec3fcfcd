"""Deciding an application tells the domain event subscribers, with ids and states only."""

from __future__ import annotations

import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.tests.events import events_recorded, of_kind
from sousei.people.services import application_decide, application_submit
from sousei.people.tests.test_application_submit import HANAKO

pytestmark = pytest.mark.django_db


def test_deciding_an_application_publishes_application_decided(
    in_koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    application = application_submit(region=in_koga, data=HANAKO)
    application_decide(
        application_id=application.pk, decision="accept", reason="", actor=cast.user("operator")
    )
    [event] = of_kind(published, "application.decided")
    assert event.region_slug == "koga"
    assert event.payload == {
        "application_id": application.pk,
        "person_id": application.person_id,
        "decision": "accept",
        "status": "accepted",
    }
