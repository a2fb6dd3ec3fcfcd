"""Residence checks (定住確認): the daily job creates them at 6 and 12 months and asks through
the outbox with a one-click signed link; the person answers on that page, or an operator
records the answer; the outcome record follows at once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from conftest import Cast
from sousei.core import clock
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.impact import links
from sousei.impact.models import OutcomeRecord, ResidenceCheck
from sousei.impact.services import (
    CheckAnswer,
    outcome_records_rebuild,
    residence_check_answer,
    residence_check_record,
    residence_checks_ask,
    residence_checks_create,
)
from sousei.impact.tasks import impact_daily
from sousei.impact.tests import factories as made

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 12, 1, 9))):
        yield D(2026, 12, 1)


def independent(koga: Region, *, outcome_on: dt.date) -> int:
    """A participant who went independent on `outcome_on`; returns the person's id."""
    who = made.participant(koga, applied_on=D(2025, 4, 1))
    made.enrolment(koga, who, start=D(2025, 5, 1), completed_on=D(2025, 7, 31))
    made.outcome(
        koga,
        who,
        kind="independent",
        on=outcome_on,
        business_started_on=outcome_on,
    )
    return who.person_id


def test_the_daily_job_asks_at_6_and_12_months_once(koga: Region, today: dt.date) -> None:
    with region_scope(koga):
        twelve = independent(koga, outcome_on=D(2025, 11, 20))  # 6 m: May, 12 m: 20 Nov 2026
        six = independent(koga, outcome_on=D(2026, 6, 1))  # 6 m: 1 Dec 2026
        independent(koga, outcome_on=D(2026, 7, 1))  # 6 m: January 2027, not yet due
    totals = impact_daily.call()
    assert totals["checks_created"] == 3
    # The 6-month check of May 2026 is older than 60 days: left for an operator, not sent.
    assert totals["checks_asked"] == 2
    with region_scope(koga):
        checks = {
            (c.person_id, c.months): c for c in ResidenceCheck.objects.select_related("person")
        }
        assert set(checks) == {(twelve, 6), (twelve, 12), (six, 6)}
        assert checks[(twelve, 6)].asked_at is None
        assert checks[(twelve, 12)].due_on == D(2026, 11, 20)
        assert checks[(twelve, 12)].asks_income is True
        messages = list(OutboxMessage.objects.filter(kind="residence_check").order_by("id"))
        assert len(messages) == 2
        asked = checks[(six, 6)]
        message = next(m for m in messages if m.email == asked.person.email)
        assert "今も古賀市にお住まいですか" in message.subject
        token = re.search(r"/r/koga/impact/residence/([^/]+)/", message.body)
        assert token is not None
        assert links.check_from_token(token.group(1)) == (koga.pk, asked.pk)
        assert "月収" in message.body
        record = OutcomeRecord.objects.get(person_id=six)
        assert record.asked_6m_on == today
    # Run again: nothing new is created or asked.
    assert impact_daily.call() == {
        "written": 3,
        "dropped": 0,
        "checks_created": 0,
        "checks_asked": 0,
    }


def test_the_person_answers_with_one_click_and_the_record_follows(
    koga: Region, today: dt.date
) -> None:
    with region_scope(koga):
        person_id = independent(koga, outcome_on=D(2026, 6, 1))
        outcome_records_rebuild(region=koga, actor=None)
        residence_checks_create(region=koga)
        residence_checks_ask(region=koga)
        check = ResidenceCheck.objects.get()
    url = links.check_path(slug="koga", region_id=koga.pk, check_id=check.pk)
    page = Client().get(url)
    assert page.status_code == 200
    assert "今も古賀市にお住まいですか" in page.content.decode()
    assert 'name="monthly_income_jpy"' in page.content.decode()
    answered = Client().post(url, {"lives_in_region": "yes", "monthly_income_jpy": "230000"})
    assert answered.status_code == 302
    with region_scope(koga):
        check.refresh_from_db()
        assert (check.lives_in_region, check.monthly_income_jpy, check.answered_via) == (
            True,
            230_000,
            "link",
        )
        record = OutcomeRecord.objects.get(person_id=person_id)
        assert (record.staying_6m, record.income_6m_jpy) == (True, 230_000)
        # An independent's earnings after the outcome are the income they report.
        assert record.earnings_after_monthly_jpy == 230_000
        entry = AuditEntry.objects.get(action="residence_check.answer")
        assert entry.actor is None
    # The link shows the answer; a second answer changes nothing.
    again = Client().post(url, {"lives_in_region": "no"})
    assert again.status_code == 200
    assert "回答いただきました" in again.content.decode()
    with region_scope(koga):
        check.refresh_from_db()
        assert check.lives_in_region is True


def test_a_forged_or_other_regions_link_answers_404(
    koga: Region, fukutsu: Region, today: dt.date
) -> None:
    with region_scope(koga):
        independent(koga, outcome_on=D(2026, 6, 1))
        outcome_records_rebuild(region=koga, actor=None)
        residence_checks_create(region=koga)
        check = ResidenceCheck.objects.get()
    token = links.check_token(region_id=koga.pk, check_id=check.pk)
    assert Client().get(f"/r/fukutsu/impact/residence/{token}/").status_code == 404
    assert Client().get(f"/r/koga/impact/residence/{token}x/").status_code == 404
    forged = links.check_token(region_id=koga.pk, check_id=check.pk + 1)
    assert Client().get(f"/r/koga/impact/residence/{forged}/").status_code == 404


def test_an_operator_records_or_corrects_an_answer_with_an_audit_entry(
    koga: Region, cast: Cast, today: dt.date
) -> None:
    operator = cast.user("operator")
    with region_scope(koga):
        person_id = independent(koga, outcome_on=D(2025, 11, 20))
        outcome_records_rebuild(region=koga, actor=None)
        residence_checks_create(region=koga)
        check = ResidenceCheck.objects.get(months=12)
        residence_check_record(
            check_id=check.pk,
            answer=CheckAnswer(lives_in_region=False, municipality_code="13101"),
            actor=operator,
        )
        record = OutcomeRecord.objects.get(person_id=person_id)
        assert (record.staying_12m, record.lives_in_region) == (False, False)
        corrected = residence_check_record(
            check_id=check.pk, answer=CheckAnswer(lives_in_region=True), actor=operator
        )
        assert (corrected.lives_in_region, corrected.municipality_code) == (True, "")
        entries = list(AuditEntry.objects.filter(action="residence_check.answer").order_by("id"))
        assert [e.changes["lives_in_region"] for e in entries] == [[None, False], [False, True]]
        assert all(e.actor == operator for e in entries)
        with pytest.raises(ValidationError) as refused:
            residence_check_record(
                check_id=check.pk,
                answer=CheckAnswer(lives_in_region=False, municipality_code="1310"),
                actor=operator,
            )
        assert "5桁" in str(refused.value.message_dict["municipality_code"])
        with pytest.raises(Conflict):
            residence_check_answer(
                check_id=check.pk, answer=CheckAnswer(lives_in_region=True), actor=None
            )
