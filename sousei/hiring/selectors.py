"""Reads of hiring, inside the caller's region scope. Lists read a fixed number of queries
whatever their length. Scorecards go through `scorecards_visible`, which keeps the other
interviewers' scorecards of an interview from anyone on its panel who has not submitted
their own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, F, Prefetch, Q, QuerySet

from sousei.core import clock
from sousei.core.models import EMPLOYER_KINDS, Membership, Organization, RegionOrganization
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.selectors import messages_about
from sousei.core.pagination import Page, paginate
from sousei.core.roles import Role
from sousei.core.scoping import cross_region
from sousei.hiring import links
from sousei.hiring.models import (
    ACTIVE_STAGE_EXCLUDED,
    APPLIED,
    EXIT_STAGES,
    HIRED,
    Candidacy,
    Employee,
    Interview,
    Interviewer,
    JobOpening,
    Offer,
    OfferStatus,
    OpeningSkill,
    OpeningStatus,
    Scorecard,
    StageMove,
    stage_label,
)

# Who may sit on an interview panel and read its scorecards: the region's operators, and
# the staff of the opening's employer (panel_members).
INTERVIEWER_ROLES = (Role.OPERATOR,)


def panel_members(*, employer_id: int) -> Q:
    """The memberships whose users may interview for an employer's opening."""
    return Q(role__in=INTERVIEWER_ROLES) | Q(role=Role.EMPLOYER, organization_id=employer_id)


def _openings() -> QuerySet[JobOpening]:
    return JobOpening.objects.select_related("residence_region", "employer").prefetch_related(
        Prefetch("skills", queryset=OpeningSkill.objects.select_related("skill").order_by("-level"))
    )


def opening_list(
    *, published_only: bool, employer_ids: frozenset[int] | None = None
) -> list[JobOpening]:
    """Openings with their skills (three queries); published ones newest first for the
    public, every opening with open candidacies counted for staff. `employer_ids` narrows
    to those employers' openings (None: every employer's)."""
    qs = _openings()
    if employer_ids is not None:
        qs = qs.filter(employer_id__in=employer_ids)
    if published_only:
        return list(qs.filter(status=OpeningStatus.PUBLISHED).order_by("-published_at", "-id"))
    return list(
        qs.annotate(candidacy_count=Count("candidacies")).order_by("status", "-created_at", "-id")
    )


def opening_get(*, opening_id: int, published_only: bool) -> JobOpening:
    qs = _openings()
    if published_only:
        qs = qs.filter(status=OpeningStatus.PUBLISHED)
    return qs.get(pk=opening_id)


@dataclass(frozen=True)
class StageColumn:
    code: str
    label: str
    count: int
    current: bool


@dataclass(frozen=True)
class Pipeline:
    opening: JobOpening
    columns: list[StageColumn]
    stage: str
    page: Page[Candidacy]
    now: dt.datetime = field(default_factory=clock.now)


def pipeline(*, opening: JobOpening, stage: str | None, page: int, size: int) -> Pipeline:
    """An opening's stages with how many candidates each holds, and one stage's candidates
    (the longest waiting first). Four queries whatever the numbers."""
    counts = dict(
        Candidacy.objects.filter(opening=opening)
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    codes = [*opening.stages, *EXIT_STAGES]
    current: str = stage if stage is not None and stage in codes else opening.stages[0]
    if stage is None:
        # Open on the first stage that holds someone.
        current = next((c for c in opening.stages if counts.get(c)), opening.stages[0])
    columns = [StageColumn(c, stage_label(c), counts.get(c, 0), c == current) for c in codes]
    qs = (
        Candidacy.objects.filter(opening=opening, stage=current)
        .select_related("person")
        .order_by("stage_entered_at", "id")
    )
    return Pipeline(
        opening=opening, columns=columns, stage=current, page=paginate(qs, page=page, size=size)
    )


def candidacy_get(*, candidacy_id: int) -> Candidacy:
    return Candidacy.objects.select_related(
        "person",
        "opening__residence_region",
        "opening__employer",
        "source_registration",
        "source_event",
    ).get(pk=candidacy_id)


def candidacy_history(*, candidacy: Candidacy) -> list[StageMove]:
    return list(
        StageMove.objects.filter(candidacy=candidacy).select_related("by").order_by("at", "id")
    )


def candidacy_offers(*, candidacy: Candidacy) -> list[Offer]:
    return list(
        Offer.objects.filter(candidacy=candidacy)
        .select_related("created_by", "approved_by")
        .order_by("-created_at", "-id")
    )


def candidacy_mails(*, candidacy: Candidacy) -> list[OutboxMessage]:
    """The mails sent (or queued) to the candidate about this candidacy, oldest first."""
    return messages_about(obj=candidacy)


def employee_of(*, candidacy: Candidacy) -> Employee | None:
    return (
        Employee.objects.filter(candidacy=candidacy).select_related("home_region", "person").first()
    )


@dataclass
class InterviewView:
    """An interview with the scorecards the viewer may read."""

    interview: Interview
    interviewers: list[User]
    scorecards: list[Scorecard]
    hidden: int  # scorecards kept from the viewer until they submit their own
    on_panel: bool
    submitted: bool

    @property
    def can_score(self) -> bool:
        return self.on_panel and not self.submitted


def interviews_visible(*, candidacy: Candidacy, user: User) -> list[InterviewView]:
    """The candidacy's interviews with their panels and the scorecards `user` may see.

    Someone on an interview's panel sees its other scorecards only after submitting their
    own (so each judgement is independent); others allowed on the candidacy see them all.
    Three queries whatever the numbers."""
    interviews = list(
        Interview.objects.filter(candidacy=candidacy)
        .prefetch_related(
            Prefetch("panel", queryset=Interviewer.objects.select_related("user").order_by("id")),
            Prefetch(
                "scorecards",
                queryset=Scorecard.objects.select_related("interviewer").order_by("submitted_at"),
            ),
        )
        .order_by("starts_at", "id")
    )
    views = []
    for interview in interviews:
        panel = [member.user for member in interview.panel.all()]
        cards = list(interview.scorecards.all())
        on_panel = any(u.pk == user.pk for u in panel)
        submitted = any(c.interviewer_id == user.pk for c in cards)
        visible = cards if (submitted or not on_panel) else []
        views.append(
            InterviewView(
                interview=interview,
                interviewers=panel,
                scorecards=visible,
                hidden=len(cards) - len(visible),
                on_panel=on_panel,
                submitted=submitted,
            )
        )
    return views


def scorecards_visible(*, candidacy: Candidacy, user: User) -> list[Scorecard]:
    """Every scorecard of the candidacy that `user` may read (see interviews_visible)."""
    return [
        card
        for view in interviews_visible(candidacy=candidacy, user=user)
        for card in view.scorecards
    ]


def interview_get(*, interview_id: int) -> Interview:
    return Interview.objects.select_related(
        "candidacy__opening__employer", "candidacy__person"
    ).get(pk=interview_id)


def interviewer_choices(*, employer_id: int) -> list[User]:
    """Users who may sit on a panel for an employer's opening in the current region (its
    operators and that employer's staff; the membership query is scoped to the region)."""
    return list(
        User.objects.filter(
            pk__in=Membership.objects.filter(panel_members(employer_id=employer_id)).values(
                "user_id"
            )
        ).order_by("username")
    )


def candidacies_of_user(*, user: User) -> list[Candidacy]:
    """A signed-in candidate's own candidacies in the region, with their offers."""
    return list(
        Candidacy.objects.filter(user=user)
        .select_related("opening__employer")
        .prefetch_related(
            Prefetch("offers", queryset=Offer.objects.order_by("-created_at")),
            Prefetch("interviews", queryset=Interview.objects.order_by("starts_at")),
        )
        .order_by("-applied_at", "-id")
    )


def offer_get(*, offer_id: int) -> Offer:
    return Offer.objects.select_related(
        "candidacy__opening__employer", "candidacy__person", "created_by", "approved_by"
    ).get(pk=offer_id)


# The privacy notice on the application form promises that the application of a candidate
# who is not hired is kept for one year and then deleted.
RETENTION_YEARS = 1


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    """The moment one retention period before `now` (29 February falls back to the 28th)."""
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def candidacies_past_retention(*, now: dt.datetime) -> QuerySet[Candidacy]:
    """Candidacies that ended without a hire more than the retention period ago: rejected
    or withdrawn (a declined offer withdraws) since before the cutoff, or left open on an
    opening closed since before it. A hire, or an accepted offer, is never among them."""
    cutoff = retention_cutoff(now)
    ended = Q(stage__in=EXIT_STAGES, stage_entered_at__lte=cutoff) | Q(
        opening__status=OpeningStatus.CLOSED,
        opening__closed_at__lte=cutoff,
        stage_entered_at__lte=cutoff,
    )
    return (
        Candidacy.objects.filter(ended, hired_at__isnull=True)
        .exclude(stage=HIRED)
        .exclude(employee__isnull=False)
        .exclude(offers__status="accepted")
        .order_by("pk")
    )


# --- the signed-in candidate ---------------------------------------------------------------

PREFILLED_PERSON_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "email",
    "phone",
    "postal_code",
)


def application_initial(*, user: User) -> dict[str, object]:
    """What a signed-in candidate's new application starts from: who they said they are on
    their latest application in the region (two queries), or their account's name and e-mail
    when they have not applied yet. The CV, the motivation and the consent are asked anew."""
    latest = (
        Candidacy.objects.filter(user=user)
        .select_related("person")
        .order_by("-applied_at", "-id")
        .first()
    )
    if latest is None:
        return {
            key: value
            for key, value in {
                "family_name": user.last_name,
                "given_name": user.first_name,
                "email": user.email,
            }.items()
            if value
        }
    initial: dict[str, object] = {
        name: getattr(latest.person, name) for name in PREFILLED_PERSON_FIELDS
    }
    initial.update(
        desired_residence=latest.desired_residence,
        desired_residence_note=latest.desired_residence_note,
        graduation_year=latest.graduation_year,
    )
    return {key: value for key, value in initial.items() if value not in ("", None)}


@dataclass(frozen=True)
class CandidateView:
    """A candidate's dashboard: their applications, the interviews to come and the offers
    that wait for their answer (each with its signed link)."""

    candidacies: list[Candidacy]
    interviews: list[Interview]
    offers: list[tuple[Offer, str]]


def candidate_view(*, user: User, now: dt.datetime) -> CandidateView:
    """Three queries whatever the number of applications."""
    candidacies = candidacies_of_user(user=user)
    interviews = sorted(
        (i for c in candidacies for i in c.interviews.all() if i.ends_at >= now),
        key=lambda interview: interview.starts_at,
    )
    offers = [
        (offer, links.offer_token(offer=offer))
        for c in candidacies
        for offer in c.offers.all()
        if offer.status == OfferStatus.APPROVED
    ]
    return CandidateView(candidacies=candidacies, interviews=interviews, offers=offers)


# --- employers -----------------------------------------------------------------------------


def employer_choices(*, employer_ids: frozenset[int] | None) -> list[Organization]:
    """The companies of the region an opening may name, the operator first; `employer_ids`
    narrows them to the ones an employer's staff act for (None: all)."""
    qs = RegionOrganization.objects.filter(organization__kind__in=EMPLOYER_KINDS).select_related(
        "organization"
    )
    if employer_ids is not None:
        qs = qs.filter(organization_id__in=employer_ids)
    found = [link.organization for link in qs]
    return sorted(found, key=lambda o: (o.kind != Organization.Kind.OPERATOR, o.name))


@dataclass(frozen=True)
class EmployerProfile:
    """An employer's public page: who it is and its published openings in the region."""

    organization: Organization
    openings: list[JobOpening]


def employer_profile(*, organization_id: int) -> EmployerProfile:
    """The profile of a company taking part in the current region's program (three
    queries); raises Organization.DoesNotExist for any other organisation."""
    link = (
        RegionOrganization.objects.filter(
            organization_id=organization_id, organization__kind__in=EMPLOYER_KINDS
        )
        .select_related("organization")
        .first()
    )
    if link is None:
        raise Organization.DoesNotExist
    openings = opening_list(published_only=True, employer_ids=frozenset({organization_id}))
    return EmployerProfile(organization=link.organization, openings=openings)


def hiring_counts_by_region(*, region_ids: Collection[int]) -> dict[int, dict[str, int]]:
    """Published openings, candidacies in progress and hires of each region, for a
    company's programs side by side: two queries whatever the number of regions. A declared
    cross-region read: the caller holds a role in every region named."""
    counts: dict[int, dict[str, int]] = {
        region_id: {"open_openings": 0, "candidacies": 0, "hires": 0} for region_id in region_ids
    }
    with cross_region("a company's programs side by side, in the caller's own regions"):
        for region_id, n in (
            JobOpening.objects.filter(
                region_id__in=list(region_ids), status=OpeningStatus.PUBLISHED
            )
            .values_list("region_id")
            .annotate(n=Count("id"))
            .order_by()
        ):
            counts[region_id]["open_openings"] = n
        for region_id, active, hires in (
            Candidacy.objects.filter(region_id__in=list(region_ids))
            .values_list("region_id")
            .annotate(
                active=Count("id", filter=~Q(stage__in=[*EXIT_STAGES, HIRED])),
                hires=Count("id", filter=Q(stage=HIRED)),
            )
            .order_by()
        ):
            counts[region_id]["candidacies"] = active
            counts[region_id]["hires"] = hires
    return counts


@dataclass(frozen=True)
class OpeningProgress:
    opening: JobOpening
    in_progress: int
    to_screen: int


@dataclass(frozen=True)
class RecruiterView:
    """What a recruiter's dashboard shows: their openings with the candidates in progress and
    the new ones to screen, and the interviews to come where they sit on the panel."""

    openings: list[OpeningProgress]
    interviews: list[Interview]


def recruiter_view(
    *, user: User, employer_ids: frozenset[int] | None, now: dt.datetime, shown: int
) -> RecruiterView:
    """Two queries whatever the number of openings and interviews. `employer_ids` narrows to
    those employers' openings (None: every employer's, for an operator)."""
    openings = JobOpening.objects.exclude(status=OpeningStatus.CLOSED).select_related("employer")
    if employer_ids is not None:
        openings = openings.filter(employer_id__in=employer_ids)
    in_progress = ~Q(candidacies__stage__in=ACTIVE_STAGE_EXCLUDED)
    openings = openings.annotate(
        in_progress=Count("candidacies", filter=in_progress),
        to_screen=Count("candidacies", filter=Q(candidacies__stage=APPLIED)),
    ).order_by("-to_screen", F("published_at").desc(nulls_last=True), "-id")
    interviews = (
        Interview.objects.filter(panel__user=user, ends_at__gte=now)
        .select_related("candidacy__opening", "candidacy__person")
        .order_by("starts_at", "id")
    )
    return RecruiterView(
        openings=[OpeningProgress(o, o.in_progress, o.to_screen) for o in openings[:shown]],
        interviews=list(interviews[:shown]),
    )


def scorecards_to_write_count(*, user: User, now: dt.datetime) -> int:
    """Interviews that have ended where the user sat on the panel and wrote no scorecard,
    while the candidacy is still open (a scorecard no longer decides anything once the
    candidate is hired, rejected or withdrawn)."""
    return (
        Interview.objects.filter(panel__user=user, ends_at__lt=now)
        .exclude(candidacy__stage__in=ACTIVE_STAGE_EXCLUDED)
        .exclude(scorecards__interviewer=user)
        .count()
    )


def candidacies_to_screen_count(*, employer_ids: frozenset[int] | None) -> int:
    """New applications (stage "applied") to the openings the reader recruits for."""
    candidacies = Candidacy.objects.filter(stage=APPLIED)
    if employer_ids is not None:
        candidacies = candidacies.filter(opening__employer_id__in=employer_ids)
    return candidacies.count()


def offers_to_approve_count(*, user: User) -> int:
    """Draft offers waiting for a second operator: those the user did not draft (four eyes)."""
    return Offer.objects.filter(status=OfferStatus.DRAFT).exclude(created_by=user).count()


def offers_to_answer_count(*, user: User) -> int:
    """Offers sent to the signed-in candidate that wait for their answer."""
    return Offer.objects.filter(status=OfferStatus.APPROVED, candidacy__user=user).count()


def employee_get(*, employee_id: int) -> Employee | None:
    """A hire's employee record with its person and opening (the workplace seats new hires
    in their team from it)."""
    return Employee.objects.select_related("person", "opening").filter(pk=employee_id).first()


def employees_all() -> list[Employee]:
    """The region's hires with their person, by start date."""
    return list(Employee.objects.select_related("person", "opening").order_by("start_date", "pk"))


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def candidacies_of_person(*, person_id: int) -> QuerySet[Candidacy]:
    return Candidacy.objects.filter(person_id=person_id).order_by("id")


def stage_moves_of_person(*, person_id: int) -> QuerySet[StageMove]:
    return StageMove.objects.filter(candidacy__person_id=person_id).order_by("id")


def interviews_of_person(*, person_id: int) -> QuerySet[Interview]:
    return Interview.objects.filter(candidacy__person_id=person_id).order_by("id")


def offers_of_person(*, person_id: int) -> QuerySet[Offer]:
    return Offer.objects.filter(candidacy__person_id=person_id).order_by("id")


def employees_of_person(*, person_id: int) -> QuerySet[Employee]:
    return Employee.objects.filter(person_id=person_id).order_by("id")
