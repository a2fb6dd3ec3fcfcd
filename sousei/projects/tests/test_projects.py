"""Client projects, candidates, proposals and assignments: services, API and pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Cast, bearer_client
from sousei.careers.services import OutcomeInput, career_outcome_record
from sousei.core.models import Organization, Region, RegionOrganization
from sousei.core.scoping import region_scope
from sousei.core.services import region_create
from sousei.core.tests.factories import client_company
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.models import (
    Assignment,
    AssignmentProposal,
    ClientProject,
    ProjectStatus,
)
from sousei.projects.selectors.matching import project_candidates
from sousei.projects.services.projects import ProjectInput, project_create
from sousei.projects.tests import factories

pytestmark = pytest.mark.usefixtures("minimum_wages")


@pytest.fixture
def client_in_koga(koga: Region) -> Organization:
    company = client_company()
    with region_scope(koga):
        RegionOrganization.objects.get_or_create(region=koga, organization=company)
    return company


def project_payload(company: Organization, **changes: Any) -> dict[str, Any]:
    factories.skill("rpa.uipath")
    payload = {
        "client_id": company.pk,
        "title": "請求書処理の自動化",
        "description": "UiPath で請求書の入力を自動化する",
        "skills": [{"code": "rpa.uipath", "min_level": 2, "required": True}],
        "headcount": 2,
        "hours_per_week": 20,
        "start_date": "2026-12-01",
        "end_date": "2027-03-31",
        "hourly_rate_jpy": 1300,
    }
    return payload | changes


def test_an_operator_creates_a_project(cast: Cast, client_in_koga: Organization) -> None:
    api = bearer_client(cast.user("operator"))
    response = api.post(
        "/api/v1/regions/koga/projects",
        project_payload(client_in_koga),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["skills"] == [
        {"code": "rpa.uipath", "name": "UiPath", "min_level": 2, "required": True}
    ]
    assert body["staffed"] == 0
    assert body["status"] == "open"


def test_a_rate_below_the_minimum_wage_names_the_minimum_and_its_date(
    cast: Cast, client_in_koga: Organization, koga: Region
) -> None:
    api = bearer_client(cast.user("operator"))
    response = api.post(
        "/api/v1/regions/koga/projects",
        project_payload(client_in_koga, hourly_rate_jpy=1000),
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert "¥1,057" in body["detail_en"]
    # Dates read the way people write them, in each language; never ISO.
    assert "Sun 16 Nov 2025" in body["detail_en"]
    assert "最低賃金" in body["detail_ja"]
    assert "2025年11月16日(日)" in body["detail_ja"]
    assert "2025-11-16" not in body["detail_ja"] + body["detail_en"]
    assert body["errors"][0]["field"] == "hourly_rate_jpy"
    with region_scope(koga):
        assert not ClientProject.objects.exists()


@pytest.mark.parametrize("rate", [100_001, 2**31, 10**20])
def test_a_rate_past_the_maximum_is_refused_and_nothing_is_stored(
    cast: Cast, client_in_koga: Organization, koga: Region, rate: int
) -> None:
    """10^20 once overflowed the integer column: a 500 instead of a message."""
    api = bearer_client(cast.user("operator"))
    response = api.post(
        "/api/v1/regions/koga/projects",
        project_payload(client_in_koga, hourly_rate_jpy=rate),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "hourly_rate_jpy"
    with region_scope(koga):
        assert not ClientProject.objects.exists()


def test_a_page_refuses_a_rate_past_the_maximum(
    cast: Cast, client_in_koga: Organization, koga: Region
) -> None:
    page = Client()
    page.force_login(cast.user("operator"))
    form = {
        "client": client_in_koga.pk,
        "title": "データ入力",
        "headcount": 1,
        "hours_per_week": 10,
        "start_date": "2026-12-01",
        "end_date": "2027-01-31",
        "place": "remote",
        "hourly_rate_jpy": 100_001,
    }
    response = page.post("/r/koga/projects/new/", form)
    assert response.status_code == 422
    assert "¥100,000" in response.content.decode()
    with region_scope(koga):
        assert not ClientProject.objects.exists()


def test_the_minimum_wage_is_the_one_in_force_on_the_start_date(
    cast: Cast, client_in_koga: Organization
) -> None:
    """¥1,000 was above Fukuoka's ¥992 until 2025-11-15 and is below ¥1,057 from the 16th."""
    api = bearer_client(cast.user("operator"))
    before = project_payload(
        client_in_koga, hourly_rate_jpy=1000, start_date="2025-11-15", end_date="2025-12-31"
    )
    after = before | {"start_date": "2025-11-16"}
    ok = api.post("/api/v1/regions/koga/projects", before, content_type="application/json")
    refused = api.post("/api/v1/regions/koga/projects", after, content_type="application/json")
    assert ok.status_code == 201
    assert refused.status_code == 422


def test_bad_project_input_lists_every_problem(cast: Cast, client_in_koga: Organization) -> None:
    api = bearer_client(cast.user("operator"))
    response = api.post(
        "/api/v1/regions/koga/projects",
        project_payload(
            client_in_koga,
            title=" ",
            headcount=0,
            hours_per_week=50,
            start_date="2027-01-01",
            end_date="2026-12-01",
            skills=[{"code": "no.such", "min_level": 2}],
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"skills"}  # unknown codes are refused before anything else
    response = api.post(
        "/api/v1/regions/koga/projects",
        project_payload(
            client_in_koga,
            title=" ",
            headcount=0,
            hours_per_week=50,
            start_date="2027-01-01",
            end_date="2026-12-01",
        ),
        content_type="application/json",
    )
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"title", "headcount", "hours_per_week", "end_date"}


def test_a_client_sees_only_its_companys_projects(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        ours = factories.project(koga)
        other_company = Organization.objects.create(kind=Organization.Kind.CLIENT, name="他社")
        theirs = factories.project(koga, title="他社の案件", organization=other_company)
    api = bearer_client(cast.user("client"))
    listed = api.get("/api/v1/regions/koga/projects").json()
    assert [p["id"] for p in listed] == [ours.pk]
    assert api.get(f"/api/v1/regions/koga/projects/{theirs.pk}").status_code == 404
    assert api.get(f"/api/v1/regions/koga/projects/{ours.pk}").status_code == 200


def test_the_project_list_reads_a_fixed_number_of_queries(cast: Cast, koga: Region) -> None:
    api = bearer_client(cast.user("operator"))
    with region_scope(koga):
        factories.project(koga)
    api.get("/api/v1/regions/koga/projects")  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/regions/koga/projects")
    with region_scope(koga):
        for n in range(5):
            factories.project(
                koga,
                title=f"案件{n}",
                skills=(("rpa.uipath", 1, True), ("nocode.kintone", 2, False)),
            )
    with CaptureQueriesContext(connection) as many:
        assert len(api.get("/api/v1/regions/koga/projects").json()) == 6
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_candidates_are_ranked_with_reasons(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        project = factories.project(koga, skills=(("rpa.uipath", 3, True),))
        strong = factories.trained_participant(koga, skills={"rpa.uipath": 3})
        weak = factories.trained_participant(koga, skills={"rpa.uipath": 1})
        ParticipantFactory.create(region=koga)  # not trained: not a candidate
    api = bearer_client(cast.user("operator"))
    response = api.get(f"/api/v1/regions/koga/projects/{project.pk}/candidates?limit=20")
    assert response.status_code == 200
    ranked = response.json()
    assert [c["participant_id"] for c in ranked] == [strong.pk, weak.pk]
    best, second = ranked
    assert best["matched_skills"][0]["code"] == "rpa.uipath"
    assert best["missing_skills"] == []
    assert second["missing_skills"][0] | {} == {
        "code": "rpa.uipath",
        "name": "UiPath",
        "level": 1,
        "min_level": 3,
        "required": True,
        "certified": True,
    }
    assert "missing_required:rpa.uipath:3" in second["reasons"]
    assert best["score"] > second["score"]


def test_an_assignment_starts_pay_at_a_lawful_rate(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        project = factories.project(koga, headcount=1)
        person = factories.trained_participant(koga)
        other = factories.trained_participant(koga)
    api = bearer_client(cast.user("operator"))
    body = {
        "project_id": project.pk,
        "participant_id": person.pk,
        "start_date": "2026-12-01",
        "end_date": "2027-03-31",
        "hourly_rate_jpy": 1050,
    }
    low = api.post("/api/v1/regions/koga/assignments", body, content_type="application/json")
    assert low.status_code == 422
    assert "¥1,057" in low.json()["detail_en"]
    created = api.post(
        "/api/v1/regions/koga/assignments",
        body | {"hourly_rate_jpy": 1300},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["rates"] == [{"effective_from": "2026-12-01", "hourly_rate_jpy": 1300}]
    twice = api.post(
        "/api/v1/regions/koga/assignments",
        body | {"hourly_rate_jpy": 1300},
        content_type="application/json",
    )
    assert twice.status_code == 409
    full = api.post(
        "/api/v1/regions/koga/assignments",
        body | {"participant_id": other.pk, "hourly_rate_jpy": 1300},
        content_type="application/json",
    )
    assert full.status_code == 409
    assert "fully staffed" in full.json()["detail_en"]
    outside = api.post(
        "/api/v1/regions/koga/assignments",
        body | {"participant_id": other.pk, "start_date": "2026-11-01", "hourly_rate_jpy": 1300},
        content_type="application/json",
    )
    assert outside.status_code == 422
    # The project's dates read the Japanese way (and the English way), never as ISO dates.
    problem = str(outside.json())
    assert "2026年12月1日(火)" in problem
    assert "Tue 1 Dec 2026" in problem
    assert "2026-12-01" not in problem
    with region_scope(koga):
        assert Assignment.objects.count() == 1
        project.refresh_from_db()
        assert project.status == ProjectStatus.STAFFED


def test_a_participant_sees_their_own_assignment_only(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        mine = factories.assignment(koga)
        mine.participant.person.user = cast.user("participant")
        mine.participant.person.save(update_fields=["user"])
        someone_else = factories.assignment(koga, on=mine.project)
    api = bearer_client(cast.user("participant"))
    assert [a["id"] for a in api.get("/api/v1/regions/koga/assignments").json()] == [mine.pk]
    assert api.get(f"/api/v1/regions/koga/assignments/{someone_else.pk}").status_code == 404


def test_the_proposal_is_optimal_and_can_be_accepted_in_part(cast: Cast, koga: Region) -> None:
    """Greedy would put the all-rounder on the first project; the optimum spreads people."""
    with region_scope(koga):
        rpa = factories.project(koga, title="RPA", headcount=1, skills=(("rpa.uipath", 3, True),))
        kintone = factories.project(
            koga, title="kintone", headcount=1, skills=(("nocode.kintone", 3, True),)
        )
        both = factories.trained_participant(koga, skills={"rpa.uipath": 3, "nocode.kintone": 3})
        rpa_only = factories.trained_participant(koga, skills={"rpa.uipath": 3})
    api = bearer_client(cast.user("operator"))
    response = api.post("/api/v1/regions/koga/assignment-proposals")
    assert response.status_code == 201
    proposal = response.json()
    pairs = {(p["project_id"], p["participant_id"]) for p in proposal["pairs"]}
    assert pairs == {(rpa.pk, rpa_only.pk), (kintone.pk, both.pk)}
    assert proposal["total_score"] == sum(p["score"] for p in proposal["pairs"])
    accept = api.post(
        f"/api/v1/regions/koga/assignment-proposals/{proposal['id']}/accept",
        {"pairs": [{"project_id": kintone.pk, "participant_id": both.pk}]},
        content_type="application/json",
    )
    assert accept.status_code == 200, accept.content
    assert len(accept.json()["assignment_ids"]) == 1
    again = api.post(
        f"/api/v1/regions/koga/assignment-proposals/{proposal['id']}/accept",
        {},
        content_type="application/json",
    )
    assert again.status_code == 409
    with region_scope(koga):
        assert AssignmentProposal.objects.get().status == "partly_accepted"
        assert list(Assignment.objects.values_list("participant_id", flat=True)) == [both.pk]


def test_accepting_a_pair_not_in_the_proposal_stores_nothing(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        project = factories.project(koga, headcount=1)
        factories.trained_participant(koga)
    api = bearer_client(cast.user("operator"))
    proposal = api.post("/api/v1/regions/koga/assignment-proposals").json()
    response = api.post(
        f"/api/v1/regions/koga/assignment-proposals/{proposal['id']}/accept",
        {"pairs": [{"project_id": project.pk, "participant_id": 999999}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    with region_scope(koga):
        assert not Assignment.objects.exists()


def test_pages_show_projects_candidates_and_the_proposal(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        project = factories.project(koga, headcount=1)
        person = factories.trained_participant(koga)
    browser = Client()
    browser.force_login(cast.user("operator"))
    listing = browser.get("/r/koga/projects/")
    assert project.title in listing.content.decode()
    detail = browser.get(f"/r/koga/projects/{project.pk}/").content.decode()
    assert person.person.family_name in detail
    assigned = browser.post(
        f"/r/koga/projects/{project.pk}/assign/",
        {
            "participant": person.pk,
            f"p{person.pk}-participant": person.pk,
            f"p{person.pk}-start_date": "2026-12-01",
            f"p{person.pk}-end_date": "2027-03-31",
            f"p{person.pk}-hourly_rate_jpy": "1300",
        },
    )
    assert assigned.status_code == 302
    with region_scope(koga):
        assert Assignment.objects.filter(project=project, participant=person).exists()
    made = browser.post("/r/koga/staffing/proposal/")
    assert made.status_code == 302
    page = browser.get("/r/koga/staffing/proposal/")
    assert page.status_code == 200


def test_the_new_project_form_refuses_a_rate_below_the_minimum(
    cast: Cast, koga: Region, client_in_koga: Organization
) -> None:
    factories.skill("rpa.uipath")
    browser = Client()
    browser.force_login(cast.user("operator"))
    response = browser.post(
        "/r/koga/projects/new/",
        {
            "client": client_in_koga.pk,
            "title": "データ入力",
            "headcount": 1,
            "hours_per_week": 10,
            "start_date": "2026-12-01",
            "end_date": "2027-01-31",
            "place": "remote",
            "hourly_rate_jpy": 900,
        },
    )
    assert response.status_code == 422
    assert "¥1,057" in response.content.decode()
    with region_scope(koga):
        assert not ClientProject.objects.exists()
    created = browser.post(
        "/r/koga/projects/new/",
        {
            "client": client_in_koga.pk,
            "title": "データ入力",
            "headcount": 1,
            "hours_per_week": 10,
            "start_date": "2026-12-01",
            "end_date": "2027-01-31",
            "place": "remote",
            "hourly_rate_jpy": 1100,
            "skill_1": factories.skill("rpa.uipath").pk,
            "level_1": "2",
            "required_1": "on",
        },
    )
    assert created.status_code == 302


def test_the_project_pages_read_a_fixed_number_of_queries(cast: Cast, koga: Region) -> None:
    browser = Client()
    browser.force_login(cast.user("operator"))
    with region_scope(koga):
        first = factories.project(koga)
        factories.trained_participant(koga)
        factories.assignment(koga, on=first)
    browser.get("/r/koga/projects/")
    with CaptureQueriesContext(connection) as few:
        browser.get("/r/koga/projects/")
    with CaptureQueriesContext(connection) as few_detail:
        browser.get(f"/r/koga/projects/{first.pk}/")
    with region_scope(koga):
        for n in range(4):
            factories.project(koga, title=f"案件{n}")
            factories.trained_participant(koga, skills={"rpa.uipath": 1 + n % 4})
            factories.assignment(koga, on=first)
    with CaptureQueriesContext(connection) as many:
        browser.get("/r/koga/projects/")
    with CaptureQueriesContext(connection) as many_detail:
        browser.get(f"/r/koga/projects/{first.pk}/")
    assert len(many) == len(few)
    assert len(many_detail) == len(few_detail)


def test_a_client_sees_the_people_but_not_the_candidates(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        project = factories.project(koga)
        candidate = factories.trained_participant(koga)
        on_it = factories.assignment(koga, on=project)
    browser = Client()
    browser.force_login(cast.user("client"))
    page = browser.get(f"/r/koga/projects/{project.pk}/").content.decode()
    assert on_it.participant.person.family_name in page
    assert candidate.person.family_name + " " + candidate.person.given_name not in page
    assert browser.get("/r/koga/staffing/proposal/").status_code == 403
    dashboard = browser.get("/r/koga/dashboard/").content.decode()
    assert project.title in dashboard


def test_someone_who_moved_away_no_longer_counts_as_resident(cast: Cast, koga: Region) -> None:
    """Residence comes from the current career outcome once there is one (people move)."""
    with region_scope(koga):
        project = factories.project(koga)
        moved = factories.trained_participant(koga)
        stayed = factories.trained_participant(koga)
        career_outcome_record(
            participant_id=moved.pk,
            data=OutcomeInput(
                kind="employed_elsewhere",
                effective_on=dt.date(2026, 10, 1),
                lives_in_region=False,
                municipality_code="13101",
                employer="株式会社東京データ",
            ),
            actor=cast.user("operator"),
        )
    with region_scope(koga):
        project = ClientProject.objects.prefetch_related("skills").get(pk=project.pk)
        ranked = {
            c.participant_id: c
            for c in project_candidates(region=koga, project=project, include_gone=True)
        }
    assert ranked[stayed.pk].resident is True
    assert ranked[moved.pk].resident is False
    assert "non_resident" in ranked[moved.pk].reasons
    assert ranked[stayed.pk].score > ranked[moved.pk].score


def test_people_who_left_moved_or_work_elsewhere_are_not_proposed_unless_asked(
    cast: Cast, koga: Region
) -> None:
    with region_scope(koga):
        project = factories.project(koga)
        stayed = factories.trained_participant(koga)
        gone = {}
        for kind, lives_here in (
            ("left_program", True),
            ("employed_elsewhere", True),
            ("continue_projects", False),  # moved away
        ):
            gone[kind] = factories.trained_participant(koga)
            career_outcome_record(
                participant_id=gone[kind].pk,
                data=OutcomeInput(
                    kind=kind,
                    effective_on=dt.date(2026, 10, 1),
                    lives_in_region=lives_here,
                    municipality_code="40223" if lives_here else "13101",
                    employer="株式会社東京データ" if kind == "employed_elsewhere" else "",
                ),
                actor=cast.user("operator"),
            )
    api = bearer_client(cast.user("operator"))
    listed = api.get(f"/api/v1/regions/koga/projects/{project.pk}/candidates").json()
    assert [c["participant_id"] for c in listed] == [stayed.pk]
    listed = api.get(
        f"/api/v1/regions/koga/projects/{project.pk}/candidates?include_gone=true"
    ).json()
    assert {p.pk for p in gone.values()} <= {c["participant_id"] for c in listed}
    operator = Client()
    operator.force_login(cast.user("operator"))
    page = operator.get(f"/r/koga/projects/{project.pk}/").content.decode()
    assert f'name="p{stayed.pk}-participant"' in page
    assert not any(f'name="p{p.pk}-participant"' in page for p in gone.values())
    everyone = operator.get(f"/r/koga/projects/{project.pk}/?include=gone").content.decode()
    assert all(f'name="p{p.pk}-participant"' in everyone for p in gone.values())
    operator.post("/r/koga/staffing/proposal/")
    with region_scope(koga):
        proposed = set(
            AssignmentProposal.objects.get(status="open").pairs.values_list(
                "participant_id", flat=True
            )
        )
    assert proposed == {stayed.pk}
    operator.post("/r/koga/staffing/proposal/", {"include": "gone"})
    with region_scope(koga):
        proposed = set(
            AssignmentProposal.objects.get(status="open").pairs.values_list(
                "participant_id", flat=True
            )
        )
    assert set(p.pk for p in gone.values()) & proposed
    made = api.post("/api/v1/regions/koga/assignment-proposals?include_gone=true").json()
    assert {p.pk for p in gone.values()} & {pair["participant_id"] for pair in made["pairs"]}


def test_a_tokyo_project_below_the_minimum_in_force_is_refused_naming_amount_and_date() -> None:
    """東京都: ¥1,163 from 2024-10-01, ¥1,226 from 2025-10-03 (MHLW 地域別最低賃金の全国一覧)."""

    chiyoda = region_create(code="13101")
    company = client_company()
    operator = User.objects.create_user("tokyo-operator")
    with region_scope(chiyoda):
        RegionOrganization.objects.create(region=chiyoda, organization=company)

        def attempt(starts_on: dt.date) -> None:
            data = ProjectInput(
                client_id=company.pk,
                title="データ入力",
                headcount=1,
                hours_per_week=10,
                starts_on=starts_on,
                ends_on=starts_on + dt.timedelta(days=60),
                hourly_rate_jpy=1200,
            )
            project_create(region=chiyoda, data=data, actor=operator)

        attempt(dt.date(2025, 10, 2))  # ¥1,200 ≥ ¥1,163
        with pytest.raises(ValidationError) as caught:
            attempt(dt.date(2025, 10, 3))
        message = " ".join(caught.value.messages)
        assert "¥1,226" in message
        assert "2025年10月3日" in message
        assert "東京都" in message
        assert ClientProject.objects.count() == 1


def test_the_project_pages_give_hours_and_people_their_units(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        project = factories.project(
            koga, title="経費精算フローの自動化（Power Automate Desktop）", hours_per_week=15
        )
    browser = Client()
    browser.force_login(cast.user("operator"))
    for url in ("/r/koga/projects/", f"/r/koga/projects/{project.pk}/"):
        page = browser.get(url).content.decode()
        assert "15時間" in page, url
        assert "0 / 2人" in page, url
    # On the dashboard a long title takes its own line, the bar and the count below it.
    dashboard = browser.get("/r/koga/dashboard/").content.decode()
    assert 'class="bars bars--stacked" aria-label=' in dashboard
