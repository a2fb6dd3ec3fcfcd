"""A client's approval of a week and a completed pay run tell the domain event subscribers."""

from __future__ import annotations

import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.events import events_recorded, of_kind
from sousei.work.models.timesheets import WeekReview
from sousei.work.services import payroll
from sousei.work.tests.test_payroll import december

pytestmark = pytest.mark.usefixtures("minimum_wages")


def test_approving_a_week_publishes_week_approved(
    koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    assignment = december(koga, cast)
    events = of_kind(published, "week.approved")
    with region_scope(koga):
        reviews = list(WeekReview.objects.order_by("week_start"))
    assert [e.payload["week_review_id"] for e in events] == [r.pk for r in reviews]
    assert events[0].payload == {
        "week_review_id": reviews[0].pk,
        "assignment_id": assignment.pk,
        "participant_id": assignment.participant_id,
        "week_start": reviews[0].week_start.isoformat(),
        "records": events[0].payload["records"],
        "status": "approved",
    }
    assert events[0].payload["records"] > 0


def test_completing_a_pay_run_publishes_payrun_completed(
    koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    december(koga, cast)
    operator = cast.user("operator")
    with region_scope(koga):
        run = payroll.pay_run_create(region=koga, month="2025-12", actor=operator)
        assert not of_kind(published, "payrun.completed")
        payroll.pay_run_complete(run=run, actor=operator)
        # Completing it again changes nothing and tells nobody.
        payroll.pay_run_complete(run=run, actor=operator)
    [event] = of_kind(published, "payrun.completed")
    assert event.payload == {
        "payrun_id": run.pk,
        "month": "2025-12",
        "statements": 1,
        "records_locked": 8,
        "status": "completed",
    }
