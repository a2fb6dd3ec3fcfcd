"""Time records: each validation rule refuses with a message and stores nothing; weeks are
submitted, approved or returned; paid months are locked and corrected by adjusting records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from conftest import Cast, bearer_client
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.services import minimum_wages_load
from sousei.core.tests.factories import client_company
from sousei.projects.models import Assignment
from sousei.projects.tests import factories
from sousei.work.models.timesheets import RecordStatus, TimeBreak, TimeRecord, WeekReview
from sousei.work.services import timesheets as services

# A week in the past (Sunday-start pay weeks): Sun 2025-12-07 … Sat 12-13.
WEEK = dt.date(2025, 12, 7)
MONDAY = dt.date(2025, 12, 8)


def t(clock: str) -> dt.time:
    return dt.time.fromisoformat(clock)


def day(
    date: dt.date,
    start: str = "09:00",
    end: str = "18:00",
    *breaks: tuple[str, str],
    next_day: bool = False,
    note: str = "",
) -> services.DayInput:
    if not breaks and not next_day:
        breaks = (("12:00", "13:00"),)
    return services.DayInput(
        date=date,
        start=t(start),
        end=t(end),
        ends_next_day=next_day,
        breaks=tuple((t(a), t(b)) for a, b in breaks),
        note=note,
    )


def own_assignment(region: Region, cast: Cast, **kwargs: object) -> Assignment:
    """An assignment of Koga's cast participant from 2025-10-01 to 2026-03-31."""
    with region_scope(region):
        made = factories.assignment(
            region,
            starts_on=dt.date(2025, 10, 1),
            ends_on=dt.date(2026, 3, 31),
            **kwargs,  # type: ignore[arg-type]
        )
        person = made.participant.person
        person.user = cast.user("participant", region.slug)
        person.save(update_fields=["user"])
    return made


@pytest.fixture
def wages(db: None) -> None:
    minimum_wages_load()


def errors_of(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    """The messages per field, in English (the msgids)."""
    with translation.override("en"):
        return {f: [str(m) for m in msgs] for f, msgs in caught.value.message_dict.items()}


def test_it_records_a_day_with_breaks(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        record = services.time_record_create(
            assignment=assignment,
            data=day(MONDAY, "09:00", "18:30", ("12:00", "13:00"), ("15:00", "15:15")),
            actor=cast.user("participant"),
        )
        assert record.status == RecordStatus.DRAFT
        assert record.worked_minutes == 9 * 60 + 30 - 75
        assert record.break_minutes == 75
        assert record.week_start == WEEK
        assert TimeBreak.objects.filter(record=record).count() == 2
        entry = AuditEntry.objects.get(action="time_record.create")
        assert entry.changes["on_behalf"] is False


def test_an_operator_records_on_behalf_and_it_is_audited(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        services.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=cast.user("operator")
        )
        entry = AuditEntry.objects.get(action="time_record.create")
    assert entry.actor == cast.user("operator")
    assert entry.changes["on_behalf"] is True


def test_a_shift_may_end_after_midnight(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        record = services.time_record_create(
            assignment=assignment,
            data=day(MONDAY, "18:00", "02:00", ("22:00", "22:45"), next_day=True),
            actor=cast.user("participant"),
        )
    assert record.date == MONDAY
    assert record.end.astimezone(dt.UTC) == dt.datetime(2025, 12, 8, 17, 0, tzinfo=dt.UTC)
    assert record.worked_minutes == 8 * 60 - 45


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (day(MONDAY, "18:00", "09:00"), "end", "after the start"),
        (day(MONDAY, "09:00", "12:00", ("08:00", "09:30")), "breaks", "between the day's start"),
        (
            day(MONDAY, "09:00", "18:00", ("12:00", "13:00"), ("12:30", "13:30")),
            "breaks",
            "overlap",
        ),
        # 7 h worked with a 30-minute break: art. 34 wants 45 minutes.
        (day(MONDAY, "09:00", "16:30", ("12:00", "12:30")), "breaks", "at least 45 minutes"),
        # 8 h 15 min worked with 45 minutes: more than 8 h wants an hour.
        (day(MONDAY, "09:00", "18:00", ("12:00", "12:45")), "breaks", "at least 60 minutes"),
        (day(dt.date(2025, 9, 30)), "date", "outside the assignment"),
        (day(dt.date(2030, 1, 7)), "date", "outside the assignment"),
    ],
)
def test_invalid_days_are_refused_and_nothing_is_stored(
    koga: Region, cast: Cast, data: services.DayInput, field: str, words: str
) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga), pytest.raises(ValidationError) as caught:
        services.time_record_create(
            assignment=assignment, data=data, actor=cast.user("participant")
        )
    assert words in " ".join(errors_of(caught)[field])
    with region_scope(koga):
        assert not TimeRecord.objects.exists()


def test_the_break_minimum_starts_above_six_and_eight_hours(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        # exactly 6 h without a break, exactly 8 h with 45 minutes: both lawful
        services.time_record_create(
            assignment=assignment,
            data=services.DayInput(date=MONDAY, start=t("09:00"), end=t("15:00")),
            actor=cast.user("participant"),
        )
        services.time_record_create(
            assignment=assignment,
            data=day(MONDAY + dt.timedelta(days=1), "09:00", "17:45", ("12:00", "12:45")),
            actor=cast.user("participant"),
        )
        assert TimeRecord.objects.count() == 2


def test_a_record_in_the_future_is_refused(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        assignment = factories.assignment(
            koga, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2099, 12, 31)
        )
        with pytest.raises(ValidationError) as caught:
            services.time_record_create(
                assignment=assignment, data=day(dt.date(2098, 6, 2)), actor=cast.user("operator")
            )
    assert "future" in " ".join(errors_of(caught)["end"])


def test_records_of_one_person_may_not_overlap_across_assignments(koga: Region, cast: Cast) -> None:
    first = own_assignment(koga, cast)
    with region_scope(koga):
        second = factories.assignment(
            koga,
            participant=first.participant,
            starts_on=dt.date(2025, 10, 1),
            ends_on=dt.date(2026, 3, 31),
        )
        services.time_record_create(
            assignment=first, data=day(MONDAY), actor=cast.user("participant")
        )
        with pytest.raises(ValidationError) as caught:
            services.time_record_create(
                assignment=second,
                data=day(MONDAY, "17:00", "20:00", ("18:00", "18:15")),
                actor=cast.user("participant"),
            )
        assert "overlaps" in " ".join(errors_of(caught)["start"])
        # Back to back is fine; another person at the same time too.
        services.time_record_create(
            assignment=second,
            data=day(MONDAY, "18:00", "20:00", ("19:00", "19:10")),
            actor=cast.user("participant"),
        )
        other = factories.assignment(
            koga, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2026, 3, 31)
        )
        services.time_record_create(assignment=other, data=day(MONDAY), actor=cast.user("operator"))


def test_a_week_is_submitted_returned_fixed_and_approved(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    participant, client = cast.user("participant"), cast.user("client")
    with region_scope(koga):
        record = services.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=participant
        )
        services.week_submit(assignment=assignment, week_start=WEEK, actor=participant)
        record.refresh_from_db()
        assert record.status == RecordStatus.SUBMITTED
        # A submitted week cannot change.
        with pytest.raises(ValidationError) as caught:
            services.time_record_create(
                assignment=assignment, data=day(MONDAY + dt.timedelta(days=1)), actor=participant
            )
        assert "submitted or approved" in " ".join(errors_of(caught)["date"])
        with pytest.raises(Conflict):
            services.week_submit(assignment=assignment, week_start=WEEK, actor=participant)
        # Returning needs a comment.
        with pytest.raises(ValidationError):
            services.week_return(assignment=assignment, week_start=WEEK, comment=" ", actor=client)
        services.week_return(
            assignment=assignment,
            week_start=WEEK,
            comment="月曜の休憩を確認してください",
            actor=client,
        )
        record.refresh_from_db()
        assert record.status == RecordStatus.RETURNED
        # Returned: editable again.
        services.time_record_delete(record=record, actor=participant)
        services.time_record_create(
            assignment=assignment, data=day(MONDAY, "09:00", "17:00"), actor=participant
        )
        review = services.week_submit(assignment=assignment, week_start=WEEK, actor=participant)
        assert review.status == "submitted"
        services.week_approve(assignment=assignment, week_start=WEEK, actor=client)
        assert set(TimeRecord.objects.values_list("status", flat=True)) == {"approved"}
        with pytest.raises(Conflict):
            services.week_approve(assignment=assignment, week_start=WEEK, actor=client)
        actions = list(
            AuditEntry.objects.filter(action__startswith="week.")
            .order_by("id")
            .values_list("action", flat=True)
        )
    assert actions == ["week.submit", "week.return", "week.submit", "week.approve"]


def test_weeks_start_on_the_regions_day(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        services.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=cast.user("participant")
        )
        with pytest.raises(ValidationError) as caught:
            services.week_submit(
                assignment=assignment, week_start=MONDAY, actor=cast.user("participant")
            )
    assert "first day of a pay week" in " ".join(errors_of(caught)["week_start"])
    koga.pay_week_start = 0
    koga.save(update_fields=["pay_week_start"])
    with region_scope(koga):
        assert services.week_start_of(dt.date(2025, 12, 14), koga) == MONDAY


def test_an_empty_week_cannot_be_submitted(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga), pytest.raises(ValidationError):
        services.week_submit(assignment=assignment, week_start=WEEK, actor=cast.user("operator"))
    with region_scope(koga):
        assert not WeekReview.objects.exists()


# --- API ---------------------------------------------------------------------------------


def test_api_records_a_day_and_answers_422_with_the_reason(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    api = bearer_client(cast.user("participant"))
    url = f"/api/v1/regions/koga/assignments/{assignment.pk}/time-records"
    body = {
        "date": "2025-12-08",
        "start": "09:00",
        "end": "18:00",
        "breaks": [{"start": "12:00", "end": "13:00"}],
        "note": "請求書の照合",
    }
    created = api.post(url, body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["worked_minutes"] == 480
    assert created.json()["breaks"][0]["start"].startswith("2025-12-08T12:00")
    short_break = {**body, "date": "2025-12-09", "breaks": [{"start": "12:00", "end": "12:30"}]}
    refused = api.post(url, short_break, content_type="application/json")
    assert refused.status_code == 422
    payload = refused.json()
    assert payload["errors"][0]["field"] == "breaks"
    assert "労働基準法" in payload["detail_ja"]
    assert "Labor Standards Act art. 34" in payload["detail_en"]
    listed = api.get(f"{url}?week=2025-12-10")
    assert [r["date"] for r in listed.json()] == ["2025-12-08"]
    month = api.get(f"{url}?month=2025-12")
    assert len(month.json()) == 1


def test_api_submit_then_the_client_approves(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    with region_scope(koga):
        services.time_record_create(
            assignment=assignment, data=day(MONDAY), actor=cast.user("participant")
        )
    base = f"/api/v1/regions/koga/assignments/{assignment.pk}/time-records"
    participant = bearer_client(cast.user("participant"))
    submitted = participant.post(
        f"{base}/submit", {"week_start": "2025-12-07"}, content_type="application/json"
    )
    assert submitted.status_code == 200, submitted.content
    client = bearer_client(cast.user("client"))
    waiting = client.get("/api/v1/regions/koga/weeks-to-approve").json()
    assert [(w["assignment_id"], w["worked_minutes"]) for w in waiting] == [(assignment.pk, 480)]
    # The participant may not approve their own week.
    assert (
        participant.post(
            f"{base}/approve", {"week_start": "2025-12-07"}, content_type="application/json"
        ).status_code
        == 403
    )
    approved = client.post(
        f"{base}/approve", {"week_start": "2025-12-07"}, content_type="application/json"
    )
    assert approved.json()["status"] == "approved"
    again = client.post(
        f"{base}/approve", {"week_start": "2025-12-07"}, content_type="application/json"
    )
    assert again.status_code == 409


def test_a_client_of_another_company_does_not_see_the_week(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        foreign = factories.project(koga, organization=client_company("株式会社ほかの会社"))
        assignment = factories.assignment(
            koga, on=foreign, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2026, 3, 31)
        )
    response = bearer_client(cast.user("client")).post(
        f"/api/v1/regions/koga/assignments/{assignment.pk}/time-records/approve",
        {"week_start": "2025-12-07"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_weeks_to_approve_take_the_same_queries_for_many_weeks(koga: Region, cast: Cast) -> None:
    def add_weeks(n: int) -> None:
        with region_scope(koga):
            for _ in range(n):
                a = factories.assignment(
                    koga, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2026, 3, 31)
                )
                services.time_record_create(
                    assignment=a, data=day(MONDAY), actor=cast.user("operator")
                )
                services.week_submit(assignment=a, week_start=WEEK, actor=cast.user("operator"))

    api = bearer_client(cast.user("operator"))

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert api.get("/api/v1/regions/koga/weeks-to-approve").status_code == 200
        return len(captured)

    add_weeks(1)
    count()  # the token's first use is written once
    few = count()
    add_weeks(5)
    assert count() == few


def test_pages_record_and_submit_a_week(koga: Region, cast: Cast) -> None:
    assignment = own_assignment(koga, cast)
    browser = Client()
    browser.force_login(cast.user("participant"))
    url = f"/r/koga/work/{assignment.pk}/"
    page = browser.get(f"{url}?week=2025-12-08")
    assert page.status_code == 200
    form = {
        "date": "2025-12-08",
        "start": "09:00",
        "end": "18:00",
        "break1_start": "12:00",
        "break1_end": "12:30",
    }
    refused = browser.post(url, form)
    assert refused.status_code == 422
    assert "45" in refused.content.decode() or "60" in refused.content.decode()
    form["break1_end"] = "13:00"
    assert browser.post(url, form).status_code == 302
    submitted = browser.post(f"{url}submit/", {"week_start": "2025-12-07"})
    assert submitted.status_code == 302
    with region_scope(koga):
        assert WeekReview.objects.get().status == "submitted"
    approver = Client()
    approver.force_login(cast.user("client"))
    assert approver.get("/r/koga/approvals/").status_code == 200
    review = approver.get(f"/r/koga/approvals/{assignment.pk}/?week=2025-12-07")
    assert review.status_code == 200
    assert (
        approver.post(
            f"/r/koga/approvals/{assignment.pk}/return/",
            {"week_start": "2025-12-07", "comment": ""},
        ).status_code
        == 422
    )
    assert (
        approver.post(
            f"/r/koga/approvals/{assignment.pk}/approve/", {"week_start": "2025-12-07"}
        ).status_code
        == 302
    )
    with region_scope(koga):
        assert WeekReview.objects.get().status == "approved"
