"""The demo's location-free hiring: two openings in Koga (the default pipeline and one with
its own stages) with candidates in every stage, interviews with scorecards, offers (a draft
waiting for approval, one sent, accepted ones) and hires with their employee records. Some
candidates came through the demo internship (they apply with the e-mail they registered
with, so they are the same person and the application links itself to the registration) and
the funnel attributes their hires to it.

Idempotent: an opening already there (by title) is left as it is. Everything goes through
the services at past moments (clock.frozen_at), with the candidates' mails switched off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from sousei.core import clock
from sousei.core.models import Membership, Organization, Region, RegionOrganization
from sousei.core.outbox.services import messages_held
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.events.models import Registration
from sousei.hiring.models import Candidacy, Employee, JobOpening, OfferStatus
from sousei.hiring.services import candidacies as services
from sousei.hiring.services import offers
from sousei.training.models import Skill

DEMO_CV = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)

# (family, kana, given, kana, romaji) of the candidates who did not come through an event.
OTHERS = (
    ("中村", "ナカムラ", "優斗", "ユウト", "nakamura.yuto"),
    ("小林", "コバヤシ", "葵", "アオイ", "kobayashi.aoi"),
    ("加藤", "カトウ", "陽菜", "ヒナ", "kato.hina"),
    ("吉田", "ヨシダ", "湊", "ミナト", "yoshida.minato"),
    ("山田", "ヤマダ", "結衣", "ユイ", "yamada.yui"),
    ("佐々木", "ササキ", "蒼", "アオ", "sasaki.ao"),
    ("山口", "ヤマグチ", "凛", "リン", "yamaguchi.rin"),
    ("松本", "マツモト", "樹", "イツキ", "matsumoto.itsuki"),
    ("井上", "イノウエ", "紬", "ツムギ", "inoue.tsumugi"),
    ("木村", "キムラ", "大和", "ヤマト", "kimura.yamato"),
)
# Where they live now: Koga, Fukuoka City, Tokyo, Fukutsu.
POSTAL_CODES = ("8113101", "8100001", "1000001", "8113201", "8113103")


@dataclass(frozen=True)
class HiringSummary:
    region: str
    openings: int
    candidacies: int
    interviews: int
    hires: int
    from_events: int
    added: int

    def line(self) -> str:
        return (
            f"  {self.region} hiring: {self.openings} openings, {self.candidacies} candidacies, "
            f"{self.interviews} interviews, {self.hires} hires ({self.from_events} candidacies "
            f"came through events; {self.added} openings added)"
        )


@contextmanager
def _quiet() -> Iterator[None]:
    """No e-mails about the demo's history."""
    with messages_held():
        yield


class _Seeder:
    def __init__(self, *, region: Region, operator: User, approver: User) -> None:
        self.region = region
        self.operator = operator
        self.approver = approver
        # Who sits on the interviews the seeder schedules (an employer's own staff for its
        # openings, see _employer_opening).
        self.panel: list[User] = [operator, approver]
        self.now = clock.now()
        self.count = 0
        self.added = 0

    def opening(
        self,
        title: str,
        *,
        stages: list[str],
        skills: list[tuple[str, int]],
        days_ago: int,
        employer_id: int | None = None,
        description: str = "",
    ) -> JobOpening | None:
        if JobOpening.objects.filter(title=title).exists():
            return None
        known = set(
            Skill.objects.filter(code__in=[c for c, _l in skills]).values_list("code", flat=True)
        )
        with clock.frozen_at(self.now - dt.timedelta(days=days_ago)):
            opening = services.opening_create(
                region=self.region,
                data=services.OpeningInput(
                    title=title,
                    description=description
                    or (
                        "古賀市に住みながら、自宅または快生館から働く拠点フリーの正社員です。"
                        "自治体や地元企業の業務をRPA・ノーコードで自動化するチームに加わります。"
                        "入社後の研修・コミュニケーションはバーチャルオフィスで行います。"
                    ),
                    employment_type="full_time",
                    residence_region=self.region,
                    salary_min_jpy=3_600_000,
                    salary_max_jpy=5_200_000,
                    working_hours="9:00〜18:00（フレックス、コアタイム11:00〜15:00）",
                    stages=stages,
                    skills=[(c, level) for c, level in skills if c in known],
                    employer_id=employer_id,
                ),
                actor=self.operator,
                publish=True,
            )
        self.added += 1
        return opening

    def candidate(
        self, *, email: str, names: tuple[str, str, str, str], postal: str
    ) -> services.CandidacyInput:
        self.count += 1
        return services.CandidacyInput(
            family_name=names[0],
            given_name=names[2],
            family_name_kana=names[1],
            given_name_kana=names[3],
            email=email,
            phone=f"0901234{self.count:04d}",
            postal_code=postal,
            heard_via="event"
            if "student" in email
            else ("job_site", "social", "referral")[self.count % 3],
            consent=True,
            cv=SimpleUploadedFile("cv.pdf", DEMO_CV, content_type="application/pdf"),
            graduation_year=2027 if self.count % 2 else None,
            desired_residence="in_region",
            motivation="古賀に住み続けながら、地域のDXに関わる仕事がしたいと考えています。",
            language="en" if self.count % 7 == 0 else "ja",
        )

    def journey(
        self, opening: JobOpening, data: services.CandidacyInput, *, goal: str, start: dt.datetime
    ) -> Candidacy:
        """Apply at `start`, then walk the stages towards `goal` a few days apart."""
        with clock.frozen_at(start):
            candidacy = services.candidacy_apply(opening=opening, data=data, actor=None)
        if goal == "applied":
            return candidacy
        moment = start
        path = [s for s in opening.stages[1:] if s != "hired"]
        exits = {"rejected": "書類・面接の評価から、今回は見送り", "withdrawn": ""}
        target = goal if goal not in exits else path[min(2, len(path) - 1)]
        for stage in path:
            moment += dt.timedelta(days=4)
            with clock.frozen_at(moment):
                services.candidacy_move(
                    candidacy_id=candidacy.pk, to_stage=stage, actor=self.operator
                )
                if stage.startswith("interview"):
                    self.interview(candidacy, stage, moment)
            if stage == target:
                break
        if goal in exits:
            moment += dt.timedelta(days=2)
            with clock.frozen_at(moment):
                services.candidacy_move(
                    candidacy_id=candidacy.pk,
                    to_stage=goal,
                    reason=exits[goal],
                    actor=self.operator,
                )
            return candidacy
        if goal in ("offer_draft", "offer_sent", "hired"):
            self.offer(candidacy, goal, moment)
        return candidacy

    def interview(self, candidacy: Candidacy, stage: str, moment: dt.datetime) -> None:
        """An interview two days after the move, with two scorecards once it is over
        (when that is in the past)."""
        starts = (moment + dt.timedelta(days=2)).replace(hour=5, minute=0, second=0, microsecond=0)
        interview = offers.interview_schedule(
            candidacy_id=candidacy.pk,
            data=offers.InterviewInput(
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1),
                interviewer_ids=[user.pk for user in self.panel],
                place="快生館 会議室A" if stage == "interview_2" else "",
                online_url="" if stage == "interview_2" else "https://meet.example.jp/sousei-koga",
            ),
            actor=self.operator,
        )
        if starts + dt.timedelta(hours=2) > self.now:
            return
        for n, user in enumerate(self.panel):
            with clock.frozen_at(starts + dt.timedelta(hours=1, minutes=10 + n * 20)):
                offers.scorecard_submit(
                    interview_id=interview.pk,
                    data=offers.ScorecardInput(
                        scores={
                            "skills": 3 + (candidacy.pk + n) % 2,
                            "communication": 3 + n % 2,
                            "motivation": 4,
                            "remote_work": 3,
                        },
                        notes={
                            "skills": "RPAの基礎は十分。",
                            "remote_work": "自己管理の経験あり。",
                        },
                        recommendation=("strong_yes", "yes")[n],
                        summary="次の選考へ進めたい。",
                    ),
                    actor=user,
                )

    def offer(self, candidacy: Candidacy, goal: str, moment: dt.datetime) -> None:
        moment += dt.timedelta(days=3)
        with clock.frozen_at(moment):
            day = clock.today()
            offer = offers.offer_draft(
                candidacy_id=candidacy.pk,
                data=offers.OfferInput(
                    salary_jpy=4_200_000,
                    start_date=day + dt.timedelta(days=60),
                    respond_by=day + dt.timedelta(days=10),
                    conditions="試用期間3か月（条件同一）。勤務地は自宅（古賀市内）または快生館。",
                ),
                actor=self.operator,
            )
        if goal == "offer_draft":
            return
        with clock.frozen_at(moment + dt.timedelta(days=1)):
            offers.offer_approve(offer_id=offer.pk, actor=self.approver)
        if goal == "hired":
            with clock.frozen_at(moment + dt.timedelta(days=4)):
                offers.offer_respond(offer_id=offer.pk, accept=True, actor=None)


def _approver(region: Region) -> User:
    """A second operator (the hiring manager) who approves the offers the first drafts."""
    user, created = User.objects.get_or_create(
        username=f"operator2-{region.slug}",
        defaults={
            "email": f"operator2-{region.slug}@sousei.example.jp",
            "first_name": "採用責任者",
        },
    )
    if created:
        user.set_password(settings.SOUSEI_DEMO_PASSWORD)
        user.save(update_fields=["password"])
    with region_scope(region):
        Membership.objects.get_or_create(region=region, user=user, role=Role.OPERATOR)
    return user


# Candidates of the Koga employer's opening (the employer's staff see only these).
EMPLOYER_CANDIDATES = (
    (("林", "ハヤシ", "美咲", "ミサキ"), "hayashi.misaki", "8113103", "interview_1"),
    (("清水", "シミズ", "翔", "ショウ"), "shimizu.sho", "8113101", "applied"),
)


def _employer_opening(seeder: _Seeder, start: dt.datetime) -> None:
    """The opening of a hiring company other than the operator, with two candidates; the
    company's own staff interview them (and hear of it, as a real panel would)."""
    employer = (
        RegionOrganization.objects.filter(organization__kind=Organization.Kind.EMPLOYER)
        .order_by("id")
        .first()
    )
    if employer is None:
        return
    opening = seeder.opening(
        "ECサイト運用・商品ページ制作（拠点フリー）",
        stages=[],
        skills=[("nocode.kintone", 1)],
        days_ago=30,
        employer_id=employer.organization_id,
        description=(
            "地元の商店や農家のECサイトで、商品ページの制作と受発注の運用を担当します。"
            "市内の自宅から働き、月に一度シェアオフィスに集まります。"
        ),
    )
    if opening is None:
        return
    staff = list(
        User.objects.filter(
            memberships__region=seeder.region,
            memberships__role=Role.EMPLOYER,
            memberships__organization_id=employer.organization_id,
        ).order_by("id")[:1]
    )
    seeder.panel = [*staff, seeder.operator]
    try:
        for n, (names, email, postal, goal) in enumerate(EMPLOYER_CANDIDATES):
            seeder.journey(
                opening,
                seeder.candidate(email=f"{email}@example.jp", names=names, postal=postal),
                goal=goal,
                start=start + dt.timedelta(days=10 + n * 3),
            )
    finally:
        seeder.panel = [seeder.operator, seeder.approver]


def _demo_candidate(region: Region) -> None:
    """candidate-<slug> is the candidate whose offer waits for their answer: their dashboard
    shows the application, its stage and the offer, and the queue asks them to answer. Their
    account carries the candidate's name, as a signed-in application would."""
    user = User.objects.filter(username=f"candidate-{region.slug}").first()
    if user is None or Candidacy.objects.filter(user=user).exists():
        return
    offered = (
        Candidacy.objects.filter(offers__status=OfferStatus.APPROVED, user__isnull=True)
        .select_related("person")
        .order_by("id")
        .first()
    )
    if offered is None:
        return
    Candidacy.objects.filter(pk=offered.pk).update(user=user)
    person = offered.person
    user.last_name, user.first_name = person.family_name, person.given_name
    user.save(update_fields=["last_name", "first_name"])


def seed_hiring(*, region: Region, operator: User) -> HiringSummary:
    """Seed the region's openings and candidates (inside its region scope)."""
    seeder = _Seeder(region=region, operator=operator, approver=_approver(region))
    if region.slug == "koga":
        with _quiet():
            first = seeder.opening(
                "RPAエンジニア（拠点フリー・古賀市在住）",
                stages=[],
                skills=[("rpa.uipath", 2), ("rpa.winactor", 2)],
                days_ago=70,
            )
            second = seeder.opening(
                "kintoneアプリ開発（拠点フリー）",
                stages=["applied", "screening", "assignment", "interview_1", "offer", "hired"],
                skills=[("nocode.kintone", 2)],
                days_ago=50,
            )
            # The internship's attendees apply with the email they registered with.
            attended = list(
                Registration.objects.filter(checked_in_at__isnull=False)
                .order_by("id")
                .values_list(
                    "person__email",
                    "person__family_name",
                    "person__family_name_kana",
                    "person__given_name",
                    "person__given_name_kana",
                )
            )
            plan: list[tuple[JobOpening | None, str]] = [
                (first, "hired"),
                (first, "hired"),
                (first, "offer_sent"),
                (first, "interview_2"),
                (second, "hired"),
                (second, "assignment"),
                (first, "rejected"),
            ]
            others = [
                (first, "applied"),
                (first, "screening"),
                (first, "interview_1"),
                (first, "offer_draft"),
                (first, "withdrawn"),
                (first, "hired"),
                (second, "applied"),
                (second, "interview_1"),
                (second, "offer_sent"),
                (second, "rejected"),
            ]
            start = seeder.now - dt.timedelta(days=45)
            for n, ((opening, goal), person) in enumerate(zip(plan, attended, strict=False)):
                if opening is None:
                    continue
                email, family, family_kana, given, given_kana = person
                seeder.journey(
                    opening,
                    seeder.candidate(
                        email=email,
                        names=(family, family_kana, given, given_kana),
                        postal=POSTAL_CODES[n % 2],
                    ),
                    goal=goal,
                    start=start + dt.timedelta(days=n),
                )
            for n, ((opening, goal), person) in enumerate(zip(others, OTHERS, strict=False)):
                if opening is None:
                    continue
                seeder.journey(
                    opening,
                    seeder.candidate(
                        email=f"{person[4]}@example.jp",
                        names=(person[0], person[1], person[2], person[3]),
                        postal=POSTAL_CODES[n % len(POSTAL_CODES)],
                    ),
                    goal=goal,
                    start=start + dt.timedelta(days=2 + n * 2),
                )
    # Not held: the employer's staff find their candidate's interview in the inbox (it lies
    # a few days ahead).
    _employer_opening(seeder, seeder.now - dt.timedelta(days=20))
    _demo_candidate(region)
    return HiringSummary(
        region=region.slug,
        openings=JobOpening.objects.count(),
        candidacies=Candidacy.objects.count(),
        interviews=Candidacy.objects.filter(interviewed_at__isnull=False).count(),
        hires=Employee.objects.count(),
        from_events=Candidacy.objects.filter(source_event__isnull=False).count(),
        added=seeder.added,
    )
