"""Operators decide: accept creates the participant, every decision is audited."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from conftest import Cast
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Invitation, Membership, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.people.models import Application, Participant
from sousei.people.selectors import application_status_counts
from sousei.people.services import (
    application_decide,
    application_submit,
    application_tallies_rebuild,
)
from sousei.people.tests.test_application_submit import HANAKO

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(in_koga: Region) -> Application:
    return application_submit(region=in_koga, data=HANAKO)


def test_accepting_creates_the_participant_and_an_audit_entry(
    application: Application, cast: Cast
) -> None:
    operator = cast.user("operator")
    decided = application_decide(
        application_id=application.pk, decision="accept", reason="面談済み", actor=operator
    )
    assert decided.status == "accepted"
    assert decided.decided_by == operator
    participant = Participant.objects.get()
    assert participant.person == application.person
    entry = AuditEntry.objects.filter(action="application.accept").get()
    assert entry.actor == operator
    assert entry.changes == {
        "from": "submitted",
        "to": "accepted",
        "reason": "面談済み",
        "participant_id": participant.pk,
        "user_id": participant.person.user_id,
    }


def test_rejecting_needs_a_reason(application: Application, cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        application_decide(
            application_id=application.pk,
            decision="reject",
            reason=" ",
            actor=cast.user("operator"),
        )
    assert "reason" in caught.value.message_dict
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not AuditEntry.objects.filter(action__startswith="application.reject").exists()


def test_a_waitlisted_application_can_be_accepted_later(
    application: Application, cast: Cast
) -> None:
    operator = cast.user("operator")
    application_decide(
        application_id=application.pk, decision="waitlist", reason="", actor=operator
    )
    application_decide(application_id=application.pk, decision="accept", reason="", actor=operator)
    actions = list(
        AuditEntry.objects.filter(action__startswith="application.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["application.submit", "application.waitlist", "application.accept"]


def test_a_decided_application_cannot_be_decided_again(
    application: Application, cast: Cast
) -> None:
    operator = cast.user("operator")
    application_decide(
        application_id=application.pk, decision="reject", reason="対象外", actor=operator
    )
    with pytest.raises(Conflict):
        application_decide(
            application_id=application.pk, decision="accept", reason="", actor=operator
        )
    assert not Participant.objects.exists()


def test_after_a_rejection_the_person_may_apply_again(
    application: Application, cast: Cast, in_koga: Region
) -> None:
    application_decide(
        application_id=application.pk,
        decision="reject",
        reason="対象外",
        actor=cast.user("operator"),
    )
    again = application_submit(region=in_koga, data=replace(HANAKO, weekly_hours_available=30))
    assert again.status == "submitted"


def test_an_unknown_decision_is_refused(application: Application, cast: Cast) -> None:
    with pytest.raises(ValidationError):
        application_decide(
            application_id=application.pk, decision="maybe", reason="", actor=cast.user("operator")
        )


def test_the_running_tallies_match_a_recount(application: Application, cast: Cast) -> None:
    operator = cast.user("operator")
    second = application_submit(
        region=application.region, data=replace(HANAKO, email="b@example.jp")
    )
    application_submit(region=application.region, data=replace(HANAKO, email="c@example.jp"))
    application_decide(
        application_id=application.pk, decision="waitlist", reason="", actor=operator
    )
    application_decide(application_id=application.pk, decision="accept", reason="", actor=operator)
    application_decide(application_id=second.pk, decision="reject", reason="対象外", actor=operator)
    running = application_status_counts()
    assert running == {"submitted": 1, "waitlisted": 0, "accepted": 1, "rejected": 1}
    assert application_tallies_rebuild(region=application.region) == running


def test_accepting_gives_the_applicant_an_account_the_role_and_an_invitation(
    application: Application, cast: Cast, in_koga: Region
) -> None:
    application_decide(
        application_id=application.pk, decision="accept", reason="", actor=cast.user("operator")
    )
    application.person.refresh_from_db()
    user = application.person.user
    assert user is not None
    assert user.email == application.person.email
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role="participant").exists()
    invitation = Invitation.objects.get(user=user)
    assert invitation.roles == ["participant"]
    message = OutboxMessage.objects.get(kind="invitation", user=user)
    assert message.language == application.language
    assert "/r/koga/invitation/" in message.body


def test_rejecting_gives_no_account(application: Application, cast: Cast) -> None:
    application_decide(
        application_id=application.pk,
        decision="reject",
        reason="対象外",
        actor=cast.user("operator"),
    )
    application.person.refresh_from_db()
    assert application.person.user is None
    assert not Invitation.objects.exists()
