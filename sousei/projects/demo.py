"""The staffing demo: a spring cohort of graduates on client projects (`sousei seed-demo`);
the work and careers demos go on from them with a month of time records and a pay run,
evaluations and career outcomes.

The current cohort of the training demo applied within the last two months and is still
studying, so the people on paid projects are an earlier cohort ("alumni") who applied in
April 2026. Their history is replayed through the real services at past moments
(`clock.frozen_at`), so applications, enrolments, certificates, skills, projects and assignments
carry the audit trail a real program would have. Fixed dates keep the story stable:

- 2026-04: alumni apply and are accepted; they train on one course each (4 or 8 h a day)
  and complete it by early summer; their licence seats come from a spring pool.
- 2026-07 … 2026-10: two projects end (evaluations, outcomes); one runs on into 2027 with
  a raise from 2026-10-16; October 2026 is fully recorded and paid.
- Two projects open in December 2026 show the candidate ranking and the staffing proposal;
  the demo participant (participant-<slug>), who just completed a course, is assigned to one.

Idempotent: an alumnus, project or assignment that exists is kept as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import jpholiday
from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Organization, Region
from sousei.core.services import organization_join_region
from sousei.people.models import Application, Participant
from sousei.people.services import ApplicationInput, application_decide, application_submit
from sousei.projects.models import Assignment, AssignmentStatus, ClientProject, Place
from sousei.projects.services.assignments import (
    AssignmentInput,
    assignment_create,
    assignment_end,
    assignment_rate_change,
)
from sousei.projects.services.projects import ProjectInput, SkillNeed, project_create
from sousei.training.demo import catalogue_seed
from sousei.training.models import (
    Course,
    Enrolment,
    EnrolmentStatus,
    Licence,
    LicencePool,
    Skill,
    ToolProduct,
)
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    assessment_record,
    enrolment_complete,
    enrolment_create,
    progress_log,
)
from sousei.training.services.licences import licence_pool_create, licence_release

JST = ZoneInfo("Asia/Tokyo")
# The month whose time records and pay run the work demo shows.
PAY_MONTH = dt.date(2026, 10, 1)
SPRING_POOL_NOTE = "2026年春期（修了生）向けの無償提供枠"


@dataclass(frozen=True)
class Alumnus:
    family: str
    given: str
    family_kana: str
    given_kana: str
    romaji: str
    course: str  # catalogue key
    daily_hours: int
    postal_code: str
    work_status: str = "part_time"
    weekly_hours: int = 25
    income: int = 90_000


ALUMNI: dict[str, tuple[Alumnus, ...]] = {
    "koga": (
        Alumnus("松尾", "彩花", "マツオ", "アヤカ", "matsuo.ayaka", "uipath", 8, "8113101"),
        Alumnus("古川", "大輔", "フルカワ", "ダイスケ", "furukawa.daisuke", "uipath", 8, "8113103"),
        Alumnus(
            "白石",
            "真由",
            "シライシ",
            "マユ",
            "shiraishi.mayu",
            "uipath",
            4,
            "8113104",
            work_status="freelance",
            weekly_hours=30,
        ),
        Alumnus("江口", "智子", "エグチ", "トモコ", "eguchi.tomoko", "kintone", 8, "8113105"),
        Alumnus(
            "吉村", "健一", "ヨシムラ", "ケンイチ", "yoshimura.kenichi", "kintone", 4, "8113111"
        ),
        Alumnus(
            "野田",
            "翔",
            "ノダ",
            "ショウ",
            "noda.sho",
            "uipath",
            8,
            "8113112",
            work_status="freelance",
            weekly_hours=35,
        ),
        Alumnus("牛島", "香織", "ウシジマ", "カオリ", "ushijima.kaori", "uipath", 4, "8113113"),
        Alumnus("平田", "雄太", "ヒラタ", "ユウタ", "hirata.yuta", "appsheet", 8, "8113114"),
        Alumnus("坂本", "美咲", "サカモト", "ミサキ", "sakamoto.misaki", "appsheet", 4, "8113115"),
        Alumnus("森", "拓海", "モリ", "タクミ", "mori.takumi", "pad", 8, "8113116"),
    ),
    "fukutsu": (
        Alumnus("宮崎", "恵", "ミヤザキ", "メグミ", "miyazaki.megumi", "uipath", 8, "8113201"),
        Alumnus("石井", "直樹", "イシイ", "ナオキ", "ishii.naoki", "uipath", 4, "8113202"),
        Alumnus("上野", "千尋", "ウエノ", "チヒロ", "ueno.chihiro", "appsheet", 8, "8113203"),
    ),
}


@dataclass(frozen=True)
class ProjectSpec:
    key: str
    client: str  # "main" (the demo's client company) or "market"
    title: str
    description: str
    skills: tuple[tuple[str, int, bool], ...]
    tools: tuple[str, ...]
    headcount: int
    hours_per_week: int
    starts_on: dt.date
    ends_on: dt.date
    rate: int
    place: str = Place.REMOTE
    # (alumnus index, start) of the people on it; ended projects end them on ends_on.
    staff: tuple[int, ...] = ()
    ended: bool = False
    raise_from: dt.date | None = None  # a raise for the first person
    raise_to: int = 0


PROJECTS: dict[str, tuple[ProjectSpec, ...]] = {
    "koga": (
        ProjectSpec(
            "orders",
            "main",
            "受発注データ入力の自動化（UiPath）",
            "取引先から届く注文書（Excel・PDF）を読み取り、基幹システムへの入力と在庫照会を"
            "自動化します。ロボットの開発・テスト・運用保守をチームで担当します。",
            (("rpa.uipath", 2, True), ("data.excel", 2, False)),
            ("UiPath Studio",),
            3,
            20,
            dt.date(2026, 8, 3),
            dt.date(2027, 1, 29),
            1_300,
            staff=(0, 1, 2),
            raise_from=dt.date(2026, 10, 16),
            raise_to=1_400,
        ),
        ProjectSpec(
            "ledger",
            "market",
            "顧客台帳アプリの構築（kintone）",
            "直売所の顧客・出荷情報を kintone アプリに集約し、紙の台帳と手入力の集計をなくします。",
            (("nocode.kintone", 2, True), ("data.modeling", 1, False)),
            ("kintone",),
            2,
            15,
            dt.date(2026, 7, 1),
            dt.date(2026, 9, 30),
            1_250,
            staff=(3, 4),
            ended=True,
        ),
        ProjectSpec(
            "invoices",
            "main",
            "請求書処理ロボットの保守（UiPath）",
            "稼働中の請求書処理ロボットの改修と、月末の処理量増加に合わせた運用監視を行います。",
            (("rpa.uipath", 3, True),),
            ("UiPath Studio",),
            2,
            20,
            dt.date(2026, 9, 1),
            dt.date(2026, 10, 30),
            1_350,
            staff=(5, 6),
            ended=True,
        ),
        ProjectSpec(
            "stock",
            "market",
            "在庫管理アプリの改修（AppSheet）",
            "スプレッドシートで管理している在庫表を AppSheet アプリにし、スマートフォンから"
            "入出庫を記録できるようにします。",
            (("nocode.appsheet", 2, True), ("data.modeling", 1, False)),
            ("AppSheet",),
            2,
            10,
            dt.date(2026, 12, 1),
            dt.date(2027, 3, 31),
            1_200,
        ),
        ProjectSpec(
            "expenses",
            "main",
            "経費精算フローの自動化（Power Automate Desktop）",
            "紙とメールで回っている経費精算の転記・照合を Power Automate Desktop で自動化します。",
            (("rpa.pad", 2, True), ("biz.workflow-design", 1, False)),
            ("Power Automate Desktop",),
            2,
            15,
            dt.date(2026, 12, 7),
            dt.date(2027, 2, 26),
            1_250,
        ),
    ),
    "fukutsu": (
        ProjectSpec(
            "port",
            "main",
            "入出荷伝票のデータ化（UiPath）",
            "港の倉庫で扱う入出荷伝票をデータ化し、日次の集計表を自動で作ります。",
            (("rpa.uipath", 2, True),),
            ("UiPath Studio",),
            2,
            20,
            dt.date(2026, 9, 1),
            dt.date(2027, 2, 26),
            1_300,
            staff=(0, 1),
        ),
    ),
}
MARKET = ("有限会社古賀うまかもん市場", "Koga Umakamon Market Ltd.", "https://umakamon.example.jp/")


@dataclass
class StaffingSummary:
    region: str
    alumni: int = 0
    projects: int = 0
    assignments: int = 0
    # What the work and careers demos go on from: the graduates in the order they applied,
    # the assignments worked in the pay month and those that have ended.
    graduates: list[Participant] = field(default_factory=list)
    worked: list[Assignment] = field(default_factory=list)
    ended: list[Assignment] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"  {self.region}: staffing {self.alumni} graduates on projects, "
            f"{self.projects} projects, {self.assignments} assignments"
        )


def moment_on(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A time of day in Japan, for the demo's replayed history (also sousei.demo.history)."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=JST)


def workdays(start: dt.date) -> Iterator[dt.date]:
    """Weekdays that are not national holidays, from `start` on."""
    day = start
    while True:
        if day.weekday() < 5 and not jpholiday.is_holiday(day):
            yield day
        day += dt.timedelta(days=1)


def _application(alumnus: Alumnus, region: Region) -> ApplicationInput:
    return ApplicationInput(
        family_name=alumnus.family,
        given_name=alumnus.given,
        family_name_kana=alumnus.family_kana,
        given_name_kana=alumnus.given_kana,
        birth_date=dt.date(1984 + len(alumnus.romaji) % 12, 1 + len(alumnus.given) * 3, 14),
        email=f"{alumnus.romaji}@example.jp",
        phone=f"092-940-{1000 + sum(map(ord, alumnus.romaji)) % 9000:04d}",
        postal_code=alumnus.postal_code,
        address_line=f"{1 + len(alumnus.family_kana)}-{3 + len(alumnus.given_kana)}",
        work_status=alumnus.work_status,
        weekly_hours_available=alumnus.weekly_hours,
        baseline_monthly_income_jpy=alumnus.income,
        consent_program=True,
        consent_share_with_municipality=True,
        motivation="在宅でできる仕事の幅を広げ、地元で収入を増やしたいと考えて応募しました。",
    )


def _spring_pools(region: Region, courses: dict[str, Course], operator: User) -> None:
    """Seats for the spring cohort: they expire first, so the alumni take these."""
    wanted: dict[ToolProduct, int] = {}
    for alumnus in ALUMNI.get(region.slug, ()):
        product = courses[alumnus.course].product
        wanted[product] = wanted.get(product, 0) + 1
    for product, seats in wanted.items():
        if LicencePool.objects.filter(product=product, note=SPRING_POOL_NOTE).exists():
            continue
        with clock.frozen_at(moment_on(dt.date(2026, 4, 1), 9)):
            licence_pool_create(
                region=region,
                product=product,
                seats=seats,
                valid_from=dt.date(2026, 4, 1),
                valid_to=dt.date(2026, 9, 30),
                note=SPRING_POOL_NOTE,
                actor=operator,
            )


def _graduate(
    region: Region, alumnus: Alumnus, index: int, course: Course, operator: User, trainer: User
) -> Participant:
    """Apply, be accepted, train on the course and complete it, at past moments."""
    applied = dt.date(2026, 4, 6) + dt.timedelta(days=index % 5)
    with clock.frozen_at(moment_on(applied, 10 + index % 8, 7 * index % 60)):
        application = application_submit(region=region, data=_application(alumnus, region))
    with clock.frozen_at(moment_on(applied + dt.timedelta(days=4), 14)):
        application_decide(
            application_id=application.pk, decision="accept", reason="", actor=operator
        )
    participant = Participant.objects.get(application=application)
    start = applied + dt.timedelta(days=14)
    while start.weekday() >= 5:
        start += dt.timedelta(days=1)
    daily = alumnus.daily_hours * 60
    with clock.frozen_at(moment_on(applied + dt.timedelta(days=7), 11)):
        enrolment = enrolment_create(
            participant=participant,
            course=course,
            choice=PlanChoice(start_date=start, daily_minutes=daily),
            actor=operator,
        )
    # Modules are at least 12 h and a study day at most 8 h, so at most one module ends a day.
    ends: list[tuple[int, int]] = []
    total = 0
    for module in course.modules.order_by("position"):
        total += module.minutes
        ends.append((total, module.pk))
    done = 0
    days = workdays(start)
    last_day = start
    while done < total:
        day = next(days)
        minutes = min(daily, total - done)
        finished = next((pk for end, pk in ends if done < end <= done + minutes), None)
        done += minutes
        with clock.frozen_at(moment_on(day, 18)):
            progress_log(
                enrolment_id=enrolment.pk,
                log=StudyLog(day=day, minutes=minutes, module_id=finished),
                actor=operator,
            )
        last_day = day
    assessed = last_day + dt.timedelta(days=2)
    with clock.frozen_at(moment_on(assessed, 10)):
        assessment_record(enrolment_id=enrolment.pk, score=78 + index % 20, actor=trainer)
    with clock.frozen_at(moment_on(assessed, 15)):
        enrolment_complete(enrolment_id=enrolment.pk, actor=trainer)
    return participant


def _release_spring_seats(real_today: dt.date) -> None:
    """The alumni's grace periods ended in summer; their seats are handed back. Waiting
    learners are considered against the pools valid today (the spring pool is not)."""
    for licence in Licence.objects.filter(
        pool__note=SPRING_POOL_NOTE, released_at__isnull=True
    ).select_related("pool__product", "enrolment"):
        moment = moment_on(licence.release_on or dt.date(2026, 9, 30), 9)
        with clock.frozen_at(moment):
            licence_release(licence=licence, actor=None, reason="grace_ended", day=real_today)


def seed_alumni(*, region: Region, operator: User, trainer: User) -> list[Participant]:
    """The spring cohort, graduated (existing ones are kept)."""
    courses = catalogue_seed(region=region, actor=trainer)
    _spring_pools(region, courses, operator)
    real_today = clock.today()
    alumni = []
    for index, alumnus in enumerate(ALUMNI.get(region.slug, ())):
        existing = Application.objects.filter(email=f"{alumnus.romaji}@example.jp").first()
        if existing is not None:
            alumni.append(Participant.objects.get(application=existing))
            continue
        alumni.append(_graduate(region, alumnus, index, courses[alumnus.course], operator, trainer))
    _release_spring_seats(real_today)
    return alumni


def _clients(region: Region) -> dict[str, Organization]:
    main = Organization.objects.filter(
        kind=Organization.Kind.CLIENT, name="株式会社玄海ロジテック"
    ).first()
    market, _created = Organization.objects.get_or_create(
        kind=Organization.Kind.CLIENT,
        name=MARKET[0],
        defaults={"name_en": MARKET[1], "website": MARKET[2]},
    )
    organization_join_region(organization=market, region=region)
    if main is None:
        main = market
    return {"main": main, "market": market}


def _project(
    region: Region, spec: ProjectSpec, clients: dict[str, Organization], operator: User
) -> ClientProject:
    existing = ClientProject.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing
    skills = dict(
        Skill.objects.filter(code__in=[c for c, _, _ in spec.skills]).values_list("code", "pk")
    )
    tools = list(ToolProduct.objects.filter(name__in=spec.tools).values_list("pk", flat=True))
    created_on = spec.starts_on - dt.timedelta(days=24)
    with clock.frozen_at(moment_on(created_on, 10)):
        return project_create(
            region=region,
            data=ProjectInput(
                client_id=clients[spec.client].pk,
                title=spec.title,
                description=spec.description,
                skills=tuple(
                    SkillNeed(skill_id=skills[code], min_level=level, required=required)
                    for code, level, required in spec.skills
                ),
                tool_ids=tuple(tools),
                headcount=spec.headcount,
                hours_per_week=spec.hours_per_week,
                starts_on=spec.starts_on,
                ends_on=spec.ends_on,
                place=spec.place,
                hourly_rate_jpy=spec.rate,
            ),
            actor=operator,
        )


def _staff(
    region: Region,
    spec: ProjectSpec,
    project: ClientProject,
    alumni: list[Participant],
    operator: User,
) -> list[Assignment]:
    assignments = []
    for position, index in enumerate(spec.staff):
        if index >= len(alumni):
            continue
        participant = alumni[index]
        found = Assignment.objects.filter(project=project, participant=participant).first()
        if found is None:
            with clock.frozen_at(moment_on(spec.starts_on - dt.timedelta(days=10), 11, position)):
                found = assignment_create(
                    region=region,
                    data=AssignmentInput(
                        project_id=project.pk,
                        participant_id=participant.pk,
                        starts_on=spec.starts_on,
                        ends_on=spec.ends_on,
                        hourly_rate_jpy=spec.rate,
                    ),
                    actor=operator,
                )
            if spec.raise_from is not None and position == 0:
                with clock.frozen_at(moment_on(spec.raise_from - dt.timedelta(days=5), 16)):
                    assignment_rate_change(
                        region=region,
                        assignment_id=found.pk,
                        effective_from=spec.raise_from,
                        hourly_rate_jpy=spec.raise_to,
                        actor=operator,
                    )
            if spec.ended:
                with clock.frozen_at(moment_on(spec.ends_on, 18)):
                    found = assignment_end(
                        region=region, assignment_id=found.pk, ends_on=spec.ends_on, actor=operator
                    )
        assignments.append(found)
    return assignments


def _demo_participant_on_project(
    region: Region, projects: dict[str, ClientProject], operator: User
) -> None:
    """participant-<slug> completed a Power Automate course: they join "expenses"."""
    project = projects.get("expenses")
    participant = Participant.objects.filter(
        person__user__username=f"participant-{region.slug}"
    ).first()
    if project is None or participant is None:
        return
    completed = Enrolment.objects.filter(
        participant=participant, status=EnrolmentStatus.COMPLETED
    ).exists()
    if (
        not completed
        or Assignment.objects.filter(project=project, participant=participant).exists()
    ):
        return
    assignment_create(
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


def seed_staffing(*, region: Region, operator: User, trainer: User) -> StaffingSummary:
    """Seed the region's projects and the people on them (call inside the region's scope
    and a transaction, after the training demo). The work and careers demos go on from the
    summary's assignments and graduates."""
    summary = StaffingSummary(region=region.slug)
    alumni = seed_alumni(region=region, operator=operator, trainer=trainer)
    clients = _clients(region)
    projects: dict[str, ClientProject] = {}
    worked: list[Assignment] = []
    ended: list[Assignment] = []
    for spec in PROJECTS.get(region.slug, ()):
        project = _project(region, spec, clients, operator)
        projects[spec.key] = project
        staffed = _staff(region, spec, project, alumni, operator)
        month_end = dt.date(2026, 10, 31)
        worked += [a for a in staffed if a.starts_on <= month_end and a.ends_on >= PAY_MONTH]
        ended += [a for a in staffed if a.status == AssignmentStatus.ENDED]
    _demo_participant_on_project(region, projects, operator)
    summary.alumni = len(alumni)
    summary.projects = ClientProject.objects.count()
    summary.assignments = Assignment.objects.count()
    summary.graduates = alumni
    summary.worked = worked
    summary.ended = ended
    return summary
