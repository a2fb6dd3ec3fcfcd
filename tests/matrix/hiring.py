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
from sousei.core.tests.factories import UserFactory, employer_company, operator_company
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
from tests.matrix import HIRING, OPERATOR, PUBLIC, Area, Endpoint

FUNNEL = frozenset({Role.OPERATOR, Role.MUNICIPALITY})


def _rival(method: str, path: str, placeholder: str, *, body: str | None = None) -> Endpoint:
    """A recruiting page on the operator's own opening (rival_<placeholder>): another
    employer's, so it answers 404 to the caller "employer" (tenancy between employers)."""
    return Endpoint(
        method,
        path,
        HIRING,
        ok=302 if method == "POST" else 200,
        body=body,
        alias={placeholder: f"rival_{placeholder}"},
        by_caller={Role.EMPLOYER.value: 404},
    )


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
    # An employer's public profile
    Endpoint("GET", "/r/{slug}/employers/{employer}/", PUBLIC),
    # Its profile, kept by its staff or the operators; the operator's own is another
    # employer's to the caller "employer".
    Endpoint("GET", "/r/{slug}/employers/{employer}/edit/", HIRING),
    Endpoint("POST", "/r/{slug}/employers/{employer}/edit/", HIRING, ok=302, body="profile"),
    _rival("GET", "/r/{slug}/employers/{employer}/edit/", "employer"),
    _rival("POST", "/r/{slug}/employers/{employer}/edit/", "employer", body="profile"),
    # Recruiting pages: the matrix's opening is the caller "employer"'s company's, so
    # employer staff use them as operators do.
    Endpoint("GET", "/r/{slug}/hiring/openings/", HIRING),
    Endpoint("GET", "/r/{slug}/hiring/openings/new/", HIRING),
    Endpoint("GET", "/r/{slug}/hiring/openings/{opening}/", HIRING),
    Endpoint("GET", "/r/{slug}/hiring/openings/{opening}/edit/", HIRING),
    Endpoint("POST", "/r/{slug}/hiring/openings/{opening}/status/", HIRING, ok=302, body="status"),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/", HIRING),
    Endpoint("POST", "/r/{slug}/hiring/candidacies/{candidacy}/move/", HIRING, ok=302, body="move"),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/cv.pdf", HIRING),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/interviews/new/", HIRING),
    Endpoint("GET", "/r/{slug}/hiring/candidacies/{candidacy}/offer/", HIRING),
    Endpoint("GET", "/r/{slug}/hiring/interviews/{interview}/invite.ics", HIRING),
    Endpoint("GET", "/r/{slug}/hiring/interviews/{interview}/scorecard/", HIRING),
    # The same pages on the operator's own opening: another employer's, so 404 to the
    # caller "employer" (tenancy between employers).
    _rival("GET", "/r/{slug}/hiring/openings/{opening}/", "opening"),
    _rival("GET", "/r/{slug}/hiring/openings/{opening}/edit/", "opening"),
    _rival("POST", "/r/{slug}/hiring/openings/{opening}/status/", "opening", body="status"),
    _rival("GET", "/r/{slug}/hiring/candidacies/{candidacy}/", "candidacy"),
    _rival("POST", "/r/{slug}/hiring/candidacies/{candidacy}/move/", "candidacy", body="move"),
    _rival("GET", "/r/{slug}/hiring/candidacies/{candidacy}/cv.pdf", "candidacy"),
    _rival("GET", "/r/{slug}/hiring/candidacies/{candidacy}/interviews/new/", "candidacy"),
    _rival("GET", "/r/{slug}/hiring/candidacies/{candidacy}/offer/", "candidacy"),
    _rival("GET", "/r/{slug}/hiring/interviews/{interview}/invite.ics", "interview"),
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
    employer = employer_company(region)
    operator_org = operator_company(region)
    with region_scope(region):
        rival = JobOpening.objects.create(
            region=region,
            employer=operator_org,
            title="運営事業者の求人",
            description="運営事業者の求人",
            employment_type="full_time",
            residence_region=region,
            salary_min_jpy=3_600_000,
            salary_max_jpy=4_800_000,
        )
        rival_candidacy = _candidacy(region, rival, 9, stage="offer")
        rival_interview = Interview.objects.create(
            region=region,
            candidacy=rival_candidacy,
            stage="interview_1",
            starts_at=now + dt.timedelta(days=2),
            ends_at=now + dt.timedelta(days=2, hours=1),
            place="快生館 会議室B",
        )
        opening = JobOpening.objects.create(
            region=region,
            employer=employer,
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
        "employer": employer.pk,
        "rival_opening": rival.pk,
        "rival_employer": operator_org.pk,
        "rival_candidacy": rival_candidacy.pk,
        "rival_interview": rival_interview.pk,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    start = timezone.now() + dt.timedelta(days=3)
    today = timezone.localdate()
    return {
        "status": {"status": "closed"},
        "profile": {"about": "業務アプリの開発", "location": "福岡県古賀市", "website": ""},
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
        "<int:organization_id>": "{employer}",
    },
    api_parameters={
        "{opening_id}": "{opening}",
        "{candidacy_id}": "{candidacy}",
        "{interview_id}": "{interview}",
        "{offer_id}": "{offer}",
    },
)
