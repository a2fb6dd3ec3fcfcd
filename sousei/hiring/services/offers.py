"""Writes of the selection: interviews and their panels, scorecards, offers (drafted,
approved by a second operator, answered by the candidate) and the hire, which creates the
employee record. Each write locks what it changes, audits, and mails the candidate after
the commit.

Who approves an offer: a region operator other than the one who drafted it (four eyes).
The salary and start date bind the company, so one person alone cannot send them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.services import account_invite
from sousei.core.text import date_text
from sousei.hiring import mail, notifications
from sousei.hiring.models import (
    HIRED,
    OFFER,
    SCORECARD_CRITERIA,
    STAGE_LABELS,
    WITHDRAWN,
    Candidacy,
    Employee,
    Interview,
    Interviewer,
    Offer,
    OfferStatus,
    Recommendation,
    Scorecard,
    stage_label_lazy,
)
from sousei.hiring.selectors import panel_members
from sousei.hiring.services.candidacies import Actor, _user, stage_record
from sousei.hiring.services.tally import tally_add

MAX_INTERVIEW_HOURS = 8


class NotOnPanel(PermissionDenied):
    """Only the interview's interviewers write its scorecards."""


def _open_candidacy(candidacy_id: int) -> Candidacy:
    candidacy = Candidacy.objects.select_for_update().select_related("opening").get(pk=candidacy_id)
    if not candidacy.is_open:
        raise Conflict(
            _("This candidacy has ended (%(stage)s); nothing more can be scheduled or offered."),
            stage=stage_label_lazy(candidacy.stage),
        )
    return candidacy


# --- interviews ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class InterviewInput:
    starts_at: dt.datetime
    ends_at: dt.datetime
    interviewer_ids: Sequence[int]
    place: str = ""
    online_url: str = ""


def interviewers_allowed(*, region: Region, user_ids: Sequence[int], employer_id: int) -> set[int]:
    """Which of these users may interview for an employer's opening in the region (they
    hold an operator role there, or act for that employer)."""
    return set(
        Membership.objects.filter(
            panel_members(employer_id=employer_id), region=region, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )


def interview_schedule(*, candidacy_id: int, data: InterviewInput, actor: Actor) -> Interview:
    """An interview slot for an open candidacy with its panel; the candidate gets the
    invitation with the .ics. The first interview is the funnel's interview milestone."""
    errors: dict[str, list[ValidationError]] = {}

    def fail(name: str, message: Any, code: str, **params: object) -> None:
        errors.setdefault(name, []).append(ValidationError(message, code=code, params=params))

    if timezone.is_naive(data.starts_at) or timezone.is_naive(data.ends_at):
        raise ValueError("interview times must be aware")
    if data.ends_at <= data.starts_at:
        fail("ends_at", _("The interview ends before it starts; check the end time."), "order")
    elif data.ends_at - data.starts_at > dt.timedelta(hours=MAX_INTERVIEW_HOURS):
        fail(
            "ends_at",
            _("An interview lasts at most %(hours)s hours; check the end time."),
            "too_long",
            hours=MAX_INTERVIEW_HOURS,
        )
    place, url = data.place.strip(), data.online_url.strip()
    if not place and not url:
        fail(
            "place",
            _("Say where the interview is: a place, an online meeting link, or both."),
            "required",
        )
    if url and not url.startswith("https://"):
        fail("online_url", _("The online meeting link must start with https://."), "https")
    ids = list(dict.fromkeys(data.interviewer_ids))
    if not ids:
        fail("interviewer_ids", _("Choose at least one interviewer."), "required")
    with transaction.atomic():
        candidacy = _open_candidacy(candidacy_id)
        region = candidacy.region
        if ids:
            allowed = interviewers_allowed(
                region=region, user_ids=ids, employer_id=candidacy.opening.employer_id
            )
            strangers = [i for i in ids if i not in allowed]
            if strangers:
                fail(
                    "interviewer_ids",
                    _(
                        "Interviewers must be operators of this region or staff of the "
                        "employer; %(count)s of the chosen users are not."
                    ),
                    "not_operator",
                    count=len(strangers),
                )
        if errors:
            raise ValidationError(errors)
        now = clock.now()
        interview = Interview.objects.create(
            region=region,
            candidacy=candidacy,
            stage=candidacy.stage,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            place=place,
            online_url=url,
            created_by=_user(actor),
            created_at=now,
            # Within a day the invitation is the reminder.
            reminder_sent_at=(
                now if data.starts_at - now <= dt.timedelta(hours=mail.REMINDER_HOURS) else None
            ),
        )
        Interviewer.objects.bulk_create(
            Interviewer(region=region, interview=interview, user_id=user_id) for user_id in ids
        )
        if candidacy.interviewed_at is None:
            candidacy.interviewed_at = now
            candidacy.save(update_fields=["interviewed_at"])
            tally_add(candidacy=candidacy, interviews=1)
        audit_record(
            region=region,
            actor=actor,
            action="interview.schedule",
            obj=interview,
            changes={
                "candidacy": candidacy.pk,
                "starts_at": data.starts_at.isoformat(),
                "interviewers": ids,
            },
        )
        if data.starts_at > now:
            mail.queue(candidacy=candidacy, kind="interview_invitation", interview=interview)
            notifications.notify_interview_scheduled(interview=interview)
    return interview


# --- scorecards ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ScorecardInput:
    scores: dict[str, int]  # criterion → 1..4, for every criterion in SCORECARD_CRITERIA
    recommendation: str
    notes: dict[str, str] | None = None
    summary: str = ""


def scorecard_submit(*, interview_id: int, data: ScorecardInput, actor: User) -> Scorecard:
    """The interviewer's own scorecard for an interview they sat on; once only."""
    errors: dict[str, list[ValidationError]] = {}
    for name, label in SCORECARD_CRITERIA.items():
        score = data.scores.get(name)
        if score is None or not 1 <= int(score) <= 4:
            errors.setdefault(f"{name}_score", []).append(
                ValidationError(
                    _("Score %(criterion)s from 1 (weak) to 4 (strong)."),
                    code="score",
                    params={"criterion": label},
                )
            )
    if data.recommendation not in Recommendation.values:
        errors.setdefault("recommendation", []).append(
            ValidationError(_("Choose a recommendation."), code="required")
        )
    if errors:
        raise ValidationError(errors)
    notes = data.notes or {}
    with transaction.atomic():
        interview = Interview.objects.select_for_update().get(pk=interview_id)
        if not Interviewer.objects.filter(interview=interview, user=actor).exists():
            raise NotOnPanel(_("Only the interview's interviewers write its scorecards."))
        if Scorecard.objects.filter(interview=interview, interviewer=actor).exists():
            raise Conflict(_("You have already submitted your scorecard for this interview."))
        fields: dict[str, object] = {}
        for name in SCORECARD_CRITERIA:
            fields[f"{name}_score"] = int(data.scores[name])
            fields[f"{name}_note"] = (notes.get(name) or "").strip()[:4000]
        try:
            with transaction.atomic():
                scorecard = Scorecard.objects.create(
                    region=interview.region,
                    interview=interview,
                    interviewer=actor,
                    recommendation=data.recommendation,
                    summary=data.summary.strip()[:4000],
                    submitted_at=clock.now(),
                    **fields,
                )
        except IntegrityError:
            raise Conflict(
                _("You have already submitted your scorecard for this interview.")
            ) from None
        audit_record(
            region=interview.region,
            actor=actor,
            action="scorecard.submit",
            obj=scorecard,
            changes={"interview": interview.pk, "recommendation": data.recommendation},
        )
    return scorecard


# --- offers and the hire -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OfferInput:
    salary_jpy: int
    start_date: dt.date
    respond_by: dt.date
    conditions: str = ""


def offer_draft(
    *, candidacy_id: int, data: OfferInput, actor: Actor, today: dt.date | None = None
) -> Offer:
    """Draft the terms for a candidacy in the offer stage; another operator approves."""
    today = today or clock.today()
    errors: dict[str, list[ValidationError]] = {}
    if not 0 < data.salary_jpy <= 100_000_000:
        errors.setdefault("salary_jpy", []).append(
            ValidationError(_("Enter the annual salary in yen, e.g. 4200000."), code="range")
        )
    if data.start_date < today:
        errors.setdefault("start_date", []).append(
            ValidationError(_("The start date has passed; choose a date from today."), code="past")
        )
    if data.respond_by < today:
        errors.setdefault("respond_by", []).append(
            ValidationError(
                _("The answer-by date has passed; give the candidate time to answer."),
                code="past",
            )
        )
    elif data.respond_by > data.start_date:
        errors.setdefault("respond_by", []).append(
            ValidationError(
                _("The candidate must answer before the start date; choose an earlier date."),
                code="after_start",
            )
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        candidacy = _open_candidacy(candidacy_id)
        if candidacy.stage != OFFER:
            raise Conflict(
                _("Move the candidate to the stage %(offer)s before making an offer."),
                offer=STAGE_LABELS[OFFER],
            )
        if Offer.objects.filter(
            candidacy=candidacy, status__in=(OfferStatus.DRAFT, OfferStatus.APPROVED)
        ).exists():
            raise Conflict(
                _("This candidate already has an offer waiting; withdraw it before a new one.")
            )
        offer = Offer.objects.create(
            region=candidacy.region,
            candidacy=candidacy,
            salary_jpy=data.salary_jpy,
            start_date=data.start_date,
            respond_by=data.respond_by,
            conditions=data.conditions.strip(),
            created_by=_user(actor),
            created_at=clock.now(),
        )
        audit_record(
            region=candidacy.region,
            actor=actor,
            action="offer.draft",
            obj=offer,
            changes={
                "candidacy": candidacy.pk,
                "salary_jpy": data.salary_jpy,
                "start_date": data.start_date.isoformat(),
            },
        )
        notifications.notify_offer_to_approve(offer=offer)
    return offer


def offer_approve(*, offer_id: int, actor: User) -> Offer:
    """A second operator approves the draft; the candidate gets the offer by mail."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().select_related("candidacy").get(pk=offer_id)
        if offer.status != OfferStatus.DRAFT:
            raise Conflict(
                _("Only a draft offer can be approved; this one is %(status)s."),
                status=OfferStatus(offer.status).label,
            )
        if offer.created_by_id == actor.pk:
            raise Conflict(
                _(
                    "You drafted this offer; another operator must approve it (four eyes on "
                    "every offer)."
                )
            )
        candidacy = Candidacy.objects.select_for_update().get(pk=offer.candidacy_id)
        if candidacy.stage != OFFER:
            raise Conflict(
                _("Move the candidate to the stage %(offer)s before making an offer."),
                offer=STAGE_LABELS[OFFER],
            )
        now = clock.now()
        offer.status = OfferStatus.APPROVED
        offer.approved_at = now
        offer.approved_by = actor
        offer.save(update_fields=["status", "approved_at", "approved_by"])
        if candidacy.offered_at is None:
            candidacy.offered_at = now
            candidacy.save(update_fields=["offered_at"])
            tally_add(candidacy=candidacy, offers=1)
        audit_record(
            region=offer.region, actor=actor, action="offer.approve", obj=offer, changes={}
        )
        mail.queue(candidacy=candidacy, kind="offer", offer=offer)
        notifications.notify_offer_sent(offer=offer)
    return offer


def offer_respond(
    *, offer_id: int, accept: bool, actor: Actor, today: dt.date | None = None
) -> Offer:
    """The candidate accepts (they are hired: employee record, stage hired) or declines
    (their candidacy is withdrawn). An offer is answered once."""
    today = today or clock.today()
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer_id)
        if offer.status == OfferStatus.ACCEPTED:
            raise Conflict(
                _("This offer was already accepted on %(date)s."),
                date=date_text(timezone.localdate(offer.responded_at or clock.now())),
            )
        if offer.status == OfferStatus.DECLINED:
            raise Conflict(
                _("This offer was already declined on %(date)s."),
                date=date_text(timezone.localdate(offer.responded_at or clock.now())),
            )
        if offer.status != OfferStatus.APPROVED:
            raise Conflict(_("This offer is not open for an answer. Contact the recruiter."))
        if offer.respond_by < today:
            raise Conflict(
                _("The offer could be answered until %(date)s. Contact the recruiter."),
                date=date_text(offer.respond_by),
            )
        candidacy = (
            Candidacy.objects.select_for_update()
            .select_related("opening__residence_region")
            .get(pk=offer.candidacy_id)
        )
        now = clock.now()
        offer.status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
        offer.responded_at = now
        offer.save(update_fields=["status", "responded_at"])
        audit_record(
            region=offer.region,
            actor=actor,
            action="offer.accept" if accept else "offer.decline",
            obj=offer,
            changes={"candidacy": candidacy.pk},
        )
        if accept:
            domain_event_publish(
                kind="offer.accepted",
                region=offer.region,
                payload={
                    "offer_id": offer.pk,
                    "candidacy_id": candidacy.pk,
                    "opening_id": candidacy.opening_id,
                    "person_id": candidacy.person_id,
                    "start_date": offer.start_date.isoformat(),
                    "status": offer.status,
                },
            )
            employee_create(candidacy=candidacy, offer=offer, actor=actor, at=now)
        else:
            stage_record(
                candidacy=candidacy,
                to_stage=WITHDRAWN,
                actor=actor,
                reason="offer declined",
                at=now,
            )
        notifications.notify_offer_answered(offer=offer)
    return offer


def _hire_account(*, candidacy: Candidacy, actor: Actor) -> User:
    """The hire's way in: the account they applied with, else the person's, else the one with
    their address, else a new one (linked to the candidacy and the person); the candidate
    role in the region (the employee record is what the workplace reads); an invitation when
    they cannot sign in yet (in the language they applied in)."""
    person = candidacy.person
    user = account_invite(
        region=candidacy.region,
        user=candidacy.user or person.user,
        email=person.email,
        role=Role.CANDIDATE,
        actor=actor,
        language=candidacy.language,
        first_name=person.given_name,
        last_name=person.family_name,
        only_without_password=True,
    )
    if candidacy.user_id != user.pk:
        candidacy.user = user
        candidacy.save(update_fields=["user"])
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return user


def employee_create(
    *, candidacy: Candidacy, offer: Offer, actor: Actor, at: dt.datetime
) -> Employee:
    """The hire (inside offer_respond's transaction): stage hired, the funnel's hire
    milestone, and the employee record of the candidacy's person with the home region
    (where their address lies now), ready for onboarding."""
    opening = candidacy.opening
    person = candidacy.person
    home = Region.objects.filter(code=person.municipality_code).first()
    lives_here = person.municipality_code == opening.residence_region.code
    stage_record(candidacy=candidacy, to_stage=HIRED, actor=actor, at=at)
    candidacy.hired_at = at
    candidacy.lives_in_region = lives_here
    candidacy.save(update_fields=["hired_at", "lives_in_region"])
    tally_add(
        candidacy=candidacy,
        hires=1,
        hires_in_region=int(lives_here),
        seconds_to_hire=round((at - candidacy.applied_at).total_seconds()),
    )
    user = _hire_account(candidacy=candidacy, actor=actor)
    employee = Employee.objects.create(
        region=candidacy.region,
        candidacy=candidacy,
        opening=opening,
        offer=offer,
        user=user,
        person=person,
        home_municipality_code=person.municipality_code,
        home_region=home,
        lives_in_region=lives_here,
        employment_type=opening.employment_type,
        salary_jpy=offer.salary_jpy,
        start_date=offer.start_date,
        hired_at=at,
    )
    audit_record(
        region=candidacy.region,
        actor=actor,
        action="employee.create",
        obj=employee,
        changes={"candidacy": candidacy.pk, "home_municipality_code": person.municipality_code},
    )
    mail.queue(candidacy=candidacy, kind="hired", offer=offer)
    domain_event_publish(
        kind="employee.created",
        region=candidacy.region,
        payload={
            "employee_id": employee.pk,
            "candidacy_id": candidacy.pk,
            "opening_id": opening.pk,
            "start_date": offer.start_date.isoformat(),
        },
    )
    return employee


def employee_onboarded(*, employee_id: int, at: dt.datetime, actor: Actor) -> Employee:
    """Record that the hire's onboarding finished (the workplace's checklist is complete)."""
    employee = Employee.objects.select_for_update().get(pk=employee_id)
    if employee.onboarded_at is None:
        employee.onboarded_at = at
        employee.save(update_fields=["onboarded_at"])
        audit_record(
            region=employee.region,
            actor=actor,
            action="employee.onboarded",
            obj=employee,
            changes={"onboarded_at": at.isoformat()},
        )
    return employee
