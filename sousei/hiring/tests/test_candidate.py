"""The signed-in candidate: the dashboard shows their applications, interviews to come and
offers awaiting an answer; a new application starts from what they said last time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.hiring.links import offer_token
from sousei.hiring.models import Candidacy
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import (
    InterviewInput,
    OfferInput,
    interview_schedule,
    offer_approve,
    offer_draft,
)
from sousei.hiring.tests.factories import apply, media, opening

pytestmark = pytest.mark.django_db

__all__ = ["media"]  # the fixture keeps uploaded CVs in a temporary folder


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def candidacy_of(user: Any, region: Region, title: str, n: int = 1) -> Candidacy:
    made = apply(opening(region, title=title), n)
    Candidacy.objects.filter(pk=made.pk).update(user=user)
    return made


def test_the_dashboard_shows_applications_interviews_and_offers(
    koga: Region, cast: Cast, media: Any
) -> None:
    me = cast.user("candidate")
    operator = cast.user("operator")
    now = timezone.now()
    with region_scope(koga):
        interviewing = candidacy_of(me, koga, "RPA エンジニア")
        interview_schedule(
            candidacy_id=interviewing.pk,
            data=InterviewInput(
                starts_at=now + dt.timedelta(days=3),
                ends_at=now + dt.timedelta(days=3, hours=1),
                interviewer_ids=[operator.pk],
                place="快生館 会議室A",
            ),
            actor=operator,
        )
        offered = candidacy_of(me, koga, "kintone 開発者", 2)
        candidacy_move(candidacy_id=offered.pk, to_stage="offer", actor=None)
        today = timezone.localdate()
        offer = offer_draft(
            candidacy_id=offered.pk,
            data=OfferInput(
                salary_jpy=4_000_000,
                start_date=today + dt.timedelta(days=30),
                respond_by=today + dt.timedelta(days=7),
            ),
            actor=operator,
        )
        offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
        apply(opening(koga, title="他人の求人"), 3)
    page = signed_in(me).get("/r/koga/dashboard/").content.decode()
    assert "RPA エンジニア" in page
    assert "快生館 会議室A" in page
    assert f"/r/koga/jobs/offer/{offer_token(offer=offer)}/" in page
    assert "他人の求人" not in page
    assert "/r/koga/my-applications/" in page


def test_the_panel_runs_constant_queries(
    koga: Region, cast: Cast, media: Any, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    from sousei.hiring.selectors import candidate_view

    me = cast.user("candidate")
    with region_scope(koga):
        candidacy_of(me, koga, "一件目")
        with django_assert_num_queries(3):
            assert len(candidate_view(user=me, now=timezone.now()).candidacies) == 1
        for n in range(2, 6):
            candidacy_of(me, koga, f"{n}件目", n)
        with django_assert_num_queries(3):
            assert len(candidate_view(user=me, now=timezone.now()).candidacies) == 5


def test_the_job_form_starts_from_the_last_application(
    koga: Region, cast: Cast, media: Any
) -> None:
    me = cast.user("candidate")
    with region_scope(koga):
        candidacy_of(me, koga, "前に応募した求人")
        job = opening(koga, title="次の求人")
    form = signed_in(me).get(f"/r/koga/jobs/{job.pk}/apply/").context["form"]
    assert form.initial["family_name"] == "古賀"
    assert form.initial["email"] == "student1@example.jp"
    assert form.initial["graduation_year"] == 2027
    assert "cv" not in form.initial
    assert "consent" not in form.initial
    page = signed_in(me).get(f"/r/koga/jobs/{job.pk}/apply/").content.decode()
    assert 'value="student1@example.jp"' in page
    # Someone else, or nobody, gets an empty form.
    assert Client().get(f"/r/koga/jobs/{job.pk}/apply/").context["form"].initial == {}
    other = signed_in(cast.user("participant")).get(f"/r/koga/jobs/{job.pk}/apply/")
    assert "email" not in other.context["form"].initial or (
        other.context["form"].initial["email"] != "student1@example.jp"
    )


def test_a_candidate_who_has_not_applied_starts_from_their_account(
    koga: Region, cast: Cast
) -> None:
    me = cast.user("candidate")
    me.last_name, me.first_name, me.email = "安部", "雄一", "yuichi@example.jp"
    me.save(update_fields=["last_name", "first_name", "email"])
    with region_scope(koga):
        job = opening(koga)
    initial = signed_in(me).get(f"/r/koga/jobs/{job.pk}/apply/").context["form"].initial
    assert initial == {"family_name": "安部", "given_name": "雄一", "email": "yuichi@example.jp"}
