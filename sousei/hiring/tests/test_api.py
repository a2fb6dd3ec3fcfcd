"""The hiring API: public openings and applications (multipart with the CV), the pipeline,
moves, interviews, scorecard secrecy, offers and the candidate's answer; tenancy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast, bearer_client
from sousei.core.models import AuditEntry, Membership, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.hiring.models import Candidacy, Employee
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.tests.factories import (
    PDF,
    apply,
    media,  # noqa: F401 (fixture)
    opening,
    pdf,
    stored_files,
)
from sousei.training.models import Skill

pytestmark = pytest.mark.usefixtures("media")


def form(n: int = 1, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "family_name": "古賀",
        "given_name": f"学{n}",
        "family_name_kana": "コガ",
        "given_name_kana": "マナブ",
        "email": f"api{n}@example.jp",
        "phone": "09012345678",
        "postal_code": "8113101",
        "heard_via": "job_site",
        "consent_privacy_policy": "true",
        "graduation_year": "2027",
    }
    values.update(fields)
    return values


def test_anyone_lists_published_openings_and_operators_see_drafts(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        opening(koga, title="公開中")
        opening(koga, title="下書き", publish=False)
    public = Client().get("/api/v1/regions/koga/openings").json()
    assert [o["title"] for o in public] == ["公開中"]
    staff = bearer_client(cast.user("operator")).get("/api/v1/regions/koga/openings").json()
    assert {o["title"] for o in staff} == {"公開中", "下書き"}


def test_the_opening_list_reads_a_fixed_number_of_queries(
    koga: Region, django_assert_num_queries: Any
) -> None:
    Skill.objects.create(code="rpa.uipath", name_ja="UiPath", name_en="UiPath")
    with region_scope(koga):
        for n in range(5):
            opening(koga, title=f"求人 {n}", skills=[("rpa.uipath", 3)] if n % 2 else [])
    client = Client()
    with django_assert_num_queries(3):  # region, openings, their skills
        assert len(client.get("/api/v1/regions/koga/openings").json()) == 5


def test_an_application_with_a_pdf_is_created(koga: Region) -> None:
    with region_scope(koga):
        job = opening(koga)
    response = Client().post(
        f"/api/v1/regions/koga/openings/{job.pk}/applications", {**form(), "cv": pdf()}
    )
    assert response.status_code == 201, response.content
    assert response.json()["stage"] == "applied"
    assert len(stored_files()) == 1


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html>not a pdf</html>", "not_pdf"),
        (b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "too_large"),
    ],
)
def test_a_bad_cv_answers_422_and_stores_nothing(koga: Region, content: bytes, code: str) -> None:
    with region_scope(koga):
        job = opening(koga)
    response = Client().post(
        f"/api/v1/regions/koga/openings/{job.pk}/applications",
        {**form(), "cv": pdf("cv.pdf", content)},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "cv"
    assert body["errors"][0]["code"] == code
    assert body["detail_ja"]
    assert body["detail_en"]
    assert stored_files() == []
    with region_scope(koga):
        assert not Candidacy.objects.exists()


def test_applying_to_another_regions_opening_is_404(koga: Region, fukutsu: Region) -> None:
    with region_scope(fukutsu):
        job = opening(fukutsu)
    response = Client().post(
        f"/api/v1/regions/koga/openings/{job.pk}/applications", {**form(), "cv": pdf()}
    )
    assert response.status_code == 404


def test_a_move_to_an_unknown_stage_answers_422(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        candidacy = apply(opening(koga))
    client = bearer_client(cast.user("operator"))
    path = f"/api/v1/regions/koga/candidacies/{candidacy.pk}/move"
    bad = client.post(path, {"stage": "interview_7"}, content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "stage"
    no_reason = client.post(path, {"stage": "rejected"}, content_type="application/json")
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    ok = client.post(path, {"stage": "screening"}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["stage"] == "screening"
    assert [m["to_stage"] for m in ok.json()["history"]] == ["applied", "screening"]


def test_another_regions_candidacy_is_404(koga: Region, fukutsu: Region, cast: Cast) -> None:
    with region_scope(fukutsu):
        candidacy = apply(opening(fukutsu))
    client = bearer_client(cast.user("operator"))
    assert client.get(f"/api/v1/regions/koga/candidacies/{candidacy.pk}").status_code == 404
    assert client.get(f"/api/v1/regions/koga/candidacies/{candidacy.pk}/cv").status_code == 404


def test_the_cv_is_served_to_operators_only(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        candidacy = apply(opening(koga))
    path = f"/api/v1/regions/koga/candidacies/{candidacy.pk}/cv"
    response = bearer_client(cast.user("operator")).get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    with region_scope(koga):
        [read] = AuditEntry.objects.filter(action="candidacy.cv_read")
    assert read.actor == cast.user("operator")
    assert read.object_id == str(candidacy.pk)
    assert bearer_client(cast.user("candidate")).get(path).status_code == 403
    assert Client().get(path).status_code == 401


def test_the_pipeline_lists_a_stage_in_a_fixed_number_of_queries(
    koga: Region, cast: Cast, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        job = opening(koga)
        for n in range(6):
            apply(job, n)
    client = bearer_client(cast.user("operator"))
    # token, token touch, memberships, region, opening (+skills), stage counts, count, ids, rows
    with django_assert_num_queries(10):
        body = client.get(
            f"/api/v1/regions/koga/openings/{job.pk}/candidacies?stage=applied"
        ).json()
    assert body["count"] == 6


def test_scorecards_stay_hidden_until_the_interviewer_submits(koga: Region, cast: Cast) -> None:
    first, second = cast.user("operator"), UserFactory.create(username="operator2-koga")
    Membership.objects.create(region=koga, user=second, role="operator")
    with region_scope(koga):
        candidacy = apply(opening(koga))
    start = timezone.now() + dt.timedelta(days=2)
    one, two = bearer_client(first), bearer_client(second)
    created = one.post(
        f"/api/v1/regions/koga/candidacies/{candidacy.pk}/interviews",
        {
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "interviewer_ids": [first.pk, second.pk],
            "online_url": "https://meet.example.jp/abc",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    interview = created.json()["id"]
    card = {
        "skills_score": 4,
        "communication_score": 3,
        "motivation_score": 4,
        "remote_work_score": 4,
        "recommendation": "strong_yes",
    }
    assert (
        one.post(
            f"/api/v1/regions/koga/interviews/{interview}/scorecards",
            card,
            content_type="application/json",
        ).status_code
        == 201
    )
    listing = f"/api/v1/regions/koga/candidacies/{candidacy.pk}/scorecards"
    assert two.get(listing).json() == {"scorecards": [], "hidden": 1}
    assert (
        two.post(
            f"/api/v1/regions/koga/interviews/{interview}/scorecards",
            card | {"recommendation": "yes"},
            content_type="application/json",
        ).status_code
        == 201
    )
    assert len(two.get(listing).json()["scorecards"]) == 2
    # Not on the panel: refused.
    outsider = UserFactory.create(username="operator3-koga")
    Membership.objects.create(region=koga, user=outsider, role="operator")
    refused = bearer_client(outsider).post(
        f"/api/v1/regions/koga/interviews/{interview}/scorecards",
        card,
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_the_offer_is_approved_by_a_second_operator_and_accepted_by_the_candidate(
    koga: Region, cast: Cast
) -> None:
    candidate_user = cast.user("candidate")
    with region_scope(koga):
        candidacy = apply(opening(koga))
        Candidacy.objects.filter(pk=candidacy.pk).update(user=candidate_user)
        candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
    today = timezone.localdate()
    author = bearer_client(cast.user("operator"))
    drafted = author.post(
        f"/api/v1/regions/koga/candidacies/{candidacy.pk}/offers",
        {
            "salary_jpy": 4_200_000,
            "start_date": str(today + dt.timedelta(days=45)),
            "respond_by": str(today + dt.timedelta(days=10)),
        },
        content_type="application/json",
    )
    assert drafted.status_code == 201, drafted.content
    offer = drafted.json()["id"]
    assert author.post(f"/api/v1/regions/koga/offers/{offer}/approve").status_code == 409
    second = UserFactory.create(username="operator2-koga")
    Membership.objects.create(region=koga, user=second, role="operator")
    approved = bearer_client(second).post(f"/api/v1/regions/koga/offers/{offer}/approve")
    assert approved.json()["status"] == "approved"

    me = bearer_client(candidate_user)
    accepted = me.post(f"/api/v1/regions/koga/offers/{offer}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["employee_id"]
    again = me.post(f"/api/v1/regions/koga/offers/{offer}/accept")
    assert again.status_code == 409
    assert "already accepted" in again.json()["detail_en"]
    with region_scope(koga):
        assert Employee.objects.get().person == candidacy.person
