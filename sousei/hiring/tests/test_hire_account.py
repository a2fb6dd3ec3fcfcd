"""A hire gets in: the candidacy's account (or a new one linked to it) holds the candidate
role in the region, and someone who cannot sign in yet is e-mailed an invitation."""

from __future__ import annotations

import pytest

from conftest import Cast
from sousei.core.models import Invitation, Membership, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.roles import Role
from sousei.core.tests.factories import UserFactory
from sousei.hiring.services.offers import offer_approve, offer_respond
from sousei.hiring.tests.test_services import offered

pytestmark = pytest.mark.django_db


def test_a_hire_without_an_account_gets_one_and_an_invitation(in_koga: Region, cast: Cast) -> None:
    candidacy, offer = offered(in_koga, cast)
    assert candidacy.user is None
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    offer_respond(offer_id=offer.pk, accept=True, actor=None)

    candidacy.refresh_from_db()
    user = candidacy.user
    assert user is not None
    assert user.email == candidacy.person.email
    assert not user.has_usable_password()
    candidacy.person.refresh_from_db()
    assert candidacy.person.user == user
    assert candidacy.employee.user == user
    assert Membership.objects.filter(user=user, role=Role.CANDIDATE).exists()
    invitation = Invitation.objects.get(user=user)
    assert invitation.roles == [Role.CANDIDATE]
    assert OutboxMessage.objects.filter(kind="invitation", user=user).exists()


def test_a_hire_who_can_sign_in_keeps_their_account_and_gets_no_invitation(
    in_koga: Region, cast: Cast
) -> None:
    candidacy, offer = offered(in_koga, cast)
    user = cast.user("candidate")
    candidacy.user = user
    candidacy.save(update_fields=["user"])
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    offer_respond(offer_id=offer.pk, accept=True, actor=user)

    candidacy.refresh_from_db()
    assert candidacy.user == user
    assert candidacy.employee.user == user
    assert Membership.objects.filter(user=user, role=Role.CANDIDATE).count() == 1
    assert not Invitation.objects.filter(user=user).exists()
