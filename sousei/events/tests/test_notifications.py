"""The waitlist's offer of a place reaches a registrant who has an account in their inbox
too, in the language they registered in, with the link to their registration; by e-mail
unless they chose the app only."""

from __future__ import annotations

import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.tests.notifying import CHOICES, ENGLISH_APP_ONLY, assert_notified, choose
from sousei.events import services
from sousei.events.models import Registration, RegistrationStatus
from sousei.events.tests.factories import event, register

pytestmark = pytest.mark.usefixtures("in_koga")


@CHOICES
def test_a_place_offered_from_the_waitlist_reaches_the_registrant(
    koga: Region, cast: Cast, choice: str
) -> None:
    user = cast.user("candidate")
    choose(user, choice, "offered")
    internship = event(koga, capacity=1)
    holder, waiting = register(internship, 1), register(internship, 2)
    Registration.objects.filter(pk=waiting.pk).update(
        user=user, language="en" if choice == ENGLISH_APP_ONLY else "ja"
    )
    services.registration_cancel(registration_id=holder.pk, actor=None)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED
    assert_notified(
        koga,
        user=user,
        kind="offered",
        choice=choice,
        english="place",
        email=waiting.person.email,
    )
