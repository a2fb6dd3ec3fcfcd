"""Hiring pages: the public jobs pages and application form, the operators' pipeline and
candidacy pages, the offer link, a candidate's own applications; query counts; tenancy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.hiring.links import offer_token
from sousei.hiring.models import Candidacy, Employee
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import OfferInput, offer_approve, offer_draft
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
    pdf,
    stored_files,
)

pytestmark = pytest.mark.usefixtures("media")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def application_form(**fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "family_name": "古賀",
        "given_name": "花子",
        "family_name_kana": "こが",
        "given_name_kana": "はなこ",
        "email": "hanako@example.jp",
        "phone": "090-1234-5678",
        "postal_code": "811-3101",
        "desired_residence": "in_region",
        "graduation_year": "2027",
        "heard_via": "event",
        "consent": "on",
        "cv": pdf(),
    }
    values.update(fields)
    return values


def test_the_public_jobs_pages_show_published_openings_only(koga: Region) -> None:
    with region_scope(koga):
        shown = opening(koga, title="公開中の求人")
        hidden = opening(koga, title="下書きの求人", publish=False)
    client = Client()
    listing = client.get("/r/koga/jobs/").content.decode()
    assert "公開中の求人" in listing
    assert "下書きの求人" not in listing
    assert client.get(f"/r/koga/jobs/{shown.pk}/").status_code == 200
    assert client.get(f"/r/koga/jobs/{hidden.pk}/").status_code == 404


def test_a_candidate_applies_with_a_pdf_and_sees_the_receipt(koga: Region) -> None:
    with region_scope(koga):
        job = opening(koga)
    client = Client()
    form = client.get(f"/r/koga/jobs/{job.pk}/apply/").content.decode()
    assert 'enctype="multipart/form-data"' in form
    assert "個人情報保護法" in form
    response = client.post(f"/r/koga/jobs/{job.pk}/apply/", application_form())
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert len(stored_files()) == 1


def test_a_file_that_is_not_a_pdf_is_explained_next_to_the_field(koga: Region) -> None:
    with region_scope(koga):
        job = opening(koga)
    response = Client().post(
        f"/r/koga/jobs/{job.pk}/apply/",
        application_form(cv=pdf("cv.pdf", b"GIF89a not a pdf")),
    )
    assert response.status_code == 422
    assert 'id="cv-errors"' in response.content.decode()
    assert "PDF" in response.content.decode()
    assert stored_files() == []


def test_the_opening_list_and_pipeline_read_a_fixed_number_of_queries(
    koga: Region, cast: Cast, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        job = opening(koga)
        for n in range(4):
            opening(koga, title=f"求人 {n}")
        for n in range(6):
            apply(job, n)
    client = signed_in(cast.user("operator"))
    client.get("/r/koga/hiring/openings/")  # warm the session
    with django_assert_num_queries(6):
        assert client.get("/r/koga/hiring/openings/").status_code == 200
    with django_assert_num_queries(12):
        page = client.get(f"/r/koga/hiring/openings/{job.pk}/?stage=applied")
    assert page.status_code == 200
    assert page.content.decode().count("/hiring/candidacies/") == 6


def test_a_candidacy_page_hides_the_panels_scorecards_until_yours_is_in(
    koga: Region, cast: Cast
) -> None:
    from sousei.core.models import Membership
    from sousei.hiring.services.offers import (
        InterviewInput,
        ScorecardInput,
        interview_schedule,
        scorecard_submit,
    )

    first = cast.user("operator")
    second = UserFactory.create(username="operator2-koga")
    Membership.objects.create(region=koga, user=second, role="operator")
    with region_scope(koga):
        candidacy = apply(opening(koga))
        start = timezone.now() + dt.timedelta(days=1)
        interview = interview_schedule(
            candidacy_id=candidacy.pk,
            data=InterviewInput(
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
                interviewer_ids=[first.pk, second.pk],
                place="快生館",
            ),
            actor=first,
        )
        scorecard_submit(
            interview_id=interview.pk,
            data=ScorecardInput(
                scores={"skills": 4, "communication": 4, "motivation": 4, "remote_work": 4},
                recommendation="strong_yes",
                summary="秘密の評価メモ",
            ),
            actor=first,
        )
    page = signed_in(second).get(f"/r/koga/hiring/candidacies/{candidacy.pk}/").content.decode()
    assert "秘密の評価メモ" not in page
    assert f"/hiring/interviews/{interview.pk}/scorecard/" in page
    response = signed_in(second).post(
        f"/r/koga/hiring/interviews/{interview.pk}/scorecard/",
        {
            "skills_score": "3",
            "communication_score": "3",
            "motivation_score": "4",
            "remote_work_score": "3",
            "recommendation": "yes",
        },
    )
    assert response.status_code == 302
    page = signed_in(second).get(f"/r/koga/hiring/candidacies/{candidacy.pk}/").content.decode()
    assert "秘密の評価メモ" in page


def test_the_cv_page_serves_the_pdf_to_operators_and_404s_another_regions(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    with region_scope(koga):
        mine = apply(opening(koga))
    with region_scope(fukutsu):
        theirs = apply(opening(fukutsu))
    client = signed_in(cast.user("operator"))
    response = client.get(f"/r/koga/hiring/candidacies/{mine.pk}/cv.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"/r/koga/hiring/candidacies/{theirs.pk}/cv.pdf").status_code == 404
    with region_scope(koga):
        [read] = AuditEntry.objects.filter(action="candidacy.cv_read")
    assert read.actor == cast.user("operator")
    assert (read.object_type, read.object_id) == ("hiring.candidacy", str(mine.pk))


def test_the_candidate_accepts_the_offer_through_the_link_in_the_mail(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    with region_scope(koga):
        candidacy = apply(opening(koga))
        candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
        today = timezone.localdate()
        offer = offer_draft(
            candidacy_id=candidacy.pk,
            data=OfferInput(
                salary_jpy=4_000_000,
                start_date=today + dt.timedelta(days=30),
                respond_by=today + dt.timedelta(days=7),
            ),
            actor=cast.user("operator"),
        )
    draft_link = f"/r/koga/jobs/offer/{offer_token(offer=offer)}/"
    assert Client().get(draft_link).status_code == 404  # not sent yet
    with region_scope(koga):
        offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    token = offer_token(offer=offer)
    client = Client()
    assert "¥4,000,000" in client.get(f"/r/koga/jobs/offer/{token}/").content.decode()
    # The same token under another region's address, or a forged one, finds nothing.
    assert client.get(f"/r/fukutsu/jobs/offer/{token}/").status_code == 404
    assert client.get(f"/r/koga/jobs/offer/{token[:-2]}xx/").status_code == 404
    # The first press asks to confirm, and nothing is answered yet.
    asked = client.post(f"/r/koga/jobs/offer/{token}/", {"decision": "accept"})
    assert asked.status_code == 200
    assert 'name="confirmed" value="yes"' in asked.content.decode()
    assert "この内定を承諾しますか" in asked.content.decode()
    with region_scope(koga):
        assert not Employee.objects.filter(candidacy=candidacy).exists()
    answered = client.post(
        f"/r/koga/jobs/offer/{token}/", {"decision": "accept", "confirmed": "yes"}
    )
    assert answered.status_code == 302
    with region_scope(koga):
        assert Employee.objects.filter(candidacy=candidacy).exists()
        assert Candidacy.objects.get(pk=candidacy.pk).stage == "hired"


def test_a_signed_in_candidate_sees_their_own_applications(koga: Region, cast: Cast) -> None:
    me = cast.user("candidate")
    with region_scope(koga):
        job = opening(koga, title="私が応募した求人")
        mine = apply(job, 1)
        Candidacy.objects.filter(pk=mine.pk).update(user=me)
        apply(opening(koga, title="他人の求人"), 2)
    page = signed_in(me).get("/r/koga/my-applications/").content.decode()
    assert "私が応募した求人" in page
    assert "他人の求人" not in page
