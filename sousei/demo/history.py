"""The program's earlier years for the impact demo (called by `seed-demo` after the other apps'
demos and before `seed_impact` rebuilds the outcome records): a fiscal year 2025 cohort in
every state, and two people of 2026 who left training early, each replayed through the
services of people, training, projects, work and careers with the clock at the moment each
step happened; and how each of them answers the residence checks at 6 and 12 months.

Koga's FY2025 cohort (applied in July 2025, trained from 18 August): rejected, waitlisted,
accepted but never enrolled, left early to take a job, left early for another reason,
completed and placed on a project (paid in October and December 2025), then full-time with
employment insurance (a conversion, and work elsewhere), work without it, an independent,
one continuing on projects, one who found work and moved to Fukuoka City, and one still
looking. Fukutsu's is
smaller, enough to compare the two. The fixed dates keep the story stable; every one of them
is before December 2026.

Idempotent: a person is found by their email in the region and kept as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from sousei.careers.services import OutcomeInput, career_outcome_record
from sousei.core import clock
from sousei.core.models import Region
from sousei.impact.services import CheckAnswer, early_leaving_record
from sousei.people.models import Application, Participant
from sousei.people.services import ApplicationInput, application_decide, application_submit
from sousei.projects.demo import moment_on, workdays
from sousei.projects.models import Assignment, ClientProject
from sousei.projects.services.assignments import (
    AssignmentInput,
    assignment_create,
    assignment_end,
)
from sousei.projects.services.projects import ProjectInput, project_create, skill_needs_by_code
from sousei.training.demo import catalogue_seed
from sousei.training.models import Course, Enrolment, EnrolmentStatus, Licence, LicencePool
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    assessment_record,
    enrolment_complete,
    enrolment_create,
    enrolment_withdraw,
    progress_log,
)
from sousei.training.services.licences import licence_pool_create, licence_release
from sousei.work.demo import seed_time_and_pay

JST = ZoneInfo("Asia/Tokyo")
D = dt.date
FY2025_START = D(2025, 8, 18)
POOL_NOTE = "{year}年度 研修生向けの無償提供枠"
REASONS = {
    "reject": "週あたりの学習可能時間が、コース修了に必要な時間に届かないため。",
    "waitlist": "今期の定員に達したため、空きが出しだいご案内します。",
}
PROJECT_TITLE = "業務自動化ロボットの開発・保守（{year}年度）"


@dataclass(frozen=True)
class Out:
    """One career outcome row."""

    kind: str
    on: dt.date
    step: str = ""
    employer: str = ""
    insured: bool | None = None
    lives: bool = True
    code: str = ""
    note: str = ""


@dataclass(frozen=True)
class Story:
    """One person's way: applied on `applied`, the decisions, then (when `trains`) a course
    from `starts`, left early on `left` (for `left_for`) or completed; on the project until
    `paid_until`; the outcomes, oldest first."""

    name: tuple[str, str, str, str]  # family, given, and their kana
    romaji: str
    born: dt.date
    income: int
    applied: dt.date
    decisions: tuple[str, ...] = ("accept",)
    trains: bool = True
    starts: dt.date = FY2025_START
    left: dt.date | None = None
    left_for: str = ""
    paid_until: dt.date | None = None
    outcomes: tuple[Out, ...] = ()


def _conversion(applied: dt.date, hired: dt.date, employer: str) -> tuple[Out, ...]:
    steps = (
        ("applied", applied),
        ("interviewed", applied + dt.timedelta(days=14)),
        ("offered", hired - dt.timedelta(days=13)),
        ("hired", hired),
    )
    return tuple(
        Out(
            "fulltime_conversion", on, step=step, employer=employer, insured=step == "hired" or None
        )
        for step, on in steps
    )


KOGA = (
    Story(
        ("大塚", "亜美", "オオツカ", "アミ"),
        "otsuka.ami",
        D(1988, 3, 9),
        95_000,
        D(2025, 7, 2),
        paid_until=D(2025, 10, 31),
        outcomes=_conversion(D(2025, 10, 6), D(2025, 11, 17), "株式会社玄海ロジテック"),
    ),
    Story(
        ("今村", "浩之", "イマムラ", "ヒロユキ"),
        "imamura.hiroyuki",
        D(1979, 11, 2),
        120_000,
        D(2025, 7, 3),
        paid_until=D(2025, 10, 31),
        outcomes=(
            Out("employed_elsewhere", D(2025, 11, 4), employer="古賀精機株式会社", insured=True),
        ),
    ),
    Story(
        ("永松", "里奈", "ナガマツ", "リナ"),
        "nagamatsu.rina",
        D(1992, 6, 21),
        70_000,
        D(2025, 7, 4),
        paid_until=D(2025, 10, 31),
        outcomes=(
            Out(
                "employed_elsewhere",
                D(2025, 11, 10),
                employer="有限会社花見商店",
                insured=False,
                note="週20時間未満の勤務のため雇用保険の適用外",
            ),
        ),
    ),
    Story(
        ("岩崎", "慎也", "イワサキ", "シンヤ"),
        "iwasaki.shinya",
        D(1985, 1, 30),
        150_000,
        D(2025, 7, 5),
        paid_until=D(2025, 10, 31),
        outcomes=(Out("independent", D(2025, 11, 1), note="業務自動化の受託（個人事業）"),),
    ),
    Story(
        ("樋口", "紗希", "ヒグチ", "サキ"),
        "higuchi.saki",
        D(1996, 8, 12),
        80_000,
        D(2025, 7, 6),
        paid_until=D(2026, 1, 30),
        outcomes=(Out("continue_projects", D(2025, 11, 1), insured=True),),
    ),
    Story(
        ("小野", "誠治", "オノ", "セイジ"),
        "ono.seiji",
        D(1974, 4, 5),
        110_000,
        D(2025, 7, 9),
        outcomes=(
            Out("employed_elsewhere", D(2025, 9, 16), employer="株式会社千鳥物流", insured=True),
        ),
    ),
    Story(
        ("河野", "優花", "コウノ", "ユウカ"),
        "kono.yuka",
        D(1994, 12, 1),
        90_000,
        D(2025, 7, 10),
        outcomes=(
            Out(
                "employed_elsewhere",
                D(2025, 10, 1),
                employer="株式会社博多クラウド",
                insured=True,
                lives=False,
                code="40133",
                note="福岡市中央区へ転居",
            ),
        ),
    ),
    Story(
        ("堤", "直人", "ツツミ", "ナオト"),
        "tsutsumi.naoto",
        D(1982, 7, 18),
        100_000,
        D(2025, 7, 11),
    ),
    Story(
        ("荒木", "美和", "アラキ", "ミワ"),
        "araki.miwa",
        D(1987, 2, 14),
        85_000,
        D(2025, 7, 2),
        left=D(2025, 8, 29),
        left_for="job",
        outcomes=(
            Out("employed_elsewhere", D(2025, 9, 1), employer="古賀市農業協同組合", insured=True),
        ),
    ),
    Story(
        ("西村", "健", "ニシムラ", "ケン"),
        "nishimura.ken",
        D(1990, 9, 3),
        75_000,
        D(2025, 7, 3),
        left=D(2025, 8, 27),
        left_for="other",
    ),
    Story(
        ("藤田", "舞", "フジタ", "マイ"),
        "fujita.mai",
        D(1998, 5, 27),
        60_000,
        D(2025, 7, 4),
        trains=False,
    ),
    Story(
        ("松井", "康介", "マツイ", "コウスケ"),
        "matsui.kosuke",
        D(1983, 10, 8),
        130_000,
        D(2025, 7, 5),
        decisions=("reject",),
        trains=False,
    ),
    Story(
        ("長尾", "由香", "ナガオ", "ユカ"),
        "nagao.yuka",
        D(1991, 3, 22),
        65_000,
        D(2025, 7, 6),
        decisions=("waitlist",),
        trains=False,
    ),
    # 2026: left early to take a part-time job (no employment insurance), and for another reason.
    Story(
        ("宮本", "晴香", "ミヤモト", "ハルカ"),
        "miyamoto.haruka",
        D(1995, 1, 11),
        70_000,
        D(2026, 5, 11),
        starts=D(2026, 6, 1),
        left=D(2026, 6, 12),
        left_for="job",
        outcomes=(
            Out(
                "employed_elsewhere",
                D(2026, 6, 15),
                employer="株式会社古賀ホームサービス",
                insured=False,
                note="パート勤務（週15時間）",
            ),
        ),
    ),
    Story(
        ("石川", "大樹", "イシカワ", "ダイキ"),
        "ishikawa.daiki",
        D(1989, 8, 30),
        95_000,
        D(2026, 5, 12),
        starts=D(2026, 6, 1),
        left=D(2026, 6, 10),
        left_for="other",
    ),
)
FUKUTSU = (
    Story(
        ("安藤", "沙耶", "アンドウ", "サヤ"),
        "ando.saya",
        D(1990, 4, 4),
        90_000,
        D(2025, 7, 2),
        outcomes=(
            Out(
                "employed_elsewhere",
                D(2025, 10, 1),
                employer="福津港湾サービス株式会社",
                insured=True,
            ),
        ),
    ),
    Story(
        ("桑原", "陽介", "クワハラ", "ヨウスケ"),
        "kuwahara.yosuke",
        D(1986, 9, 9),
        110_000,
        D(2025, 7, 3),
        outcomes=_conversion(D(2025, 10, 1), D(2025, 11, 10), "株式会社玄海ロジテック"),
    ),
    Story(
        ("白井", "恵美", "シライ", "エミ"),
        "shirai.emi",
        D(1993, 2, 2),
        80_000,
        D(2025, 7, 4),
        outcomes=(Out("independent", D(2025, 10, 15), note="ネットショップの運営代行"),),
    ),
    Story(
        ("前田", "航", "マエダ", "ワタル"), "maeda.wataru", D(1997, 12, 12), 70_000, D(2025, 7, 5)
    ),
    Story(
        ("内田", "千夏", "ウチダ", "チナツ"),
        "uchida.chinatsu",
        D(1984, 6, 6),
        100_000,
        D(2025, 7, 6),
        decisions=("reject",),
        trains=False,
    ),
)
STORIES = {"koga": KOGA, "fukutsu": FUKUTSU}
POSTAL = {"koga": "81131{:02d}", "fukutsu": "81132{:02d}"}
# Residence checks answered, per story (by romaji) and months: (still lives there, income).
ANSWERS: dict[str, dict[int, tuple[bool, int | None]]] = {
    "otsuka.ami": {6: (True, 262_000), 12: (True, 268_000)},
    "imamura.hiroyuki": {6: (True, 231_000)},
    "nagamatsu.rina": {6: (True, 148_000), 12: (True, 152_000)},
    "iwasaki.shinya": {6: (True, 205_000), 12: (True, 238_000)},
    "higuchi.saki": {6: (True, None), 12: (True, None)},
    "ono.seiji": {6: (True, 224_000), 12: (True, 226_000)},
    "kono.yuka": {6: (False, None), 12: (False, None)},
    "araki.miwa": {6: (True, 198_000)},
    "ando.saya": {6: (True, 215_000), 12: (True, 218_000)},
    "kuwahara.yosuke": {6: (True, 250_000), 12: (True, 255_000)},
    "shirai.emi": {6: (True, 160_000), 12: (True, 185_000)},
}
MOVED_TO = {"kono.yuka": "40133"}


@dataclass
class History:
    region: str
    added: int = 0
    people: list[Participant] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"  {self.region} earlier cohorts: {len(self.people)} participants of FY2025 and "
            f"FY2026 replayed ({self.added} applicants added now)"
        )

    def answers(self) -> dict[str, dict[int, CheckAnswer]]:
        """How each person answers their residence checks, by email and months."""
        return {
            f"{key}@example.net": {
                months: CheckAnswer(
                    lives_in_region=lives,
                    municipality_code="" if lives else MOVED_TO.get(key, ""),
                    monthly_income_jpy=income,
                )
                for months, (lives, income) in by_months.items()
            }
            for key, by_months in ANSWERS.items()
        }


def _courses(region: Region, trainer: User) -> list[Course]:
    """Short courses whose tool nobody is waiting for: a seat handed back in the replayed
    past must not go to a learner of today."""
    courses = catalogue_seed(region=region, actor=trainer)
    waiting = set(
        Enrolment.objects.filter(status=EnrolmentStatus.WAITING_LICENCE).values_list(
            "course__product_id", flat=True
        )
    )
    keys = ("pad", "appsheet", "uipath", "kintone", "winactor", "powerapps")
    return [courses[k] for k in keys if courses[k].product_id not in waiting]


def _pool(region: Region, course: Course, year: int, seats: int, operator: User) -> None:
    note = POOL_NOTE.format(year=year)
    if LicencePool.objects.filter(product=course.product, note=note).exists():
        return
    with clock.frozen_at(moment_on(D(year, 5, 20), 9)):
        licence_pool_create(
            region=region,
            product=course.product,
            seats=seats,
            valid_from=D(year, 5, 20),
            valid_to=D(year, 9, 30),
            note=note,
            actor=operator,
        )


def _apply(region: Region, story: Story, index: int, operator: User) -> Application:
    family, given, family_kana, given_kana = story.name
    data = ApplicationInput(
        family_name=family,
        given_name=given,
        family_name_kana=family_kana,
        given_name_kana=given_kana,
        birth_date=story.born,
        email=f"{story.romaji}@example.net",
        phone=f"090-{4100 + index:04d}-{sum(map(ord, story.romaji)) % 10000:04d}",
        postal_code=POSTAL[region.slug].format(1 + index % 3),
        address_line=f"{1 + index % 4}-{3 + index}",
        work_status="part_time" if index % 3 else "freelance",
        weekly_hours_available=30,
        baseline_monthly_income_jpy=story.income,
        consent_program=True,
        consent_share_with_municipality=index % 4 != 1,
        motivation="地元で暮らしながら、デジタルのスキルで収入を増やしたいと考えて応募しました。",
    )
    with clock.frozen_at(moment_on(story.applied, 9 + index % 10, 5 * index % 60)):
        application = application_submit(region=region, data=data)
    for step, decision in enumerate(story.decisions, start=1):
        with clock.frozen_at(moment_on(story.applied + dt.timedelta(days=4 * step), 14)):
            application_decide(
                application_id=application.pk,
                decision=decision,
                reason=REASONS.get(decision, ""),
                actor=operator,
            )
    return application


def _train(story: Story, participant: Participant, course: Course, ops: tuple[User, User]) -> None:
    """Enrol, study 8 hours a working day, then complete (or leave on `story.left`)."""
    operator, trainer = ops
    with clock.frozen_at(moment_on(story.starts - dt.timedelta(days=5), 11)):
        enrolment = enrolment_create(
            participant=participant,
            course=course,
            choice=PlanChoice(start_date=story.starts, daily_minutes=480),
            actor=operator,
        )
    ends, total = [], 0
    for module in course.modules.order_by("position"):
        total += module.minutes
        ends.append((total, module.pk))
    done, days, last = 0, workdays(story.starts), story.starts
    while done < total:
        day = next(days)
        if story.left is not None and day >= story.left:
            break
        minutes = min(480, total - done)
        finished = next((pk for end, pk in ends if done < end <= done + minutes), None)
        done += minutes
        with clock.frozen_at(moment_on(day, 18)):
            progress_log(
                enrolment_id=enrolment.pk,
                log=StudyLog(day=day, minutes=minutes, module_id=finished),
                actor=operator,
            )
        last = day
    if story.left is not None:
        with clock.frozen_at(moment_on(story.left, 17)):
            enrolment_withdraw(enrolment_id=enrolment.pk, actor=operator)
            early_leaving_record(
                region=participant.region,
                application_id=participant.application_id,
                reason=story.left_for,
                note="就職のため退校" if story.left_for == "job" else "家庭の事情により退校",
                actor=operator,
            )
        return
    with clock.frozen_at(moment_on(last + dt.timedelta(days=2), 10)):
        assessment_record(enrolment_id=enrolment.pk, score=82, actor=trainer)
    with clock.frozen_at(moment_on(last + dt.timedelta(days=2), 15)):
        enrolment_complete(enrolment_id=enrolment.pk, actor=trainer)


def _outcomes(participant: Participant, story: Story, operator: User) -> None:
    for out in story.outcomes:
        # An independent's outcome is recorded once the 開業届 is filed, 12 days in.
        filed = out.on + dt.timedelta(days=12) if out.kind == "independent" else None
        with clock.frozen_at(moment_on(filed or out.on, 16)):
            career_outcome_record(
                participant_id=participant.pk,
                data=OutcomeInput(
                    kind=out.kind,
                    effective_on=out.on,
                    step=out.step,
                    employer=out.employer,
                    business_started_on=out.on if out.kind == "independent" else None,
                    opening_notice_filed_on=filed,
                    employment_insured=out.insured,
                    lives_in_region=out.lives,
                    municipality_code=out.code,
                    note=out.note,
                ),
                actor=operator,
            )


def _project(
    region: Region, course: Course, people: list[tuple[Story, Participant]], operator: User
) -> list[Assignment]:
    """The FY2025 project the placed people worked on, from September 2025."""
    if not people:
        return []
    title = PROJECT_TITLE.format(year=2025)
    project = ClientProject.objects.filter(title=title).first()
    if project is None:
        client_id = ClientProject.objects.order_by("pk").values_list("client_id", flat=True)[0]
        skill = course.skills.order_by("pk").values_list("skill__code", flat=True)[0]
        with clock.frozen_at(moment_on(D(2025, 9, 1), 10)):
            project = project_create(
                region=region,
                data=ProjectInput(
                    client_id=client_id,
                    title=title,
                    description="受発注・請求の定型業務を自動化するロボットを開発し、運用します。",
                    skills=skill_needs_by_code([(skill, 1, True)]),
                    tool_ids=(course.product_id,),
                    headcount=len(people),
                    hours_per_week=20,
                    starts_on=D(2025, 9, 16),
                    ends_on=D(2026, 1, 30),
                    hourly_rate_jpy=1_300,
                ),
                actor=operator,
            )
    assignments = []
    for position, (story, participant) in enumerate(people):
        found = Assignment.objects.filter(project=project, participant=participant).first()
        if found is None:
            with clock.frozen_at(moment_on(D(2025, 9, 10), 11, position)):
                found = assignment_create(
                    region=region,
                    data=AssignmentInput(
                        project_id=project.pk,
                        participant_id=participant.pk,
                        starts_on=project.starts_on,
                        ends_on=project.ends_on,
                        hourly_rate_jpy=project.hourly_rate_jpy,
                    ),
                    actor=operator,
                )
            end = story.paid_until
            if end is not None and end < project.ends_on:
                with clock.frozen_at(moment_on(end, 18)):
                    found = assignment_end(
                        region=region, assignment_id=found.pk, ends_on=end, actor=operator
                    )
        assignments.append(found)
    return assignments


def _pay(region: Region, operator: User, assignments: list[Assignment]) -> None:
    """October 2025 for everyone on the project; December for who stayed on it."""
    for month in (D(2025, 10, 1), D(2025, 12, 1)):
        on = [a for a in assignments if a.starts_on <= month <= a.ends_on]
        if on:
            with clock.frozen_at(moment_on(month + dt.timedelta(days=40), 10)):
                seed_time_and_pay(region=region, operator=operator, assignments=on, month=month)


def _release(real_today: dt.date) -> None:
    """The seats of those years are handed back when their grace period ended."""
    for licence in Licence.objects.filter(
        pool__note__in=[POOL_NOTE.format(year=year) for year in (2025, 2026)],
        released_at__isnull=True,
    ).select_related("pool__product", "enrolment"):
        with clock.frozen_at(moment_on(licence.release_on or licence.pool.valid_to, 9)):
            licence_release(licence=licence, actor=None, reason="grace_ended", day=real_today)


def seed_history(*, region: Region, operator: User, trainer: User) -> History:
    """Replay the region's earlier cohorts (see the module); existing people are kept."""
    history = History(region=region.slug)
    stories = STORIES.get(region.slug, ())
    courses = _courses(region, trainer)
    if not stories or not courses:
        return history
    course = courses[0]
    for year in (2025, 2026):
        seats = sum(1 for s in stories if s.trains and s.starts.year == year)
        if seats:
            _pool(region, course, year, seats, operator)
    real_today = clock.today()
    placed: list[tuple[Story, Participant]] = []
    for index, story in enumerate(stories):
        application = Application.objects.filter(email=f"{story.romaji}@example.net").first()
        if application is None:
            application = _apply(region, story, index, operator)
            history.added += 1
            participant = Participant.objects.filter(application=application).first()
            if participant is not None and story.trains:
                _train(story, participant, course, (operator, trainer))
        participant = (
            Participant.objects.select_related("person").filter(application=application).first()
        )
        if participant is None:
            continue
        history.people.append(participant)
        if story.paid_until is not None:
            placed.append((story, participant))
    assignments = _project(region, course, placed, operator)
    _pay(region, operator, assignments)
    by_email = {p.person.email: p for p in history.people}
    for story in stories:
        participant = by_email.get(f"{story.romaji}@example.net")
        if participant is not None and story.outcomes and not participant.career_outcomes.exists():
            _outcomes(participant, story, operator)
    _release(real_today)
    return history
