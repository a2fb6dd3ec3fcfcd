"""Work's notifications: a submitted week goes to the client users to approve, a returned week
and a missing timesheet to the participant, a completed pay run's statement to its
participant; each in the recipient's language, with a link that opens for them, and by
e-mail unless they chose the app only."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import Cast
from sousei.core.models import Membership, OutboxMessage, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory, client_company
from sousei.core.tests.notifying import CHOICES, assert_notified, choose, recipients
from sousei.work.notifications import Kind
from sousei.work.services import payroll, timesheets
from sousei.work.tasks import timesheet_reminders_send
from sousei.work.tests.test_payroll import approved
from sousei.work.tests.test_timesheets import MONDAY, WEEK, day, own_assignment

pytestmark = pytest.mark.usefixtures("minimum_wages")


def submitted(region: Region, cast: Cast) -> timesheets.WeekReview:
    assignment = own_assignment(region, cast)
    with region_scope(region):
        timesheets.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=cast.user("participant")
        )
        return timesheets.week_submit(
            assignment=assignment, week_start=WEEK, actor=cast.user("participant")
        )


@CHOICES
def test_a_submitted_week_asks_the_client_users_to_approve_it(
    koga: Region, cast: Cast, choice: str
) -> None:
    client = cast.user("client")
    choose(client, choice, Kind.WEEK_TO_APPROVE)
    # A user of another company is not asked.
    other = UserFactory.create(username="other-client")
    Membership.objects.create(
        region=koga, user=other, role=Role.CLIENT, organization=client_company("株式会社ほか")
    )
    submitted(koga, cast)
    assert recipients(koga, Kind.WEEK_TO_APPROVE) == {client}
    assert_notified(
        koga, user=client, kind=Kind.WEEK_TO_APPROVE, choice=choice, english="awaits your approval"
    )


@CHOICES
def test_an_approved_week_tells_the_participant_its_hours(
    koga: Region, cast: Cast, choice: str
) -> None:
    participant = cast.user("participant")
    choose(participant, choice, Kind.WEEK_APPROVED)
    review = submitted(koga, cast)
    assert recipients(koga, Kind.WEEK_APPROVED) == set()
    with region_scope(koga):
        timesheets.week_approve(
            assignment=review.assignment, week_start=WEEK, actor=cast.user("client")
        )
    message = assert_notified(
        koga, user=participant, kind=Kind.WEEK_APPROVED, choice=choice, english="was approved"
    )
    assert "8時間" in message.body or "8 hours" in message.body, message.body
    assert message.link.endswith(f"?week={WEEK.isoformat()}")
    assert recipients(koga, Kind.WEEK_APPROVED) == {participant}


@CHOICES
def test_a_returned_week_tells_the_participant_with_the_comment(
    koga: Region, cast: Cast, choice: str
) -> None:
    participant = cast.user("participant")
    choose(participant, choice, Kind.WEEK_RETURNED)
    review = submitted(koga, cast)
    with region_scope(koga):
        timesheets.week_return(
            assignment=review.assignment,
            week_start=WEEK,
            comment="月曜の休憩を確認してください",
            actor=cast.user("client"),
        )
    message = assert_notified(
        koga, user=participant, kind=Kind.WEEK_RETURNED, choice=choice, english="was returned"
    )
    assert "月曜の休憩を確認してください" in message.body
    assert message.link.endswith(f"?week={WEEK.isoformat()}")
    assert recipients(koga, Kind.WEEK_RETURNED) == {participant}


@CHOICES
def test_a_completed_pay_run_tells_each_participant_their_statement_is_ready(
    koga: Region, cast: Cast, choice: str
) -> None:
    participant, operator = cast.user("participant"), cast.user("operator")
    choose(participant, choice, Kind.PAY_STATEMENT_READY)
    assignment = own_assignment(koga, cast)
    approved(koga, cast, assignment, day(MONDAY))
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        assert not OutboxMessage.objects.filter(kind=Kind.PAY_STATEMENT_READY).exists()
        payroll.pay_run_complete(run=run, actor=operator)
    assert_notified(
        koga,
        user=participant,
        kind=Kind.PAY_STATEMENT_READY,
        choice=choice,
        english="pay statement for December 2025",
    )


@CHOICES
def test_a_week_not_submitted_is_reminded_once_when_it_has_ended(
    koga: Region, cast: Cast, choice: str
) -> None:
    participant = cast.user("participant")
    choose(participant, choice, Kind.TIMESHEET_MISSING)
    own_assignment(koga, cast)
    # Sunday-start pay weeks: on Mon 12-15 the week of 12-07 has ended.
    after = dt.datetime(2025, 12, 15, 9, 0).isoformat()
    assert timesheet_reminders_send.call(now=after) == 1
    assert timesheet_reminders_send.call(now=after) == 0
    message = assert_notified(
        koga,
        user=participant,
        kind=Kind.TIMESHEET_MISSING,
        choice=choice,
        english="is not submitted yet",
    )
    assert message.link.endswith(f"?week={WEEK.isoformat()}")


def test_a_submitted_week_is_not_reminded(koga: Region, cast: Cast) -> None:
    submitted(koga, cast)
    assert timesheet_reminders_send.call(now=dt.datetime(2025, 12, 15, 9, 0).isoformat()) == 0
