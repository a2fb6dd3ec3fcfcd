"""Training endpoints: catalogue, plan preview, enrolments, progress, completion, pools."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from sousei.core import clock
from sousei.core.access import region_context, region_reader, signed_in_user
from sousei.core.bounds import Id, Page, Slug
from sousei.core.http import signed_in
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.training import planning, selectors
from sousei.training.access import course_visible, enrolment_visible, trainer_scope
from sousei.training.certificates import certificate_pdf_response, verification_url_for
from sousei.training.models import Course, Enrolment
from sousei.training.schemas import (
    AssessmentIn,
    AssessmentOut,
    AtRiskPageOut,
    CertificateOut,
    CourseOut,
    EnrolmentCreatedOut,
    EnrolmentIn,
    EnrolmentOut,
    LicencePoolOut,
    PlanPreviewOut,
    PreviewQuery,
    ProgressIn,
    ProgressOut,
    ReplanIn,
)
from sousei.training.services import enrolments as services

router = Router(tags=["training"])
MEMBERS = set(Role.values)
STAFF = {Role.OPERATOR, Role.TRAINER}
OPERATORS = {Role.OPERATOR}
LEARNERS = STAFF | {Role.PARTICIPANT}


def hours(minutes: int) -> float:
    """Minutes as hours for the API (150 → 2.5); stored values stay whole minutes."""
    return round(minutes / 60, 2)


def minutes_from(value: Decimal, field: str) -> int:
    try:
        return planning.hours_to_minutes(value)
    except planning.PlanInputError as error:
        raise ValidationError(
            {field: ValidationError(_(error.template), params=error.params)}
        ) from None


def course_body(course: Course) -> dict[str, Any]:
    return {
        "id": course.pk,
        "title": course.title,
        "tool": course.product.name,
        "vendor": course.product.vendor.name,
        "category": course.product.category,
        "total_hours": hours(course.total_minutes or 0),  # type: ignore[attr-defined]
        "modules": [
            {"id": m.pk, "title": m.title, "hours": hours(m.minutes)} for m in course.modules.all()
        ],
        "skills": [{"code": s.skill.code, "level": s.level} for s in course.skills.all()],
    }


def enrolment_body(enrolment: Enrolment) -> dict[str, Any]:
    progress = selectors.enrolment_progress(enrolment=enrolment)
    return {
        "id": enrolment.pk,
        "status": enrolment.status,
        "course_id": enrolment.course_id,
        "participant_id": enrolment.participant_id,
        "hours_done": hours(enrolment.minutes_done),
        "hours_total": hours(progress.minutes_total),
        "percent": progress.percent,
        "planned_completion_date": enrolment.planned_completion_date,
        "projected_completion_date": enrolment.projected_completion_date,
        "at_risk": enrolment.at_risk,
        "licence_id": progress.licence.pk if progress.licence else None,
        "waitlist_position": progress.waitlist_position,
    }


@router.get(
    "/regions/{slug}/courses", auth=signed_in, response=list[CourseOut], summary="Course catalogue"
)
def course_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=MEMBERS):
        return [course_body(c) for c in selectors.course_list()]


@router.get(
    "/regions/{slug}/plan-preview",
    auth=signed_in,
    response={200: PlanPreviewOut, 422: ErrorOut},
    summary="When a course would end for a choice of daily hours and weekdays",
)
def plan_preview(request: HttpRequest, slug: Slug, query: Query[PreviewQuery]):
    with region_context(request, slug, roles=MEMBERS) as region:
        course = course_visible(region_reader(request, region), query.course_id)
        choice = services.PlanChoice(
            start_date=_date(query.start_date),
            daily_minutes=minutes_from(query.daily_hours, "daily_hours"),
            weekdays=_weekdays(query.weekdays),
            skip_holidays=query.skip_holidays,
        )
        plan = services.plan_for(course=course, choice=choice)
        return {
            "planned_completion_date": plan.completion_date,
            "study_days": plan.study_days,
            "total_hours": hours(plan.total_minutes),
        }


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            {"start_date": _("Enter the start date as YYYY-MM-DD, e.g. 2026-12-01.")}
        ) from None


def _weekdays(text: str) -> frozenset[int]:
    try:
        days = frozenset(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise ValidationError(
            {
                "weekdays": _(
                    "List the study weekdays as numbers, 0 (Monday) to 6 (Sunday), e.g. 0,1,2,3,4."
                )
            }
        ) from None
    try:
        return planning.check_weekdays(days)
    except planning.PlanInputError as error:
        raise ValidationError(
            {"weekdays": ValidationError(_(error.template), params=error.params)}
        ) from None


@router.post(
    "/regions/{slug}/enrolments",
    auth=signed_in,
    response={201: EnrolmentCreatedOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Enrol a participant on a course (operator)",
)
def enrolment_create(request: HttpRequest, slug: Slug, payload: EnrolmentIn):
    with region_context(request, slug, roles=OPERATORS):
        participant = selectors.participant_get(participant_id=payload.participant_id)
        try:
            course = selectors.course_get(course_id=payload.course_id)
        except Course.DoesNotExist:
            raise Http404 from None
        if participant is None:
            raise Http404
        choice = services.PlanChoice(
            start_date=payload.start_date,
            daily_minutes=minutes_from(payload.daily_hours, "daily_hours"),
            weekdays=_weekdays(",".join(str(d) for d in payload.weekdays)),
            skip_holidays=payload.skip_holidays,
        )
        enrolment = services.enrolment_create(
            participant=participant, course=course, choice=choice, actor=signed_in_user(request)
        )
        progress = selectors.enrolment_progress(enrolment=enrolment)
        return Status(
            201,
            {
                "id": enrolment.pk,
                "status": enrolment.status,
                "licence_id": progress.licence.pk if progress.licence else None,
                "waitlist_position": progress.waitlist_position,
                "planned_completion_date": enrolment.planned_completion_date,
                "study_days": enrolment.study_days,
            },
        )


@router.get(
    "/regions/{slug}/enrolments/at-risk",
    auth=signed_in,
    response=AtRiskPageOut,
    summary="Studying enrolments at risk, most urgent first (operator; a trainer: their courses')",
)
def at_risk_list(request: HttpRequest, slug: Slug, page: Page = 1):
    with region_context(request, slug, roles=STAFF) as region:
        result = selectors.at_risk_page(
            trainer_id=trainer_scope(region_reader(request, region)),
            page=page,
            size=settings.SOUSEI_API_PAGE_SIZE,
        )
        return result.body(
            [
                {
                    "enrolment_id": e.pk,
                    "participant": e.participant.person.full_name,
                    "course": e.course.title,
                    "hours_done": hours(e.minutes_done),
                    "planned_completion_date": e.planned_completion_date,
                    "projected_completion_date": e.projected_completion_date,
                    "last_studied_on": e.last_studied_on,
                }
                for e in result.items
            ]
        )


@router.get(
    "/regions/{slug}/enrolments/{enrolment_id}",
    auth=signed_in,
    response=EnrolmentOut,
    summary="An enrolment's progress against plan (staff, or the participant)",
)
def enrolment_detail(request: HttpRequest, slug: Slug, enrolment_id: Id):
    with region_context(request, slug, roles=LEARNERS) as region:
        return enrolment_body(enrolment_visible(region_reader(request, region), enrolment_id))


@router.post(
    "/regions/{slug}/enrolments/{enrolment_id}/progress",
    auth=signed_in,
    response={201: ProgressOut, 409: ErrorOut, 422: ErrorOut},
    summary="Log study (the participant, or staff for them)",
)
def progress_create(request: HttpRequest, slug: Slug, enrolment_id: Id, payload: ProgressIn):
    with region_context(request, slug, roles=LEARNERS) as region:
        enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
        minutes = minutes_from(payload.hours, "hours") if payload.hours > 0 else 0
        entry = services.progress_log(
            enrolment_id=enrolment.pk,
            log=services.StudyLog(
                day=payload.date, minutes=minutes, module_id=payload.module_id, note=payload.note
            ),
            actor=signed_in_user(request),
        )
        return Status(
            201,
            {
                "id": entry.pk,
                "date": entry.date,
                "hours": hours(entry.minutes),
                "module_id": entry.module_finished_id,
            },
        )


@router.post(
    "/regions/{slug}/enrolments/{enrolment_id}/replan",
    auth=signed_in,
    response={200: EnrolmentOut, 409: ErrorOut, 422: ErrorOut},
    summary="New daily hours from a date; earlier plans stay as history (staff)",
)
def enrolment_replan(request: HttpRequest, slug: Slug, enrolment_id: Id, payload: ReplanIn):
    with region_context(request, slug, roles=STAFF) as region:
        enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
        services.enrolment_replan(
            enrolment_id=enrolment.pk,
            from_date=payload.from_date,
            daily_minutes=minutes_from(payload.daily_hours, "daily_hours"),
            actor=signed_in_user(request),
        )
        return enrolment_body(selectors.enrolment_get(enrolment_id=enrolment.pk))


@router.post(
    "/regions/{slug}/enrolments/{enrolment_id}/withdraw",
    auth=signed_in,
    response={200: EnrolmentOut, 409: ErrorOut},
    summary="Withdraw; the seat goes to the first waiting enrolment (operator)",
)
def enrolment_withdraw(request: HttpRequest, slug: Slug, enrolment_id: Id):
    with region_context(request, slug, roles=OPERATORS) as region:
        enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
        services.enrolment_withdraw(enrolment_id=enrolment.pk, actor=signed_in_user(request))
        return enrolment_body(selectors.enrolment_get(enrolment_id=enrolment.pk))


@router.post(
    "/regions/{slug}/enrolments/{enrolment_id}/assessment",
    auth=signed_in,
    response={201: AssessmentOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record a final-assessment score (staff)",
)
def assessment_create(request: HttpRequest, slug: Slug, enrolment_id: Id, payload: AssessmentIn):
    with region_context(request, slug, roles=STAFF) as region:
        enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
        attempt = services.assessment_record(
            enrolment_id=enrolment.pk, score=payload.score, actor=signed_in_user(request)
        )
        return Status(
            201,
            {
                "id": attempt.pk,
                "score": attempt.score,
                "passed": attempt.passed,
                "pass_mark": enrolment.course.pass_mark,
            },
        )


@router.post(
    "/regions/{slug}/enrolments/{enrolment_id}/complete",
    auth=signed_in,
    response={201: CertificateOut, 409: ErrorOut},
    summary="Complete the course and issue the certificate; 409 says what is missing (staff)",
)
def enrolment_complete(request: HttpRequest, slug: Slug, enrolment_id: Id):
    with region_context(request, slug, roles=STAFF) as region:
        enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
        certificate = services.enrolment_complete(
            enrolment_id=enrolment.pk, actor=signed_in_user(request)
        )
        return Status(
            201,
            {
                "code": certificate.code,
                "url": verification_url_for(request, certificate),
                "pdf_url": request.build_absolute_uri(
                    f"/api/v1/regions/{region.slug}/enrolments/{enrolment.pk}/certificate.pdf"
                ),
            },
        )


@router.get(
    "/regions/{slug}/enrolments/{enrolment_id}/certificate.pdf",
    auth=signed_in,
    response={200: None, 404: ErrorOut},
    summary="The certificate as a PDF (staff, or the holder)",
)
def certificate_pdf(request: HttpRequest, slug: Slug, enrolment_id: Id):
    with region_context(request, slug, roles=LEARNERS) as region:
        enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
        certificate = selectors.certificate_of(enrolment=enrolment)
        if certificate is None:
            raise Http404
        return certificate_pdf_response(certificate, verification_url_for(request, certificate))


@router.get(
    "/regions/{slug}/licence-pools",
    auth=signed_in,
    response=list[LicencePoolOut],
    summary="Licence pools with seats in use and people waiting (operator)",
)
def licence_pools(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=OPERATORS):
        return [
            {
                "id": use.pool.pk,
                "product": use.pool.product.name,
                "seats": use.pool.seats,
                "in_use": use.in_use,
                "waiting": use.waiting,
                "valid_from": use.pool.valid_from,
                "valid_to": use.pool.valid_to,
            }
            for use in selectors.pool_utilisation(day=clock.today())
        ]
