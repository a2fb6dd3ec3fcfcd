"""Hiring endpoints: openings (public reads), applications with the CV (public, multipart),
the pipeline, interviews, scorecards (kept from an interviewer until they submit theirs),
offers (approved by a second operator, answered by the candidate) and the funnel."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile as NinjaUploadedFile

from sousei.core import clock
from sousei.core.access import region_context, region_reader, region_roles, signed_in_user
from sousei.core.bounds import Id, Page, Slug, Word
from sousei.core.http import signed_in
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.events.api import maybe_signed_in
from sousei.events.models import Event
from sousei.hiring import funnel as funnel_selectors
from sousei.hiring import selectors
from sousei.hiring.access import (
    candidacy_visible,
    interview_visible,
    offer_visible,
    opening_to_apply,
    opening_visible,
)
from sousei.hiring.cv import cv_read_record
from sousei.hiring.models import (
    SCORECARD_CRITERIA,
    Candidacy,
    Employee,
    Interview,
    JobOpening,
    Offer,
    OfferStatus,
    Scorecard,
)
from sousei.hiring.schemas import (
    ApplicationForm,
    CandidacyCreatedOut,
    CandidacyOut,
    CandidacyPageOut,
    FunnelOut,
    InterviewIn,
    InterviewOut,
    MoveIn,
    MyCandidacyOut,
    OfferIn,
    OfferOut,
    OpeningIn,
    OpeningOut,
    ScorecardIn,
    ScorecardOut,
    ScorecardsOut,
)
from sousei.hiring.services import candidacies as services
from sousei.hiring.services import offers as offer_services

router = Router(tags=["hiring"])
OPERATORS = {Role.OPERATOR}
FUNNEL_READERS = {Role.OPERATOR, Role.MUNICIPALITY}
CANDIDATES = {Role.CANDIDATE}


def _caller_is_operator(request: HttpRequest, region: Region) -> bool:
    """On a public endpoint: whether the caller (bearer token or session, see
    maybe_signed_in) is an operator of the region, who also sees unpublished openings."""
    return Role.OPERATOR in region_roles(request, region)


def opening_body(opening: JobOpening) -> dict[str, Any]:
    return {
        "id": opening.pk,
        "employer": {
            "id": opening.employer_id,
            "name": opening.employer.name,
            "name_en": opening.employer.name_en,
        },
        "title": opening.title,
        "description": opening.description,
        "employment_type": opening.employment_type,
        "work_style": opening.work_style,
        "residence_region": opening.residence_region.code,
        "salary_min_jpy": opening.salary_min_jpy,
        "salary_max_jpy": opening.salary_max_jpy,
        "working_hours": opening.working_hours,
        "stages": opening.stages,
        "skills": [{"code": s.skill.code, "level": s.level} for s in opening.skills.all()],
        "status": opening.status,
        "published_at": opening.published_at,
    }


def _days_in_stage(candidacy: Candidacy) -> int:
    return (clock.now() - candidacy.stage_entered_at).days


@router.get(
    "/regions/{slug}/openings",
    auth=maybe_signed_in,
    response=list[OpeningOut],
    summary="Job openings: published ones for everyone, all of them for operators",
)
def opening_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=None) as region:
        staff = _caller_is_operator(request, region)
        return [opening_body(o) for o in selectors.opening_list(published_only=not staff)]


@router.post(
    "/regions/{slug}/openings",
    auth=signed_in,
    response={201: OpeningOut, 422: ErrorOut},
    summary="Create a job opening with its pipeline stages (operator)",
)
def opening_create(request: HttpRequest, slug: Slug, payload: OpeningIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        opening = services.opening_create(
            region=region,
            data=services.OpeningInput(
                title=payload.title,
                description=payload.description,
                employment_type=payload.employment_type,
                work_style=payload.work_style,
                residence_region=region,
                salary_min_jpy=payload.salary_min_jpy,
                salary_max_jpy=payload.salary_max_jpy,
                working_hours=payload.working_hours,
                stages=payload.stages,
                skills=[(s.code, s.level) for s in payload.skills],
                employer_id=payload.employer_id,
            ),
            actor=signed_in_user(request),
            publish=payload.publish,
        )
        return Status(
            201, opening_body(selectors.opening_get(opening_id=opening.pk, published_only=False))
        )


@router.get(
    "/regions/{slug}/openings/{opening_id}",
    auth=maybe_signed_in,
    response={200: OpeningOut, 404: ErrorOut},
    summary="One job opening (unpublished ones only for operators)",
)
def opening_detail(request: HttpRequest, slug: Slug, opening_id: Id):
    with region_context(request, slug, roles=None) as region:
        return opening_body(opening_visible(region_reader(request, region), opening_id))


@router.post(
    "/regions/{slug}/openings/{opening_id}/applications",
    response={201: CandidacyCreatedOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Apply to a published opening (public; multipart with the CV as a PDF ≤ 10 MB)",
)
def application_create(
    request: HttpRequest,
    slug: Slug,
    opening_id: Id,
    payload: Form[ApplicationForm],
    cv: File[NinjaUploadedFile] = None,  # type: ignore[assignment]
):
    with region_context(request, slug, roles=None):
        opening = opening_to_apply(opening_id)
        upload: UploadedFile | None = cv
        candidacy = services.candidacy_apply(
            opening=opening,
            data=services.CandidacyInput(
                family_name=payload.family_name,
                given_name=payload.given_name,
                family_name_kana=payload.family_name_kana,
                given_name_kana=payload.given_name_kana,
                email=payload.email,
                phone=payload.phone,
                postal_code=payload.postal_code,
                heard_via=payload.heard_via,
                consent=payload.consent_privacy_policy,
                cv=upload,
                desired_residence=payload.desired_residence,
                desired_residence_note=payload.desired_residence_note,
                graduation_year=payload.graduation_year,
                motivation=payload.motivation,
                language=payload.language,
            ),
            actor=request.user,
        )
        return Status(
            201,
            {
                "id": candidacy.pk,
                "stage": candidacy.stage,
                "source_registration_id": candidacy.source_registration_id,
                "source_event_id": candidacy.source_event_id,
            },
        )


def candidacy_body(request: HttpRequest, region: Region, candidacy: Candidacy) -> dict[str, Any]:
    # The candidate's own fields are the person's; the JSON keeps its shape.
    person_fields = (
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "email",
        "phone",
        "postal_code",
        "prefecture",
        "city",
        "municipality_code",
    )
    fields = (
        "lives_in_region",
        "desired_residence",
        "desired_residence_note",
        "graduation_year",
        "heard_via",
        "stage",
        "stage_entered_at",
        "applied_at",
        "rejection_reason",
        "source_registration_id",
        "source_event_id",
    )
    return {
        "id": candidacy.pk,
        "opening_id": candidacy.opening_id,
        **{name: getattr(candidacy.person, name) for name in person_fields},
        **{name: getattr(candidacy, name) for name in fields},
        "days_in_stage": _days_in_stage(candidacy),
        "cv_url": request.build_absolute_uri(
            f"/api/v1/regions/{region.slug}/candidacies/{candidacy.pk}/cv"
        ),
        "history": [
            {
                "from_stage": m.from_stage,
                "to_stage": m.to_stage,
                "by": m.by.get_username() if m.by else None,
                "at": m.at,
                "reason": m.reason,
            }
            for m in selectors.candidacy_history(candidacy=candidacy)
        ],
    }


@router.get(
    "/regions/{slug}/openings/{opening_id}/candidacies",
    auth=signed_in,
    response={200: CandidacyPageOut, 404: ErrorOut},
    summary="An opening's candidacies in one stage, longest in it first (operator)",
)
def candidacy_list(
    request: HttpRequest, slug: Slug, opening_id: Id, stage: Word | None = None, page: Page = 1
):
    with region_context(request, slug, roles=OPERATORS) as region:
        opening = opening_visible(region_reader(request, region), opening_id)
        board = selectors.pipeline(
            opening=opening, stage=stage, page=page, size=settings.SOUSEI_API_PAGE_SIZE
        )
        return board.page.body(
            [
                {
                    "id": c.pk,
                    "name": c.person.full_name,
                    "stage": c.stage,
                    "stage_entered_at": c.stage_entered_at,
                    "days_in_stage": _days_in_stage(c),
                    "applied_at": c.applied_at,
                    "source_event_id": c.source_event_id,
                }
                for c in board.page.items
            ]
        )


@router.get(
    "/regions/{slug}/candidacies/{candidacy_id}",
    auth=signed_in,
    response={200: CandidacyOut, 404: ErrorOut},
    summary="A candidacy with its stage history (operator)",
)
def candidacy_detail(request: HttpRequest, slug: Slug, candidacy_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        return candidacy_body(
            request, region, candidacy_visible(region_reader(request, region), candidacy_id)
        )


@router.get(
    "/regions/{slug}/candidacies/{candidacy_id}/cv",
    auth=signed_in,
    response={200: None, 404: ErrorOut},
    summary="The candidate's CV as PDF (operator; never a public URL)",
)
def candidacy_cv(request: HttpRequest, slug: Slug, candidacy_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
        try:
            handle = candidacy.cv.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        cv_read_record(request, region, candidacy)
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"cv-{candidacy.pk}.pdf",
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response


@router.post(
    "/regions/{slug}/candidacies/{candidacy_id}/move",
    auth=signed_in,
    response={200: CandidacyOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Move a candidacy to a stage of its opening, or reject (with a reason) or withdraw",
)
def candidacy_move(request: HttpRequest, slug: Slug, candidacy_id: Id, payload: MoveIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
        services.candidacy_move(
            candidacy_id=candidacy.pk,
            to_stage=payload.stage,
            reason=payload.reason,
            actor=signed_in_user(request),
        )
        return candidacy_body(
            request, region, candidacy_visible(region_reader(request, region), candidacy.pk)
        )


def interview_body(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.pk,
        "candidacy_id": interview.candidacy_id,
        "stage": interview.stage,
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        "place": interview.place,
        "online_url": interview.online_url,
        "interviewer_ids": [m.user_id for m in interview.panel.all()],
    }


@router.post(
    "/regions/{slug}/candidacies/{candidacy_id}/interviews",
    auth=signed_in,
    response={201: InterviewOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Schedule an interview with its interviewers; the candidate is invited (.ics)",
)
def interview_create(request: HttpRequest, slug: Slug, candidacy_id: Id, payload: InterviewIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
        interview = offer_services.interview_schedule(
            candidacy_id=candidacy.pk,
            data=offer_services.InterviewInput(
                starts_at=payload.starts_at,
                ends_at=payload.ends_at,
                interviewer_ids=payload.interviewer_ids,
                place=payload.place,
                online_url=payload.online_url,
            ),
            actor=signed_in_user(request),
        )
        return Status(201, interview_body(interview))


def scorecard_body(card: Scorecard) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": card.pk,
        "interview_id": card.interview_id,
        "interviewer_id": card.interviewer_id,
        "recommendation": card.recommendation,
        "summary": card.summary,
        "submitted_at": card.submitted_at,
    }
    for name in SCORECARD_CRITERIA:
        body[f"{name}_score"] = getattr(card, f"{name}_score")
        body[f"{name}_note"] = getattr(card, f"{name}_note")
    return body


@router.post(
    "/regions/{slug}/interviews/{interview_id}/scorecards",
    auth=signed_in,
    response={201: ScorecardOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Submit your own scorecard for an interview you sat on (once)",
)
def scorecard_create(request: HttpRequest, slug: Slug, interview_id: Id, payload: ScorecardIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        interview = interview_visible(region_reader(request, region), interview_id)
        card = offer_services.scorecard_submit(
            interview_id=interview.pk,
            data=offer_services.ScorecardInput(
                scores={n: getattr(payload, f"{n}_score") for n in SCORECARD_CRITERIA},
                notes={n: getattr(payload, f"{n}_note") for n in SCORECARD_CRITERIA},
                recommendation=payload.recommendation,
                summary=payload.summary,
            ),
            actor=signed_in_user(request),
        )
        return Status(201, scorecard_body(card))


@router.get(
    "/regions/{slug}/candidacies/{candidacy_id}/scorecards",
    auth=signed_in,
    response={200: ScorecardsOut, 404: ErrorOut},
    summary="The scorecards you may read: an interviewer sees the panel's only after "
    "submitting their own",
)
def scorecard_list(request: HttpRequest, slug: Slug, candidacy_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
        views = selectors.interviews_visible(candidacy=candidacy, user=signed_in_user(request))
        return {
            "scorecards": [scorecard_body(c) for v in views for c in v.scorecards],
            "hidden": sum(v.hidden for v in views),
        }


def offer_body(offer: Offer) -> dict[str, Any]:
    employee = (
        Employee.objects.filter(offer=offer).values_list("pk", flat=True).first()
        if offer.status == OfferStatus.ACCEPTED
        else None
    )
    return {
        "id": offer.pk,
        "candidacy_id": offer.candidacy_id,
        "salary_jpy": offer.salary_jpy,
        "start_date": offer.start_date,
        "respond_by": offer.respond_by,
        "conditions": offer.conditions,
        "status": offer.status,
        "approved_at": offer.approved_at,
        "responded_at": offer.responded_at,
        "employee_id": employee,
    }


@router.post(
    "/regions/{slug}/candidacies/{candidacy_id}/offers",
    auth=signed_in,
    response={201: OfferOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Draft an offer for a candidacy in the offer stage (operator)",
)
def offer_create(request: HttpRequest, slug: Slug, candidacy_id: Id, payload: OfferIn):
    with region_context(request, slug, roles=OPERATORS) as region:
        candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
        offer = offer_services.offer_draft(
            candidacy_id=candidacy.pk,
            data=offer_services.OfferInput(
                salary_jpy=payload.salary_jpy,
                start_date=payload.start_date,
                respond_by=payload.respond_by,
                conditions=payload.conditions,
            ),
            actor=signed_in_user(request),
        )
        return Status(201, offer_body(offer))


@router.post(
    "/regions/{slug}/offers/{offer_id}/approve",
    auth=signed_in,
    response={200: OfferOut, 404: ErrorOut, 409: ErrorOut},
    summary="Approve a draft offer: an operator other than its author; the candidate is mailed",
)
def offer_approve(request: HttpRequest, slug: Slug, offer_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        offer = offer_visible(region_reader(request, region), offer_id)
        return offer_body(
            offer_services.offer_approve(offer_id=offer.pk, actor=signed_in_user(request))
        )


@router.post(
    "/regions/{slug}/offers/{offer_id}/accept",
    auth=signed_in,
    response={200: OfferOut, 404: ErrorOut, 409: ErrorOut},
    summary="Accept your offer (the candidate, signed in); you are hired",
)
def offer_accept(request: HttpRequest, slug: Slug, offer_id: Id):
    with region_context(request, slug, roles=CANDIDATES) as region:
        offer = offer_visible(region_reader(request, region), offer_id, own=True)
        return offer_body(
            offer_services.offer_respond(offer_id=offer.pk, accept=True, actor=request.user)
        )


@router.post(
    "/regions/{slug}/offers/{offer_id}/decline",
    auth=signed_in,
    response={200: OfferOut, 404: ErrorOut, 409: ErrorOut},
    summary="Decline your offer (the candidate, signed in)",
)
def offer_decline(request: HttpRequest, slug: Slug, offer_id: Id):
    with region_context(request, slug, roles=CANDIDATES) as region:
        offer = offer_visible(region_reader(request, region), offer_id, own=True)
        return offer_body(
            offer_services.offer_respond(offer_id=offer.pk, accept=False, actor=request.user)
        )


@router.get(
    "/regions/{slug}/my/candidacies",
    auth=signed_in,
    response=list[MyCandidacyOut],
    summary="Your own applications and offers (the candidate)",
)
def my_candidacies(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=CANDIDATES):
        rows = []
        for c in selectors.candidacies_of_user(user=signed_in_user(request)):
            offer = next((o for o in c.offers.all() if o.status != OfferStatus.DRAFT), None)
            rows.append(
                {
                    "id": c.pk,
                    "opening_id": c.opening_id,
                    "opening": c.opening.title,
                    "stage": c.stage,
                    "applied_at": c.applied_at,
                    "offer_id": offer.pk if offer else None,
                    "offer_status": offer.status if offer else None,
                }
            )
        return rows


@router.get(
    "/regions/{slug}/recruiting/funnel",
    auth=signed_in,
    response={200: FunnelOut, 404: ErrorOut},
    summary="Registrations → attendees → applicants → interviews → offers → hires "
    "(operator, municipality)",
)
def funnel(
    request: HttpRequest, slug: Slug, opening_id: Id | None = None, event_id: Id | None = None
):
    with region_context(request, slug, roles=FUNNEL_READERS):
        if opening_id is not None and not JobOpening.objects.filter(pk=opening_id).exists():
            raise Http404
        if event_id is not None and not Event.objects.filter(pk=event_id).exists():
            raise Http404
        return funnel_selectors.funnel(opening_id=opening_id, event_id=event_id).body()
