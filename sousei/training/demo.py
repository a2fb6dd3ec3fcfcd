"""The training part of the demo scenario (`sousei seed-demo`): courses on real RPA and
no-code/low-code tools, free licence pools, and the region's participants in every state of
their training — waiting for a licence, on track, at risk, completed with a certificate,
withdrawn.

Everything goes through the services, so the audit trail, the licence queue and the
notifications are what the program would have produced. The history is replayed in time
order on the clock (sousei.core.clock): each service call runs with the clock frozen at the
moment it happened, so the services' own "today" checks, every timestamp they stamp
(enrolled, seat granted, study recorded, certificate issued, audit entries) and the at-risk
flags after each logged day are what they would have been then. A last pace refresh at the
real today flags those who have since stopped studying.

Idempotent: tool products, skills, courses and pools are found by their natural keys, and an
enrolment story is replayed only while its participant has no enrolment on that course.
Participants are taken in the order they joined, so the stories fit their dates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db.models import Count

from sousei.core import clock
from sousei.core.models import Membership, Organization, Region
from sousei.core.roles import Role
from sousei.core.services import organization_join_region
from sousei.people.models import Participant
from sousei.training import planning
from sousei.training.demo_catalogue import COURSES, SKILLS, TOOLS, CourseSpec
from sousei.training.models import (
    Certificate,
    Course,
    CourseModule,
    Enrolment,
    EnrolmentStatus,
    LicencePool,
    LiveSession,
    Skill,
    ToolProduct,
)
from sousei.training.services.courses import (
    CourseInput,
    ModuleInput,
    SkillInput,
    course_create,
)
from sousei.training.services.enrolments import (
    PlanChoice,
    StudyLog,
    assessment_record,
    closed_periods,
    enrolment_complete,
    enrolment_create,
    enrolment_withdraw,
    enrolments_refresh_pace,
    progress_log,
)
from sousei.training.services.licences import licence_pool_create
from sousei.training.services.live import (
    LiveSessionInput,
    live_session_close,
    live_session_join,
    live_session_schedule,
)

SEED = 2026
# The current cohort joined within this many days (applications reach about two months back).
CURRENT_COHORT_DAYS = 120
JST = ZoneInfo("Asia/Tokyo")
EVENING = dt.time(19, 0)

# Seats per product and region; the WinActor pool of Koga is small, so some wait for a seat.
POOL_SEATS: dict[str, dict[str, int]] = {
    "koga": {
        "UiPath Studio": 5,
        "WinActor": 2,
        "Power Automate Desktop": 4,
        "kintone": 4,
        "AppSheet": 3,
        "Power Apps": 3,
    },
    "fukutsu": {
        "UiPath Studio": 2,
        "WinActor": 1,
        "Power Automate Desktop": 2,
        "kintone": 1,
        "AppSheet": 2,
        "Power Apps": 1,
    },
}

# --- the stories -----------------------------------------------------------------------

Kind = Literal["completed", "on_track", "behind", "idle", "withdrawn", "waiting"]


@dataclass(frozen=True)
class Story:
    """One enrolment's history. `participant` indexes the region's participants in the order
    they joined; `after` names an earlier story of the same participant that this course
    follows (enrolled once that one is completed)."""

    participant: int
    course: str
    daily_hours: float
    kind: Kind
    weekdays: str = "01234"
    after: int | None = None
    enrol_after_days: int = 1  # from joining (or completing `after`) to enrolling
    start_after_days: int = 3  # from enrolling to the chosen start date
    scores: tuple[int, ...] = (84,)  # assessment attempts of a completed story
    study_days_before_withdrawal: int = 10


STORIES: dict[str, tuple[Story, ...]] = {
    "koga": (
        # participant-koga: a completed course, then the next one on track.
        Story(0, "pad", 8, "completed", scores=(88,)),
        Story(0, "uipath", 3, "on_track", after=0),
        Story(1, "uipath", 8, "completed", scores=(64, 82)),
        Story(2, "appsheet", 6, "completed", scores=(91,)),
        Story(3, "winactor", 4, "on_track"),
        # Withdraws; the seat goes to the first in line (participant 7).
        Story(4, "winactor", 3, "withdrawn"),
        Story(5, "appsheet", 2.5, "on_track"),
        Story(6, "powerapps", 3, "behind"),
        Story(7, "winactor", 4, "on_track", enrol_after_days=2, start_after_days=14),
        Story(8, "kintone", 4, "on_track"),
        Story(9, "kintone", 2.5, "idle"),
        Story(10, "uipath", 3, "behind", weekdays="012345"),
        Story(11, "winactor", 3, "waiting", enrol_after_days=2, start_after_days=28),
        Story(12, "powerapps", 4, "on_track"),
        Story(13, "appsheet", 3, "on_track", weekdays="0123456"),
        Story(14, "winactor", 2.5, "waiting", enrol_after_days=2, start_after_days=21),
    ),
    "fukutsu": (
        # participant-fukutsu: a completed course, then kintone, whose single seat they hold.
        Story(0, "pad", 8, "completed", scores=(79,)),
        Story(0, "kintone", 3, "on_track", after=0),
        Story(1, "uipath", 2.5, "behind"),
        Story(2, "kintone", 3, "waiting", enrol_after_days=2, start_after_days=14),
    ),
}

NOTES = (
    "動画教材を見ながら、手順を一つずつ再現しました。",
    "前回の内容を復習してから演習に進みました。",
    "つまずいた箇所をチャットで講師に質問し、解決しました。",
    "シェアオフィスで集中して学習しました。",
    "子どもの帰宅前に集中して進めました。",
    "演習問題を解き直し、理解があいまいな所を整理しました。",
    "自分の仕事で自動化できそうな作業を書き出してみました。",
)
SHORT_DAY_NOTE = "今日は時間が取れず短めでした。週末に取り戻します。"


@dataclass(frozen=True)
class Event:
    moment: dt.datetime
    run: Callable[[], object]


@dataclass
class Timeline:
    """A story laid out in dates: when it is enrolled, what is logged on which day, and
    when it ends (completed or withdrawn)."""

    enrolled: dt.datetime
    start: dt.date
    logs: list[tuple[dt.date, int, int | None]] = field(default_factory=list)
    attempts: list[tuple[dt.datetime, int]] = field(default_factory=list)
    ended: dt.datetime | None = None  # completion or withdrawal


@dataclass(frozen=True)
class TrainingSummary:
    region: str
    courses: int
    pools: int
    seats: int
    statuses: dict[str, int]
    at_risk: int
    certificates: int
    added: int

    def line(self) -> str:
        parts = []
        for status in EnrolmentStatus.values:
            text = f"{status} {self.statuses.get(status, 0)}"
            if status == EnrolmentStatus.ACTIVE:
                text += f" (at risk {self.at_risk})"
            parts.append(text)
        return (
            f"  {self.region} training: {self.courses} courses, {self.pools} licence pools "
            f"({self.seats} seats), {sum(self.statuses.values())} enrolments "
            f"({', '.join(parts)}), {self.certificates} certificates; {self.added} added now"
        )


# --- seeding ---------------------------------------------------------------------------


def seed_training(*, region: Region, operator: User, trainer: User) -> TrainingSummary:
    """Seed the region's training (call inside the region's scope and a transaction)."""
    courses = catalogue_seed(region=region, actor=trainer)
    _pools(region, operator)
    # The current cohort: earlier cohorts (the staffing demo's graduates) are not replayed.
    cohort_start = clock.now() - dt.timedelta(days=CURRENT_COHORT_DAYS)
    participants = list(
        Participant.objects.filter(joined_at__gte=cohort_start)
        .select_related("person__user", "application")
        .order_by("joined_at", "pk")
    )
    replay = _Replay(region=region, operator=operator, trainer=trainer, courses=courses)
    added = replay.run(STORIES.get(region.slug, ()), participants)
    enrolments_refresh_pace(today=clock.today())
    _live_sessions(region, trainer)
    return _summary(region, added)


def _live_sessions(region: Region, trainer: User) -> None:
    """Three live sessions of the course most people study now: last week's, closed with
    its attendance in the learners' progress; one under way, some learners in it; and next
    week's. Once per region."""
    if LiveSession.objects.exists():
        return
    course = (
        Course.objects.filter(enrolments__status=EnrolmentStatus.ACTIVE)
        .annotate(learners=Count("enrolments"))
        .order_by("-learners", "id")
        .first()
    )
    if course is None:
        return
    now = clock.now().replace(second=0, microsecond=0)
    learners = [
        e.participant.person.user
        for e in Enrolment.objects.filter(course=course, status=EnrolmentStatus.ACTIVE)
        .select_related("participant__person__user")
        .order_by("id")
        if e.participant.person.user is not None
    ]
    plans = (
        ("質問会: つまずきやすい所", now - dt.timedelta(days=7), "closed"),
        ("もくもく会 (画面共有で質問OK)", now - dt.timedelta(minutes=30), "under_way"),
        ("ミニ演習: 業務フローを作る", now + dt.timedelta(days=6), "upcoming"),
    )
    for title, starts, state in plans:
        if state != "under_way":
            # An evening session, as trainers hold them for learners who work by day (the
            # session under way is set by the clock, so the demo always shows one).
            starts = dt.datetime.combine(starts.astimezone(JST).date(), EVENING, tzinfo=JST)
        # Scheduled two days ahead, or an hour ago for next week's: nothing is dated later.
        with clock.frozen_at(min(starts - dt.timedelta(days=2), now - dt.timedelta(hours=1))):
            session = live_session_schedule(
                region=region,
                data=LiveSessionInput(
                    course_id=course.pk,
                    title=title,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=1, minutes=30),
                    meeting_url="https://meet.example.jp/sousei-training",
                    room_name="研修ルーム",
                    description="講師が画面を共有して進めます。質問はチャットでも受け付けます。",
                ),
                actor=trainer,
            )
        if state == "upcoming":
            continue
        for n, user in enumerate(learners[:4]):
            if n == 3:
                break  # one learner never joins: absent once closed
            with clock.frozen_at(starts + dt.timedelta(minutes=2 + 14 * n)):
                live_session_join(session_id=session.pk, user=user)
        if state == "closed":
            with clock.frozen_at(starts + dt.timedelta(hours=2)):
                live_session_close(session_id=session.pk, actor=trainer)


def catalogue_seed(*, region: Region, actor: User) -> dict[str, Course]:
    """The region's courses by key (uipath, winactor, pad, kintone, appsheet, powerapps), with
    their tools, vendors and skills; existing ones are kept. The benchmarks use it too. An
    actor who is a trainer of the region is named the courses' trainer."""
    products = _products(region)
    skills = _skills()
    return {spec.key: _course(region, spec, products, skills, actor) for spec in COURSES}


def _products(region: Region) -> dict[str, ToolProduct]:
    products = {}
    for name, (vendor, category) in TOOLS.items():
        organization, _created = Organization.objects.get_or_create(
            kind=Organization.Kind.TOOL_VENDOR,
            name=vendor.name,
            defaults={"name_en": vendor.name_en, "website": vendor.website},
        )
        organization_join_region(organization=organization, region=region)
        products[name], _created = ToolProduct.objects.get_or_create(
            name=name, defaults={"vendor": organization, "category": category}
        )
    return products


def _skills() -> dict[str, Skill]:
    skills = {}
    for code, (name_ja, name_en) in SKILLS.items():
        skills[code], _created = Skill.objects.get_or_create(
            code=code, defaults={"name_ja": name_ja, "name_en": name_en}
        )
    return skills


def _course(
    region: Region,
    spec: CourseSpec,
    products: dict[str, ToolProduct],
    skills: dict[str, Skill],
    actor: User,
) -> Course:
    existing = Course.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing
    # The demo trainer teaches every course, so their list of learners is full.
    teaches = Membership.objects.filter(region=region, role=Role.TRAINER, user=actor).exists()
    return course_create(
        region=region,
        data=CourseInput(
            title=spec.title,
            description=spec.description,
            product_id=products[spec.product].pk,
            pass_mark=spec.pass_mark,
            is_published=True,
            modules=tuple(
                ModuleInput(
                    id=None, position=position, title=title, minutes=hours * 60, outcome=outcome
                )
                for position, (title, hours, outcome) in enumerate(spec.modules, start=1)
            ),
            skills=tuple(
                SkillInput(skill_id=skills[code].pk, level=level) for code, level in spec.skills
            ),
            trainer_ids=(actor.pk,) if teaches else None,
        ),
        actor=actor,
    )


def _pools(region: Region, actor: User) -> None:
    """One pool per product for two calendar years from the one the stories begin in
    (2026–2027 for a demo seeded in 2026; they begin up to about two months back)."""
    year = (clock.today() - dt.timedelta(days=120)).year
    for name, seats in POOL_SEATS.get(region.slug, {}).items():
        product = ToolProduct.objects.select_related("vendor").get(name=name)
        if LicencePool.objects.filter(product=product).exists():
            continue
        licence_pool_create(
            region=region,
            product=product,
            seats=seats,
            valid_from=dt.date(year, 1, 1),
            valid_to=dt.date(year + 1, 12, 31),
            note=f"{product.vendor.name}より地域人材育成プログラム向けに無償提供",
            actor=actor,
        )


class _Replay:
    """Lays out the region's stories in dates, then runs their service calls in time order."""

    def __init__(
        self, *, region: Region, operator: User, trainer: User, courses: dict[str, Course]
    ) -> None:
        self.region = region
        self.operator = operator
        self.trainer = trainer
        self.courses = courses
        self.closed = closed_periods(region)
        self.now = clock.now()
        self.today = clock.today()
        self.modules = {
            key: list(CourseModule.objects.filter(course=course).order_by("position"))
            for key, course in courses.items()
        }

    def run(self, stories: tuple[Story, ...], participants: list[Participant]) -> int:
        events: list[tuple[dt.datetime, int, Event]] = []
        timelines: dict[int, Timeline] = {}
        added = 0
        for index, story in enumerate(stories):
            if story.participant >= len(participants):
                continue
            participant = participants[story.participant]
            base = (
                participant.joined_at.astimezone(JST).date()
                if story.after is None
                else _ended_day(timelines[story.after])
            )
            rng = random.Random(f"{SEED}-{participant.application.email}-{story.course}")
            timelines[index] = timeline = self.lay_out(story, base, rng)
            course = self.courses[story.course]
            if Enrolment.objects.filter(participant=participant, course=course).exists():
                continue
            added += 1
            for event in self.events(story, participant, timeline, rng):
                if event.moment >= self.now:
                    raise RuntimeError(
                        f"demo story {index} of {self.region.slug} does not fit before now "
                        f"({event.moment:%Y-%m-%d %H:%M})"
                    )
                events.append((event.moment, len(events), event))
        for moment, _order, event in sorted(events, key=lambda item: item[:2]):
            with clock.frozen_at(moment):
                event.run()
        return added

    # Dates --------------------------------------------------------------------------

    def office_day(self, day: dt.date) -> dt.date:
        """`day`, or the next weekday the program's office is open."""
        while not planning.is_study_day(day, closed_periods=self.closed):
            day += dt.timedelta(days=1)
        return day

    def study_days(self, story: Story, start: dt.date) -> list[dt.date]:
        """The story's study days from its start to yesterday."""
        days = []
        for day in planning.study_dates(
            start, weekdays=_weekdays(story), skip_holidays=True, closed_periods=self.closed
        ):
            if day >= self.today:
                break
            days.append(day)
        return days

    def lay_out(self, story: Story, base: dt.date, rng: random.Random) -> Timeline:
        enrol_day = self.office_day(base + dt.timedelta(days=story.enrol_after_days))
        enrolled = _at(enrol_day, 10, rng.randint(0, 300))
        start = next(
            planning.study_dates(
                enrol_day + dt.timedelta(days=story.start_after_days),
                weekdays=_weekdays(story),
                closed_periods=self.closed,
            )
        )
        timeline = Timeline(enrolled=enrolled, start=start)
        if story.kind == "waiting":
            return timeline
        daily = round(story.daily_hours * 60)
        total = sum(m.minutes for m in self.modules[story.course])
        days = self.study_days(story, start)
        minutes: list[tuple[dt.date, int]] = []
        done = 0
        for number, day in enumerate(days):
            left = len(days) - number
            if story.kind == "completed":
                studied = min(daily, total - done)
            elif story.kind == "behind":
                # Half the chosen time or less, on most days: the plan slips week by week.
                if rng.random() < 0.3 and left > 2:
                    continue
                studied = max(30, round(daily * rng.uniform(0.3, 0.55) / 30) * 30)
            else:
                if story.kind == "idle" and left <= 10:
                    break  # stopped ten study days ago
                if story.kind == "withdrawn" and number >= story.study_days_before_withdrawal:
                    break
                if rng.random() < 0.05 and left > 2:
                    continue  # a day missed now and then
                studied = max(30, daily + rng.choice((-30, 0, 0, 0, 30)))
            # Still studying: the course's last minutes are not reached before the end.
            if story.kind != "completed":
                studied = min(studied, total - 30 - done)
            if studied <= 0:
                break
            minutes.append((day, studied))
            done += studied
        timeline.logs = _with_modules(minutes, self.modules[story.course])
        if story.kind == "completed":
            if done < total:
                raise RuntimeError(f"demo story on {story.course} cannot finish before today")
            day = timeline.logs[-1][0]
            for score in story.scores:
                day = self.office_day(day + dt.timedelta(days=1))
                timeline.attempts.append((_at(day, 14, rng.randint(0, 60)), score))
            timeline.ended = timeline.attempts[-1][0] + dt.timedelta(hours=1)
        elif story.kind == "withdrawn":
            day = self.office_day(timeline.logs[-1][0] + dt.timedelta(days=1))
            timeline.ended = _at(day, 11, rng.randint(0, 90))
        return timeline

    # Service calls ------------------------------------------------------------------

    def events(
        self, story: Story, participant: Participant, timeline: Timeline, rng: random.Random
    ) -> Iterator[Event]:
        course = self.courses[story.course]
        # A participant with an account logs their own study; for the others the trainer
        # records what they report.
        learner = participant.person.user or self.trainer
        held: dict[str, int] = {}

        def enrol() -> None:
            held["id"] = enrolment_create(
                participant=participant,
                course=course,
                choice=PlanChoice(
                    start_date=timeline.start,
                    daily_minutes=round(story.daily_hours * 60),
                    weekdays=_weekdays(story),
                ),
                actor=self.operator,
            ).pk

        def study(log: StudyLog) -> Callable[[], object]:
            return lambda: progress_log(enrolment_id=held["id"], log=log, actor=learner)

        def sit(score: int) -> Callable[[], object]:
            return lambda: assessment_record(
                enrolment_id=held["id"], score=score, actor=self.trainer
            )

        yield Event(timeline.enrolled, enrol)
        titles = {m.pk: m.title for m in self.modules[story.course]}
        last_day: dt.date | None = None
        minute = 0
        for day, minutes, module_id in timeline.logs:
            minute = minute + 7 if day == last_day else rng.randint(0, 150)
            last_day = day
            if module_id is not None:
                note = f"「{titles[module_id]}」を修了しました。"
            elif minutes < story.daily_hours * 30:
                note = SHORT_DAY_NOTE if rng.random() < 0.5 else ""
            else:
                note = rng.choice(NOTES) if rng.random() < 0.3 else ""
            log = StudyLog(day=day, minutes=minutes, module_id=module_id, note=note)
            yield Event(_at(day, 19, minute), study(log))
        for moment, score in timeline.attempts:
            yield Event(moment, sit(score))
        if timeline.ended is not None and story.kind == "completed":
            yield Event(
                timeline.ended,
                lambda: enrolment_complete(enrolment_id=held["id"], actor=self.trainer),
            )
        if timeline.ended is not None and story.kind == "withdrawn":
            yield Event(
                timeline.ended,
                lambda: enrolment_withdraw(enrolment_id=held["id"], actor=self.operator),
            )


def _weekdays(story: Story) -> frozenset[int]:
    return frozenset(int(day) for day in story.weekdays)


def _at(day: dt.date, hour: int, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=JST) + dt.timedelta(minutes=minutes)


def _ended_day(timeline: Timeline) -> dt.date:
    if timeline.ended is None:
        raise ValueError("a story can only follow one that ends")
    return timeline.ended.astimezone(JST).date()


def _with_modules(
    minutes: list[tuple[dt.date, int]], modules: list[CourseModule]
) -> list[tuple[dt.date, int, int | None]]:
    """Each day's minutes as progress entries; a day that reaches the end of a module logs
    that part with the module finished (two entries when a day ends one module and goes on)."""
    entries: list[tuple[dt.date, int, int | None]] = []
    ends = []
    running = 0
    for module in modules:
        running += module.minutes
        ends.append((running, module.pk))
    done = 0
    position = 0
    for day, today in minutes:
        left = today
        while position < len(ends) and done + left >= ends[position][0]:
            part = ends[position][0] - done
            entries.append((day, part, ends[position][1]))
            done += part
            left -= part
            position += 1
        if left:
            entries.append((day, left, None))
            done += left
    return entries


def _summary(region: Region, added: int) -> TrainingSummary:
    statuses = Counter(Enrolment.objects.values_list("status", flat=True))
    pools = list(LicencePool.objects.values_list("seats", flat=True))
    return TrainingSummary(
        region=region.slug,
        courses=Course.objects.count(),
        pools=len(pools),
        seats=sum(pools),
        statuses=dict(statuses),
        at_risk=Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE, at_risk=True).count(),
        certificates=Certificate.objects.count(),
        added=added,
    )
