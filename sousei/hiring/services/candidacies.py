"""Writes of hiring: openings and their pipelines, applications (with the CV and the link
to an event registration), and stage moves. Each write locks what it changes, records an
audit entry and queues the candidate's mail after the commit."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict
from sousei.core.models import EMPLOYER_KINDS, Organization, Region, RegionOrganization
from sousei.events.models import Registration
from sousei.hiring import mail
from sousei.hiring.cv import cv_check
from sousei.hiring.models import (
    APPLIED,
    DEFAULT_STAGES,
    EXIT_STAGES,
    HIRED,
    OFFER,
    REJECTED,
    STAGE_LABELS,
    WITHDRAWN,
    Candidacy,
    DesiredResidence,
    EmploymentType,
    HeardVia,
    JobOpening,
    Offer,
    OfferStatus,
    OpeningSkill,
    OpeningStatus,
    StageMove,
    WorkStyle,
    stage_label_lazy,
)
from sousei.hiring.services.tally import tally_add
from sousei.people.models import Person
from sousei.people.services import person_upsert
from sousei.people.validation import CleanPerson, person_clean
from sousei.training.models import Skill

Actor = User | AnonymousUser | None

APPLICATION_CONSENT_VERSION = "2026-11-24"
MAX_STAGES = 12
MAX_SALARY_JPY = 100_000_000
# Candidates hear about stage moves into these (and about rejection); moves into offer and
# hired are told by the offer mail and the welcome mail.
SILENT_STAGES = (APPLIED, OFFER, HIRED, WITHDRAWN)


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


# --- openings ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OpeningInput:
    title: str
    description: str
    employment_type: str
    residence_region: Region
    salary_min_jpy: int
    salary_max_jpy: int
    work_style: str = WorkStyle.LOCATION_FREE
    working_hours: str = ""
    stages: Sequence[str] = field(default_factory=lambda: [])
    skills: Sequence[tuple[str, int]] = ()  # (skill code, level 1–4)
    # The hiring organisation; None keeps an opening's employer, and makes a new opening
    # the region's operator's.
    employer_id: int | None = None


def employer_resolve(*, region: Region, employer_id: int | None) -> Organization:
    """The employer an opening may name: a company taking part in the region's program
    (None: the region's operator). Anything else is refused with what to do instead."""
    links = RegionOrganization.objects.filter(
        region=region, organization__kind__in=EMPLOYER_KINDS
    ).select_related("organization")
    if employer_id is None:
        link = links.filter(organization__kind=Organization.Kind.OPERATOR).order_by("id").first()
        if link is None:
            raise ValidationError(
                {
                    "employer": ValidationError(
                        _(
                            "This region has no operator on record; choose the employer, or "
                            "add the operator to the region first."
                        ),
                        code="no_operator",
                    )
                }
            )
        return link.organization
    link = links.filter(organization_id=employer_id).first()
    if link is None:
        raise ValidationError(
            {
                "employer": ValidationError(
                    _(
                        "The employer must be a company taking part in this region's program; "
                        "choose one from the list."
                    ),
                    code="unknown_employer",
                )
            }
        )
    return link.organization


def stages_clean(stages: Sequence[str]) -> list[str]:
    """A pipeline: applied first, offer and hired last, custom stages between, no repeats.
    An empty list means the default pipeline."""
    cleaned = [unicodedata.normalize("NFKC", s).strip() for s in stages if s and s.strip()]
    if not cleaned:
        return list(DEFAULT_STAGES)
    if cleaned[0] != APPLIED or cleaned[-2:] != [OFFER, HIRED]:
        raise ValidationError(
            _(
                "A pipeline starts with %(first)s and ends with %(offer)s, %(hired)s; put "
                "your own stages between them."
            ),
            code="pipeline_ends",
            params={
                "first": STAGE_LABELS[APPLIED],
                "offer": STAGE_LABELS[OFFER],
                "hired": STAGE_LABELS[HIRED],
            },
        )
    repeated = sorted({s for s in cleaned if cleaned.count(s) > 1})
    if repeated:
        raise ValidationError(
            _("Each stage may appear once; %(stages)s appear more than once."),
            code="pipeline_repeats",
            params={"stages": ", ".join(repeated)},
        )
    exits = [s for s in cleaned if s in EXIT_STAGES]
    if exits:
        raise ValidationError(
            _("%(stages)s are exits every pipeline has; leave them out of the stages."),
            code="pipeline_exits",
            params={"stages": ", ".join(exits)},
        )
    too_long = [s for s in cleaned if len(s) > 40]
    if too_long:
        raise ValidationError(
            _("Stage names are at most 40 characters: shorten %(stage)s."),
            code="pipeline_name",
            params={"stage": too_long[0]},
        )
    if len(cleaned) > MAX_STAGES:
        raise ValidationError(
            _("A pipeline has at most %(max)s stages; this one has %(count)s."),
            code="pipeline_length",
            params={"max": MAX_STAGES, "count": len(cleaned)},
        )
    return cleaned


def _opening_clean(data: OpeningInput) -> tuple[dict[str, object], list[tuple[Skill, int]]]:
    errors: dict[str, list[ValidationError]] = {}

    def fail(name: str, error: ValidationError) -> None:
        errors.setdefault(name, []).append(error)

    title = data.title.strip()
    if not title:
        fail("title", ValidationError(_("Give the opening a title."), code="required"))
    if not data.description.strip():
        fail(
            "description",
            ValidationError(
                _("Describe the work, so candidates know what they apply for."), code="required"
            ),
        )
    if data.employment_type not in EmploymentType.values:
        fail(
            "employment_type",
            ValidationError(_("Choose an employment type from the list."), code="invalid"),
        )
    if data.work_style not in WorkStyle.values:
        fail("work_style", ValidationError(_("Choose a work style from the list."), code="invalid"))
    low, high = data.salary_min_jpy, data.salary_max_jpy
    if low < 0 or high < 0 or high > MAX_SALARY_JPY:
        fail(
            "salary_max_jpy",
            ValidationError(
                _("Enter the annual salary in yen, between 0 and 100,000,000."), code="range"
            ),
        )
    elif low > high:
        fail(
            "salary_max_jpy",
            ValidationError(
                _(
                    "The salary range ends below where it starts (%(low)s > %(high)s yen); "
                    "enter the higher figure in 'up to'."
                ),
                code="salary_range",
                params={"low": f"{low:,}", "high": f"{high:,}"},
            ),
        )
    try:
        stages = stages_clean(data.stages)
    except ValidationError as error:
        fail("stages", error)
        stages = []
    skills: list[tuple[Skill, int]] = []
    codes = [code for code, _level in data.skills]
    known = {s.code: s for s in Skill.objects.filter(code__in=codes)}
    for code, level in data.skills:
        if code not in known:
            fail(
                "skills",
                ValidationError(
                    _("There is no skill with the code %(code)s."),
                    code="unknown_skill",
                    params={"code": code},
                ),
            )
        elif not 1 <= level <= 4:
            fail(
                "skills",
                ValidationError(
                    _("Skill levels go from 1 (basic) to 4 (expert); %(code)s has %(level)s."),
                    code="skill_level",
                    params={"code": code, "level": level},
                ),
            )
        else:
            skills.append((known[code], level))
    if errors:
        raise ValidationError(errors)
    return (
        {
            "title": title,
            "description": data.description.strip(),
            "employment_type": data.employment_type,
            "work_style": data.work_style,
            "residence_region": data.residence_region,
            "salary_min_jpy": low,
            "salary_max_jpy": high,
            "working_hours": data.working_hours.strip(),
            "stages": stages,
        },
        skills,
    )


def _skills_set(opening: JobOpening, skills: list[tuple[Skill, int]]) -> None:
    OpeningSkill.objects.filter(opening=opening).delete()
    OpeningSkill.objects.bulk_create(
        OpeningSkill(region=opening.region, opening=opening, skill=skill, level=level)
        for skill, level in skills
    )


def opening_create(
    *, region: Region, data: OpeningInput, actor: Actor, publish: bool = False
) -> JobOpening:
    """A new opening (a draft unless publish=True) with its pipeline and required skills."""
    fields, skills = _opening_clean(data)
    employer = employer_resolve(region=region, employer_id=data.employer_id)
    with transaction.atomic():
        opening = JobOpening.objects.create(
            region=region,
            employer=employer,
            created_by=_user(actor),
            created_at=clock.now(),
            **fields,
        )
        _skills_set(opening, skills)
        if publish:
            opening.status = OpeningStatus.PUBLISHED
            opening.published_at = clock.now()
            opening.save(update_fields=["status", "published_at"])
        audit_record(
            region=region,
            actor=actor,
            action="opening.create",
            obj=opening,
            changes={
                "title": opening.title,
                "employer": employer.name,
                "stages": opening.stages,
                "status": opening.status,
            },
        )
    return opening


def opening_update(*, opening_id: int, data: OpeningInput, actor: Actor) -> JobOpening:
    """Change an opening. A stage that still holds candidates cannot be removed."""
    fields, skills = _opening_clean(data)
    with transaction.atomic():
        opening = JobOpening.objects.select_for_update().get(pk=opening_id)
        if data.employer_id is not None and data.employer_id != opening.employer_id:
            fields["employer"] = employer_resolve(
                region=opening.region, employer_id=data.employer_id
            )
        removed = [s for s in opening.stages if s not in fields["stages"]]  # type: ignore[operator]
        if removed:
            held = dict(
                Candidacy.objects.filter(opening=opening, stage__in=removed)
                .values_list("stage")
                .annotate(n=Count("id"))
                .order_by()
            )
            if held:
                stage, count = next(iter(held.items()))
                raise ValidationError(
                    {
                        "stages": ValidationError(
                            _(
                                "%(count)s candidates are in the stage %(stage)s; move them "
                                "before removing the stage."
                            ),
                            code="stage_in_use",
                            params={"count": count, "stage": stage_label_lazy(stage)},
                        )
                    }
                )
        changes = {
            name: [str(getattr(opening, name)), str(value)]
            for name, value in fields.items()
            if getattr(opening, name) != value
        }
        for name, value in fields.items():
            setattr(opening, name, value)
        opening.save(update_fields=list(fields))
        _skills_set(opening, skills)
        audit_record(
            region=opening.region,
            actor=actor,
            action="opening.update",
            obj=opening,
            changes=changes,
        )
    return opening


def opening_set_status(*, opening_id: int, status: str, actor: Actor) -> JobOpening:
    """Publish, close or return an opening to draft."""
    if status not in OpeningStatus.values:
        raise ValidationError({"status": _("Choose draft, published or closed.")})
    with transaction.atomic():
        opening = JobOpening.objects.select_for_update().get(pk=opening_id)
        if opening.status == status:
            raise Conflict(
                _("The opening is already %(status)s."),
                status=OpeningStatus(status).label,
            )
        before = opening.status
        opening.status = status
        now = clock.now()
        if status == OpeningStatus.PUBLISHED:
            opening.published_at = now
            opening.closed_at = None
        elif status == OpeningStatus.CLOSED:
            opening.closed_at = now
        opening.save(update_fields=["status", "published_at", "closed_at"])
        audit_record(
            region=opening.region,
            actor=actor,
            action="opening.status",
            obj=opening,
            changes={"status": [before, status]},
        )
    return opening


# --- applications --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CandidacyInput:
    """What a candidate sends: the same fields on the web form and the API."""

    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str
    phone: str
    postal_code: str
    heard_via: str
    consent: bool
    cv: UploadedFile | None
    desired_residence: str = DesiredResidence.IN_REGION
    desired_residence_note: str = ""
    graduation_year: int | None = None
    motivation: str = ""
    language: str = "ja"


def candidacy_consent_check(granted: bool) -> None:
    """The purpose of use must be agreed to (the form checks it too, so its reason shows
    together with the person's fields')."""
    if not granted:
        raise ValidationError(
            _("Agree to the purpose of use to apply; we cannot process an application without it."),
            code="consent",
        )


def _candidacy_clean(
    opening: JobOpening, data: CandidacyInput, today: dt.date
) -> tuple[CleanPerson, dict[str, object], UploadedFile]:
    """Every field checked, all problems at once (ValidationError by field): the person's
    by the one person validation (people.validation.person_clean), then the candidacy's."""
    errors: dict[str, list[ValidationError]] = {}

    def check(name: str, call):
        try:
            return call()
        except ValidationError as error:
            errors.setdefault(name, []).append(error)
            return None

    person = person_clean(
        {
            "family_name": data.family_name,
            "given_name": data.given_name,
            "family_name_kana": data.family_name_kana,
            "given_name_kana": data.given_name_kana,
            "email": data.email,
            "phone": data.phone,
            "postal_code": data.postal_code,
        }
    )
    errors.update(person.errors)
    if data.heard_via not in HeardVia.values:
        errors.setdefault("heard_via", []).append(
            ValidationError(_("Choose how you heard about this job."), code="invalid")
        )
    if data.desired_residence not in DesiredResidence.values:
        errors.setdefault("desired_residence", []).append(
            ValidationError(_("Choose where you want to live."), code="invalid")
        )
    elif (
        data.desired_residence == DesiredResidence.OTHER and not data.desired_residence_note.strip()
    ):
        errors.setdefault("desired_residence_note", []).append(
            ValidationError(_("Name the place where you want to live."), code="required")
        )
    year = data.graduation_year
    if year is not None and not today.year - 60 <= year <= today.year + 6:
        errors.setdefault("graduation_year", []).append(
            ValidationError(
                _("Enter the year you graduate or graduated, e.g. %(year)s."),
                code="range",
                params={"year": today.year + 1},
            )
        )
    check("consent", lambda: candidacy_consent_check(data.consent))
    upload = check("cv", lambda: cv_check(data.cv))
    if errors:
        raise ValidationError(errors)
    address = person.address
    assert address is not None
    assert upload is not None
    lives_here = address.municipality_code == opening.residence_region.code
    return (
        CleanPerson(fields=person.fields, address=address),
        {
            "language": "en" if (data.language or "").startswith("en") else "ja",
            "lives_in_region": lives_here,
            "desired_residence": data.desired_residence,
            "desired_residence_note": data.desired_residence_note.strip()[:80],
            "graduation_year": year,
            "heard_via": data.heard_via,
            "motivation": data.motivation.strip()[:4000],
        },
        upload,
    )


def source_registration_for(*, person: Person) -> Registration | None:
    """The event registration an applicant came through: the same person (found by e-mail)
    in this region, an attended one first, then the latest."""
    return (
        Registration.objects.filter(person=person)
        .select_related("event")
        .order_by(F("checked_in_at").desc(nulls_last=True), "-created_at", "-id")
        .first()
    )


def candidacy_apply(
    *, opening: JobOpening, data: CandidacyInput, actor: Actor, today: dt.date | None = None
) -> Candidacy:
    """A candidate applies to a published opening. Nothing is stored when a field is wrong
    (ValidationError) or they already have an open candidacy for it (Conflict)."""
    today = today or clock.today()
    if opening.status != OpeningStatus.PUBLISHED:
        raise Conflict(
            _("%(title)s is not taking applications. See the other open jobs."),
            title=opening.title,
        )
    person_fields, fields, upload = _candidacy_clean(opening, data, today)
    user = _user(actor)
    now = clock.now()
    candidacy = Candidacy(
        region=opening.region,
        applied_at=now,
        stage_entered_at=now,
        opening=opening,
        user=user,
        cv_name=(upload.name or "cv.pdf")[-200:],
        cv_size=upload.size or 0,
        consent_wording_version=APPLICATION_CONSENT_VERSION,
        **fields,
    )
    candidacy.cv.save("cv.pdf", upload, save=False)
    try:
        with transaction.atomic():
            person = person_upsert(
                region=opening.region,
                actor=actor,
                address=person_fields.address,
                **person_fields.fields,
            )
            if (
                Candidacy.objects.filter(opening=opening, person=person)
                .exclude(stage__in=EXIT_STAGES)
                .exists()
            ):
                raise _already_applied(opening)
            registration = source_registration_for(person=person)
            candidacy.person = person
            candidacy.source_registration = registration
            candidacy.source_event = registration.event if registration else None
            candidacy.save()
            StageMove.objects.create(
                region=opening.region,
                candidacy=candidacy,
                from_stage="",
                to_stage=APPLIED,
                by=user,
                at=now,
            )
            audit_record(
                region=opening.region,
                actor=actor,
                action="candidacy.apply",
                obj=candidacy,
                changes={
                    "opening": opening.pk,
                    "source_registration": registration.pk if registration else None,
                },
            )
            tally_add(candidacy=candidacy, applicants=1)
            mail.queue(candidacy=candidacy, kind="application_received")
    except IntegrityError:
        candidacy.cv.delete(save=False)
        raise _already_applied(opening) from None
    except BaseException:
        candidacy.cv.delete(save=False)
        raise
    return candidacy


def _already_applied(opening: JobOpening) -> Conflict:
    return Conflict(
        _(
            "You have already applied to %(title)s with this email address, and that "
            "application is still open. We will contact you about it."
        ),
        title=opening.title,
    )


# --- stage moves ---------------------------------------------------------------------------


def stage_record(
    *,
    candidacy: Candidacy,
    to_stage: str,
    actor: Actor,
    reason: str = "",
    at: dt.datetime | None = None,
) -> StageMove:
    """Move a locked candidacy and write its history (inside the caller's transaction)."""
    at = at or clock.now()
    move = StageMove.objects.create(
        region=candidacy.region,
        candidacy=candidacy,
        from_stage=candidacy.stage,
        to_stage=to_stage,
        by=_user(actor),
        at=at,
        reason=reason,
    )
    candidacy.stage = to_stage
    candidacy.stage_entered_at = at
    update = ["stage", "stage_entered_at"]
    if to_stage == REJECTED:
        candidacy.rejection_reason = reason
        update.append("rejection_reason")
    candidacy.save(update_fields=update)
    # Every stage change passes here (moves, a declined offer, a hire), so the event is told
    # once, in the caller's transaction; the reason stays inside (it may name the person).
    domain_event_publish(
        kind="candidacy.stage_changed",
        region=candidacy.region,
        payload={
            "candidacy_id": candidacy.pk,
            "opening_id": candidacy.opening_id,
            "person_id": candidacy.person_id,
            "from": move.from_stage,
            "to": to_stage,
        },
    )
    return move


def candidacy_move(
    *, candidacy_id: int, to_stage: str, actor: Actor, reason: str = ""
) -> Candidacy:
    """Move a candidacy to another stage of its opening, or out (rejected needs a reason;
    withdrawn). Hiring happens only by an accepted offer. An open offer is withdrawn when
    the candidacy leaves."""
    reason = (reason or "").strip()
    with transaction.atomic():
        candidacy = (
            Candidacy.objects.select_for_update().select_related("opening").get(pk=candidacy_id)
        )
        opening = candidacy.opening
        if to_stage not in opening.stages and to_stage not in EXIT_STAGES:
            raise ValidationError(
                {
                    "stage": ValidationError(
                        _(
                            "%(title)s has no stage %(stage)s. Its stages are: %(stages)s "
                            "(or the exits rejected and withdrawn)."
                        ),
                        code="unknown_stage",
                        params={
                            "title": opening.title,
                            "stage": to_stage,
                            "stages": ", ".join(opening.stages),
                        },
                    )
                }
            )
        if not candidacy.is_open:
            raise Conflict(
                _("This candidacy has ended (%(stage)s); it cannot move any more."),
                stage=stage_label_lazy(candidacy.stage),
            )
        if to_stage == candidacy.stage:
            raise Conflict(
                _("The candidate is already in the stage %(stage)s."),
                stage=stage_label_lazy(to_stage),
            )
        if to_stage == HIRED:
            raise Conflict(
                _(
                    "A candidate is hired when they accept an approved offer. Move them to "
                    "%(offer)s and make the offer."
                ),
                offer=STAGE_LABELS[OFFER],
            )
        if to_stage == REJECTED and not reason:
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("Give the reason for the rejection; it stays in the history."),
                        code="required",
                    )
                }
            )
        before = candidacy.stage
        stage_record(candidacy=candidacy, to_stage=to_stage, actor=actor, reason=reason)
        if to_stage != OFFER:
            # Leaving the offer stage (or the process) takes back an offer not yet answered.
            Offer.objects.filter(
                candidacy=candidacy, status__in=(OfferStatus.DRAFT, OfferStatus.APPROVED)
            ).update(status=OfferStatus.WITHDRAWN)
        audit_record(
            region=candidacy.region,
            actor=actor,
            action="candidacy.move",
            obj=candidacy,
            changes={"stage": [before, to_stage], "reason": reason},
        )
        if to_stage not in SILENT_STAGES:
            mail.queue(candidacy=candidacy, kind="stage_changed", stage=to_stage)
    return candidacy
