"""Hiring's notifications to staff: the panel is told of an interview and reminded of it, a
second operator is asked to approve an offer, its author is told it went out, and both
operators are told the answer. Each in the recipient's language, with the link to the
candidacy, by e-mail unless they chose the app only. A candidate with an account finds their
own mails in their inbox too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Membership, OutboxMessage, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.core.tests.notifying import CHOICES, assert_notified, choose, recipients
from sousei.hiring.models import Candidacy, Offer
from sousei.hiring.notifications import Kind
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import (
    InterviewInput,
    OfferInput,
    interview_schedule,
    offer_approve,
    offer_draft,
    offer_respond,
)
from sousei.hiring.tasks import interview_reminders_send
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
)

pytestmark = pytest.mark.usefixtures("media")


def second_operator(region: Region) -> User:
    user = UserFactory.create(username=f"operator2-{region.slug}")
    Membership.objects.create(region=region, user=user, role=Role.OPERATOR)
    return user


def scheduled(region: Region, cast: Cast, days: int = 3) -> Candidacy:
    candidacy = apply(opening(region))
    start = timezone.now() + dt.timedelta(days=days)
    interview_schedule(
        candidacy_id=candidacy.pk,
        data=InterviewInput(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            interviewer_ids=[cast.user("operator").pk],
            place="快生館 会議室A",
        ),
        actor=cast.user("operator"),
    )
    return candidacy


def drafted(region: Region, author: User) -> Offer:
    candidacy = apply(opening(region))
    candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
    today = timezone.localdate()
    return offer_draft(
        candidacy_id=candidacy.pk,
        data=OfferInput(
            salary_jpy=4_200_000,
            start_date=today + dt.timedelta(days=60),
            respond_by=today + dt.timedelta(days=14),
            conditions="試用期間3か月",
        ),
        actor=author,
    )


@CHOICES
def test_the_panel_is_told_of_an_interview(in_koga: Region, cast: Cast, choice: str) -> None:
    interviewer = cast.user("operator")
    choose(interviewer, choice, Kind.INTERVIEW_SCHEDULED)
    scheduled(in_koga, cast)
    assert_notified(
        in_koga,
        user=interviewer,
        kind=Kind.INTERVIEW_SCHEDULED,
        choice=choice,
        english="You are on the panel",
    )


@CHOICES
def test_the_panel_is_reminded_the_day_before(in_koga: Region, cast: Cast, choice: str) -> None:
    interviewer = cast.user("operator")
    choose(interviewer, choice, Kind.INTERVIEW_PANEL_REMINDER)
    scheduled(in_koga, cast, days=3)
    later = (timezone.now() + dt.timedelta(days=2, hours=12)).isoformat()
    assert interview_reminders_send.call(now=later) == 1
    assert interview_reminders_send.call(now=later) == 0
    assert_notified(
        in_koga,
        user=interviewer,
        kind=Kind.INTERVIEW_PANEL_REMINDER,
        choice=choice,
        english="Reminder: interview",
    )


@CHOICES
def test_a_drafted_offer_asks_the_other_operators_to_approve(
    in_koga: Region, cast: Cast, choice: str
) -> None:
    author, approver = cast.user("operator"), second_operator(in_koga)
    choose(approver, choice, Kind.OFFER_TO_APPROVE)
    drafted(in_koga, author)
    assert recipients(in_koga, Kind.OFFER_TO_APPROVE) == {approver}
    assert_notified(
        in_koga,
        user=approver,
        kind=Kind.OFFER_TO_APPROVE,
        choice=choice,
        english="awaits your approval",
    )


@CHOICES
def test_the_author_is_told_the_offer_went_out(in_koga: Region, cast: Cast, choice: str) -> None:
    author, approver = cast.user("operator"), second_operator(in_koga)
    choose(author, choice, Kind.OFFER_SENT)
    offer = drafted(in_koga, author)
    offer_approve(offer_id=offer.pk, actor=approver)
    assert recipients(in_koga, Kind.OFFER_SENT) == {author}
    assert_notified(
        in_koga, user=author, kind=Kind.OFFER_SENT, choice=choice, english="approved and sent"
    )


@CHOICES
@pytest.mark.parametrize(("accept", "english"), [(True, "accepted"), (False, "declined")])
def test_both_operators_are_told_the_answer(
    in_koga: Region, cast: Cast, choice: str, accept: bool, english: str
) -> None:
    author, approver = cast.user("operator"), second_operator(in_koga)
    choose(approver, choice, Kind.OFFER_ANSWERED)
    offer = drafted(in_koga, author)
    offer_approve(offer_id=offer.pk, actor=approver)
    offer_respond(offer_id=offer.pk, accept=accept, actor=None)
    assert recipients(in_koga, Kind.OFFER_ANSWERED) == {author, approver}
    assert_notified(
        in_koga, user=approver, kind=Kind.OFFER_ANSWERED, choice=choice, english=english
    )


@CHOICES
def test_a_candidate_with_an_account_finds_the_offer_in_their_inbox(
    in_koga: Region, cast: Cast, choice: str
) -> None:
    candidate = cast.user("candidate")
    choose(candidate, choice, "offer")
    offer = drafted(in_koga, cast.user("operator"))
    person = offer.candidacy.person
    person.user = candidate
    person.save(update_fields=["user"])
    if choice != "ja-by-email":
        Candidacy.objects.filter(pk=offer.candidacy_id).update(language="en")
    offer_approve(offer_id=offer.pk, actor=second_operator(in_koga))
    with region_scope(in_koga):
        message = OutboxMessage.objects.get(kind="offer")
    assert message.user == candidate
    assert message.in_app
    assert message.by_email is (choice == "ja-by-email")
    assert message.link == f"/r/{in_koga.slug}/my-applications/"
