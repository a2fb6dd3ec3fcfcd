"""A project's and an assignment's shown status follows their dates: a project whose end date
has passed no longer reads 募集中, and an assignment starting next week does not read 参画中."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.projects.tests import factories

pytestmark = pytest.mark.usefixtures("minimum_wages")

DEC_3 = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def test_a_project_past_its_end_date_reads_ended(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        past = factories.project(
            koga,
            title="終わった案件",
            starts_on=dt.date(2026, 6, 1),
            ends_on=dt.date(2026, 9, 30),
        )
        running = factories.project(koga, title="進行中の案件")
    operator = Client()
    operator.force_login(cast.user("operator"))
    with clock.frozen_at(DEC_3):
        assert past.shown_status == "closed"
        assert running.shown_status == "open"
        page = operator.get(f"/r/koga/projects/{past.pk}/").content.decode()
    assert "募集中" not in page
    assert "badge--project-closed" in page


def test_an_assignment_before_its_start_date_is_not_yet_working(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        upcoming = factories.assignment(koga, starts_on=dt.date(2026, 12, 7))
        ended = factories.assignment(
            koga, on=upcoming.project, starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2026, 11, 30)
        )
    operator = Client()
    operator.force_login(cast.user("operator"))
    with clock.frozen_at(DEC_3):
        assert (upcoming.shown_status, ended.shown_status) == ("upcoming", "ended")
        page = operator.get(f"/r/koga/projects/{upcoming.project_id}/").content.decode()
        assert "参画予定" in page
        assert "参画中" not in page
    with clock.frozen_at(DEC_3 + dt.timedelta(days=4)):
        assert upcoming.shown_status == "active"


def test_a_refused_assignment_keeps_the_rate_typed(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        project = factories.project(koga, headcount=1)
        person = factories.trained_participant(koga)
    operator = Client()
    operator.force_login(cast.user("operator"))
    refused = operator.post(
        f"/r/koga/projects/{project.pk}/assign/",
        {
            "participant": person.pk,
            f"p{person.pk}-participant": person.pk,
            f"p{person.pk}-start_date": "2026-12-01",
            f"p{person.pk}-end_date": "2027-03-31",
            f"p{person.pk}-hourly_rate_jpy": "1001",
        },
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert 'value="1001"' in page
    assert "¥1,057" in page  # the reason, next to the rate
    assert '<details class="candidate__assign" open>' in page


def test_the_project_form_names_skills_not_codes(cast: Cast, koga: Region) -> None:
    factories.skill("rpa.uipath")
    operator = Client()
    operator.force_login(cast.user("operator"))
    page = operator.get("/r/koga/projects/new/").content.decode()
    assert ">UiPath<" in page
    assert ">rpa.uipath<" not in page
    assert "スキル1は必須" not in page
    assert "スキル1：必須にする" in page
    # The box is a choice: its label carries no "required" marker.
    label = page[page.index("スキル1：必須にする") :].split("</label>", 1)[0]
    assert "required-marker" not in label
