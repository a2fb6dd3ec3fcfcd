"""The outcome record is built from the records that ran the program, the same sources give
the same row, and a rebuild covers the region."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import Cast
from sousei.careers.services import OutcomeInput, career_outcome_record
from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.models import AuditEntry, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.hiring.tests.factories import media  # noqa: F401 (fixture)
from sousei.impact import selectors
from sousei.impact.models import OutcomeRecord, RefreshMark, Track
from sousei.impact.services import (
    early_leaving_record,
    outcome_record_refresh,
    outcome_records_catch_up,
    outcome_records_rebuild,
)
from sousei.impact.tests import factories as made

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 12, 1, 9))):
        yield D(2026, 12, 1)


def test_a_participants_way_through_becomes_one_record(koga: Region, today: dt.date) -> None:
    with region_scope(koga):
        who = made.participant(
            koga,
            applied_on=D(2026, 1, 10),
            decided_on=D(2026, 1, 20),
            birth_date=D(1966, 6, 1),
            baseline_jpy=110_000,
        )
        made.enrolment(koga, who, start=D(2026, 2, 2), completed_on=D(2026, 4, 30))
        made.paid_work(
            koga,
            who,
            starts_on=D(2026, 5, 11),
            ends_on=D(2026, 8, 31),
            pay={D(2026, 5, 1): 90_000, D(2026, 6, 1): 150_000, D(2026, 7, 1): 160_000},
        )
        made.outcome(koga, who, kind="continue_projects", on=D(2026, 6, 1), employment_insured=True)
        written = outcome_record_refresh(region=koga, person_id=who.person_id)
        record = OutcomeRecord.objects.get()
    assert written == 1
    assert (record.track, record.source_id) == (Track.PROGRAM, who.application_id)
    assert (record.applied_on, record.decided_on, record.accepted) == (
        D(2026, 1, 10),
        D(2026, 1, 20),
        True,
    )
    assert (record.enrolled_on, record.enrolments, record.completed_on) == (
        D(2026, 2, 2),
        1,
        D(2026, 4, 30),
    )
    assert record.left_early_on is None
    assert (record.first_paid_on, record.last_paid_on) == (D(2026, 5, 11), D(2026, 8, 31))
    assert (record.outcome_kind, record.outcome_on) == ("continue_projects", D(2026, 6, 1))
    assert (record.employed_on, record.insured_employed_on) == (D(2026, 6, 1), D(2026, 6, 1))
    # Born 1 June 1966: 59 on 30 April 2026.
    assert record.age_at_completion == 59
    assert record.baseline_monthly_income_jpy == 110_000
    assert record.earnings_by_month == {"2026-05": 90_000, "2026-06": 150_000, "2026-07": 160_000}
    # Median of the three months; after the outcome (June on): median of 150,000 and 160,000.
    assert record.monthly_earnings_jpy == 150_000
    assert record.earnings_after_monthly_jpy == 155_000
    assert record.credential_on == D(2026, 4, 30)
    assert record.skill_gains == ["2026-04-30"]
    assert record.lives_in_region is True


def test_the_same_sources_give_the_same_row_and_a_gone_source_its_row_dropped(
    koga: Region, today: dt.date
) -> None:
    with region_scope(koga):
        who = made.participant(koga, applied_on=D(2026, 3, 1))
        outcome_record_refresh(region=koga, person_id=who.person_id)
        first = OutcomeRecord.objects.values().get()
        outcome_record_refresh(region=koga, person_id=who.person_id)
        second = OutcomeRecord.objects.values().get()
        assert {k: v for k, v in first.items() if k != "refreshed_at"} == {
            k: v for k, v in second.items() if k != "refreshed_at"
        }
        # A record whose source is gone (an application id that no longer exists) is dropped.
        OutcomeRecord.objects.filter(pk=first["id"]).update(source_id=999_999)
        outcome_record_refresh(region=koga, person_id=who.person_id)
        assert list(OutcomeRecord.objects.values_list("source_id", flat=True)) == [
            who.application_id
        ]


def test_leaving_early_for_a_job_is_told_by_a_job_starting_soon_after(
    koga: Region, today: dt.date
) -> None:
    with region_scope(koga):
        for_job = made.participant(koga, applied_on=D(2026, 1, 5))
        made.enrolment(koga, for_job, start=D(2026, 2, 1), withdrawn_on=D(2026, 3, 10))
        made.outcome(
            koga,
            for_job,
            kind="employed_elsewhere",
            on=D(2026, 3, 25),
            employer="古賀製作所",
            employment_insured=True,
        )
        other = made.participant(koga, applied_on=D(2026, 1, 5))
        made.enrolment(koga, other, start=D(2026, 2, 1), withdrawn_on=D(2026, 3, 10))
        made.outcome(koga, other, kind="left_program", on=D(2026, 3, 10))
        rebuilt = outcome_records_rebuild(region=koga, actor=None)
        rows = {r.person_id: r for r in OutcomeRecord.objects.all()}
    assert rebuilt == {"written": 2, "dropped": 0}
    assert rows[for_job.person_id].left_early_on == D(2026, 3, 10)
    assert rows[for_job.person_id].left_early_reason == "job"
    assert rows[for_job.person_id].insured_employed_on == D(2026, 3, 25)
    assert rows[other.person_id].left_early_reason == "other"
    assert rows[other.person_id].employed_on is None


@pytest.mark.usefixtures("media")
def test_a_rebuild_covers_every_application_and_hire_and_is_audited_once(
    koga: Region, fukutsu: Region, cast: Cast, today: dt.date
) -> None:
    operator = cast.user("operator")
    with region_scope(koga):
        made.participant(koga, applied_on=D(2026, 4, 1))
        made.rejected_applicant(koga, applied_on=D(2026, 4, 2))
        employee = made.location_free_hire(koga, operator, salary_jpy=4_200_000)
    with region_scope(fukutsu):
        made.participant(fukutsu, applied_on=D(2026, 4, 1))
    with region_scope(koga):
        counts = outcome_records_rebuild(region=koga, actor=operator)
        again = outcome_records_rebuild(region=koga, actor=operator)
        # The nightly job's rebuild is nobody's act: not audited.
        outcome_records_rebuild(region=koga, actor=None)
        records = list(OutcomeRecord.objects.order_by("track", "source_id"))
        audits = AuditEntry.objects.filter(action="outcome_records.rebuild").count()
    assert counts == again == {"written": 3, "dropped": 0}
    assert audits == 2
    assert [r.track for r in records] == ["hire", "program", "program"]
    hire = records[0]
    assert hire.source_id == employee.pk
    assert hire.earnings_after_monthly_jpy == 350_000
    assert hire.employment_insured is True
    assert hire.hired_on == today
    assert hire.days_to_hire == 0
    assert hire.outcome_on == employee.start_date
    assert [r.accepted for r in records[1:]] == [True, False]
    with region_scope(fukutsu):
        assert OutcomeRecord.objects.count() == 0


def test_the_catch_up_follows_the_audit_log_and_refreshes_only_who_changed(
    koga: Region, cast: Cast, today: dt.date
) -> None:
    operator = cast.user("operator")
    with region_scope(koga):
        changed = made.participant(koga, applied_on=D(2026, 4, 1))
        unchanged = made.participant(koga, applied_on=D(2026, 4, 2))
        # No mark yet: the first catch-up rebuilds the region.
        assert outcome_records_catch_up(region=koga) == {"people": -1, "written": 2}
        assert outcome_records_catch_up(region=koga) == {"people": 0, "written": 0}
        career_outcome_record(
            participant_id=changed.pk,
            data=OutcomeInput(
                kind="employed_elsewhere",
                effective_on=D(2026, 11, 2),
                lives_in_region=True,
                employer="古賀製作所",
                employment_insured=True,
            ),
            actor=operator,
        )
        before = OutcomeRecord.objects.get(person_id=unchanged.person_id).refreshed_at
        assert outcome_records_catch_up(region=koga) == {"people": 1, "written": 1}
        record = OutcomeRecord.objects.get(person_id=changed.person_id)
        assert (record.outcome_kind, record.insured_employed_on) == (
            "employed_elsewhere",
            D(2026, 11, 2),
        )
        assert OutcomeRecord.objects.get(person_id=unchanged.person_id).refreshed_at == before
        mark = RefreshMark.objects.get()
        assert mark.last_audit_id == AuditEntry.objects.latest("id").pk
        # The summary says when the records last caught up.
        summary = selectors.impact_summary(
            region=koga,
            period=selectors.SummaryPeriod.fiscal_year(2026),
            reader=Reader(user_id=operator.pk, roles=frozenset({Role.OPERATOR})),
        )
        assert summary["period"]["refreshed_at"] == mark.refreshed_at.isoformat()
        assert summary["funnel"]["outcome"] == 1


def test_an_operator_says_why_someone_left_early_over_what_is_inferred(
    koga: Region, cast: Cast, today: dt.date
) -> None:
    operator = cast.user("operator")
    with region_scope(koga):
        who = made.participant(koga, applied_on=D(2026, 1, 5))
        made.enrolment(koga, who, start=D(2026, 2, 1), withdrawn_on=D(2026, 3, 10))
        outcome_record_refresh(region=koga, person_id=who.person_id)
        assert OutcomeRecord.objects.get().left_early_reason == "other"
        early_leaving_record(
            region=koga,
            application_id=who.application_id,
            reason="job",
            note="地元企業に就職（本人談）",
            actor=operator,
        )
        assert OutcomeRecord.objects.get().left_early_reason == "job"
        entry = AuditEntry.objects.get(action="early_leaving.record")
        assert entry.changes == {"application": who.application_id, "reason": [None, "job"]}
        with pytest.raises(ValidationError):
            early_leaving_record(
                region=koga, application_id=who.application_id, reason="bored", actor=operator
            )
