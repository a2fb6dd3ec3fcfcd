"""Recruiting, hiring: public jobs pages and applications, the operators' pipeline,
interviews, scorecards, offers and the funnel; the candidate's own offers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.hiring.links import offer_token
from sousei.hiring.models import (
    Candidacy,
    Interview,
    Interviewer,
    JobOpening,
    Offer,
    OfferStatus,
)
from sousei.people.models import Person
from tests.matrix import OPERATOR, PUBLIC, Area, Endpoint

FUNNEL = frozenset({Role.OPERATOR, Role.MUNICIPALITY})
CANDIDATE = frozenset({Role.CANDIDATE})
MATRIX_CV = "cv/matrix-sample.pdf"

ENDPOINTS = [
    # Public pages
    Endpoint("GET", "/r/{slug}/jobs/", PUBLIC),
    Endpoint("GET", "/r/{slug}/jobs/{opening}/", PUBLIC),
    Endpoint("GET", "/r/{slug}/jobs/{opening}/apply/", PUBLIC),
    Endpoint("GET", "/r/{slug}/jobs/{opening}/apply/done/", PUBLIC),
    Endpoint("GET", "/r/{slug}/jobs/offer/{offer_token}/", PUBLIC),
    # The candidate's own applications
    Endpoint("GET", "/r/{slug}/my-applications/", CANDIDATE),
    # Operators' pages
    Endpoint("GET", "/r/{slug}/hiring/openings/", OPERATOR),
    Endpoint("GET", "/r/{slug}/hiring/openings/new/", OPERATOR),
    Endpoint("GET", "/r/{slug}/hiring/openings/{opening}/", OPERATOR),
    Endpoint("GET", "/r/{slug}/hiring/openings/{opening}/edit/", OPERATOR),
    Endpoint(
        "POST", "/r/{slug}/hiring/openings/{opening}/status/", OPERATOR, ok=302, body="status"
    ),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/", OPERATOR),
    Endpoint(
        "POST", "/r/{slug}/hiring/candidacies/{candidacy}/move/", OPERATOR, ok=302, body="move"
    ),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/cv.pdf", OPERATOR),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/interviews/new/", OPERATOR),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/offer/", OPERATOR),
    Endpoint("GET", "/r/{slug}/hiring/interviews/{interview}/invite.ics", OPERATOR),
    Endpoint("GET", "/r/{slug}/hiring/interviews/{interview}/scorecard/", OPERATOR),
    Endpoint(
        "POST",
        "/r/{slug}/hiring/offers/{offer}/approve/",
        OPERATOR,
        ok=302,
        alias={"offer": "draft_offer"},
    ),
    Endpoint("GET", "/r/{slug}/hiring/funnel/", FUNNEL),
    Endpoint("GET", "/r/{slug}/hiring/funnel.csv", FUNNEL),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/openings", PUBLIC),
    Endpoint("POST", "/api/v1/regions/{slug}/openings", OPERATOR, ok=201, body="opening"),
    Endpoint("GET", "/api/v1/regions/{slug}/openings/{opening}", PUBLIC),
    # Public; without the multipart fields and the CV every caller gets the same 422.
    Endpoint("POST", "/api/v1/regions/{slug}/openings/{opening}/applications", PUBLIC, ok=422),
    Endpoint("GET", "/api/v1/regions/{slug}/openings/{opening}/candidacies", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/candidacies/{candidacy}", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/candidacies/{candidacy}/cv", OPERATOR),
    Endpoint("POST", "/api/v1/regions/{slug}/candidacies/{candidacy}/move", OPERATOR, body="move"),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/candidacies/{candidacy}/interviews",
        OPERATOR,
        ok=201,
        body="interview",
    ),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/interviews/{interview}/scorecards",
        OPERATOR,
        ok=201,
        body="scorecard",
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/candidacies/{candidacy}/scorecards", OPERATOR),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/candidacies/{candidacy}/offers",
        OPERATOR,
        ok=201,
        body="offer",
    ),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/offers/{offer}/approve",
        OPERATOR,
        alias={"offer": "draft_offer"},
    ),
    # The approved offer is the caller "candidate"'s own in Koga.
    Endpoint("POST", "/api/v1/regions/{slug}/offers/{offer}/accept", CANDIDATE),
    Endpoint("POST", "/api/v1/regions/{slug}/offers/{offer}/decline", CANDIDATE),
    Endpoint("GET", "/api/v1/regions/{slug}/my/candidacies", CANDIDATE),
    Endpoint("GET", "/api/v1/regions/{slug}/recruiting/funnel", FUNNEL),
]


def _candidacy(region: Region, opening: JobOpening, n: int, **fields: Any) -> Candidacy:
    person = Person.objects.create(
        region=region,
        family_name="古賀",
        given_name=f"太郎{n}",
        family_name_kana="コガ",
        given_name_kana="タロウ",
        email=f"matrix{n}@example.jp",
        phone="09012345678",
        postal_code="8113101",
        prefecture="福岡県",
        city="古賀市",
        municipality_code=region.code,
    )
    return Candidacy.objects.create(
        region=region,
        opening=opening,
        person=person,
        lives_in_region=True,
        heard_via="event",
        cv=MATRIX_CV,
        consent_wording_version="2026-11-24",
        **fields,
    )


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """A published opening; a candidacy in the offer stage with an interview whose panel
    is the operator; one with a draft offer by another operator; one with an approved offer
    that belongs to the caller "candidate" in Koga."""
    if not default_storage.exists(MATRIX_CV):
        default_storage.save(MATRIX_CV, ContentFile(b"%PDF-1.4\n% matrix\n"))
    operator = cast.user("operator", region.slug)
    recruiter = UserFactory.create(username=f"recruiter-{region.slug}")
    now = timezone.now()
    today = timezone.localdate()
    with region_scope(region):
        opening = JobOpening.objects.create(
            region=region,
            title="RPA エンジニア（拠点フリー）",
            description="UiPath での業務自動化",
            employment_type="full_time",
            residence_region=region,
            salary_min_jpy=3_600_000,
            salary_max_jpy=4_800_000,
            status="published",
            published_at=now,
        )
        candidacy = _candidacy(region, opening, 1, stage="offer")
        interview = Interview.objects.create(
            region=region,
            candidacy=candidacy,
            stage="interview_1",
            starts_at=now + dt.timedelta(days=2),
            ends_at=now + dt.timedelta(days=2, hours=1),
            place="快生館 会議室A",
        )
        Interviewer.objects.create(region=region, interview=interview, user=operator)
        terms = {
            "salary_jpy": 4_000_000,
            "start_date": today + dt.timedelta(days=60),
            "respond_by": today + dt.timedelta(days=14),
        }
        draft = Offer.objects.create(
            region=region,
            candidacy=_candidacy(region, opening, 2, stage="offer"),
            created_by=recruiter,
            **terms,
        )
        owner = cast.user("candidate", "koga") if region.slug == "koga" else None
        approved = Offer.objects.create(
            region=region,
            candidacy=_candidacy(region, opening, 3, stage="offer", user=owner),
            created_by=recruiter,
            approved_by=recruiter,
            approved_at=now,
            status=OfferStatus.APPROVED,
            **terms,
        )
    return {
        "opening": opening.pk,
        "candidacy": candidacy.pk,
        "interview": interview.pk,
        "draft_offer": draft.pk,
        "offer": approved.pk,
        "offer_token": offer_token(offer=approved),
        "operator_id": operator.pk,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    start = timezone.now() + dt.timedelta(days=3)
    today = timezone.localdate()
    return {
        "status": {"status": "closed"},
        "move": {"stage": "rejected", "reason": "matrix"},
        "opening": {
            "title": "kintone 開発（拠点フリー）",
            "description": "kintone アプリ開発",
            "employment_type": "full_time",
            "salary_min_jpy": 3_600_000,
            "salary_max_jpy": 4_800_000,
        },
        "interview": {
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "interviewer_ids": [ids["operator_id"]],
            "place": "快生館 会議室A",
        },
        "scorecard": {
            "skills_score": 3,
            "communication_score": 4,
            "motivation_score": 4,
            "remote_work_score": 3,
            "recommendation": "yes",
        },
        "offer": {
            "salary_jpy": 4_000_000,
            "start_date": str(today + dt.timedelta(days=60)),
            "respond_by": str(today + dt.timedelta(days=14)),
        },
    }


AREA = Area(
    name="hiring",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:opening_id>": "{opening}",
        "<int:candidacy_id>": "{candidacy}",
        "<int:interview_id>": "{interview}",
        "<int:offer_id>": "{offer}",
        "<str:offer_token>": "{offer_token}",
    },
    api_parameters={
        "{opening_id}": "{opening}",
        "{candidacy_id}": "{candidacy}",
        "{interview_id}": "{interview}",
        "{offer_id}": "{offer}",
    },
)
