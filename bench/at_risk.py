"""Benchmark: the operator's at-risk list at 100,000 enrolments with 5,000,000 progress entries
in Koga, on PostgreSQL (issue 3: p95 under 200 ms).

    .venv/bin/python bench/at_risk.py [--enrolments 100000] [--entries 5000000] [--clients 8]

Builds its data once in its own database (bulk inserts of valid participants, enrolments with
their plans, licences, assessments and certificates; the progress entries by COPY), then
reuses it while the counts match. Every enrolment's stored figures agree with its entries:
minutes studied and the last study day are their sum and latest date, and the projected
completion and the at-risk flag come from sousei.training.pace.assess_pace over the region's
study calendar, as the services keep them. About one studying enrolment in six is at risk,
behind its pace or idle for 7+ study days.

Then it measures `GET /api/v1/regions/koga/enrolments/at-risk?page=N` served by gunicorn
(4 sync workers, like applications_list.py) from concurrent clients over pages 1..last; when
the endpoint does not exist yet, it calls `selectors.at_risk_page` in this process from
concurrent threads instead, and the figures' label says so. Figures are medians over --repeat
rounds, printed as `<figure>: <value> <unit> (target <op> <value>) ok|SHORT` (DESIGN.md §9);
the exit status is 1 when the p95 misses its target. --explain prints the PostgreSQL plans.
"""

from __future__ import annotations

import argparse
import io
import math
import queue
import random
import secrets
import statistics
import sys
import threading
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.applications_list import (  # noqa: E402 (needs the project on sys.path)
    FAMILY_NAMES,
    GIVEN_NAMES,
    database_url,
    explicit_timestamps,
    figure,
    gunicorn,
    koga_with_operator,
    p95,
    say,
    setup_django,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sousei_bench_training"
BENCH_EMAIL_DOMAIN = "bench-training.example.jp"
AT_RISK_PATH = "/api/v1/regions/{slug}/enrolments/at-risk"
BATCH = 5000
SEED = 2026
JST = ZoneInfo("Asia/Tokyo")

P95_TARGET_MS = 200.0  # the requirement (issue 3); the exit status follows it alone
MEDIAN_TARGET_MS = 100.0  # our own goal, reported next to the requirement

# What a region's enrolments look like after a few years of the program: most finished,
# a large cohort studying, some withdrawn, a few waiting for a seat.
STATUS_WEIGHTS = {"completed": 38, "active": 50, "withdrawn": 7, "waiting_licence": 5}
# Of those studying: on track, behind their pace, or stopped (idle 8–30 study days).
ACTIVE_WEIGHTS = {"on_track": 83, "behind": 8, "idle": 9}
DAILY_MINUTES_WEIGHTS = {120: 25, 150: 25, 180: 25, 240: 15, 480: 10}
# (weekdays, skip national holidays) → weight
CALENDAR_WEIGHTS: dict[tuple[str, bool], int] = {
    ("01234", True): 63,
    ("01234", False): 7,
    ("012345", True): 10,
    ("56", False): 8,
    ("024", True): 7,
    ("13", True): 5,
}
YEARS_OF_HISTORY = 3


# --- setup -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--enrolments", type=int, default=100_000, help="enrolments in Koga")
    parser.add_argument("--entries", type=int, default=5_000_000, help="progress entries")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (threads)")
    parser.add_argument("--requests", type=int, default=400, help="requests per round")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; figures are medians")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE plans")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="call the selector in this process even when the endpoint exists",
    )
    return parser.parse_args(argv)


# --- the shape of each enrolment -------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    weekdays: str
    skip_holidays: bool
    dates: list[date]  # every study date from YEARS_OF_HISTORY years ago to the year after next
    today: int  # index of the first study date on or after today


@dataclass(frozen=True)
class CourseShape:
    pk: int
    product_id: int
    title: str
    product_name: str
    module_ids: tuple[int, ...]
    module_ends: tuple[int, ...]  # running total of minutes at the end of each module
    skills: tuple[tuple[int, int], ...]  # (skill id, level)

    @property
    def minutes(self) -> int:
        return self.module_ends[-1]


@dataclass
class Shape:
    """One enrolment as numbers: its entries are `days` consecutive study days of its
    calendar from index `first`, `minutes` each (the last day of a finished course gets what
    is left), `splits` of them logged as two sessions."""

    status: str
    story: str  # completed, on_track, behind, idle, withdrawn, waiting
    course: int
    calendar: int
    daily: int
    first: int
    days: int
    minutes: int
    room: int = 0  # days that can be split
    splits: int = 0

    def day_minutes(self, number: int, total: int) -> int:
        if self.story == "completed" and number == self.days - 1:
            return total - self.minutes * (self.days - 1)
        return self.minutes

    def splittable(self, total: int) -> int:
        """Days with at least an hour, which can be logged as two sessions: all but the
        last day of a finished course when that day has less."""
        short_last = self.story == "completed" and self.day_minutes(self.days - 1, total) < 60
        return self.days - (1 if short_last and self.days else 0)

    def split(self, number: int) -> bool:
        """Whether study day `number` is logged as two sessions: `splits` of the first
        `room` days, spread evenly."""
        room, splits = self.room, self.splits
        return number < room and (number + 1) * splits // room > number * splits // room

    def ended(self) -> int:
        """Index of the day after the last study day (completion or withdrawal)."""
        return self.first + self.days


def calendars(today: date, closed: tuple[Any, ...]) -> list[Calendar]:
    from sousei.training import planning

    found = []
    # The engine's horizon is five years after the first date's: enough for the history
    # and for a year of future starts with plans after them.
    first = date(today.year - YEARS_OF_HISTORY, 1, 1)
    last = date(today.year + 2, 12, 31)
    for weekdays, skip in CALENDAR_WEIGHTS:
        dates = []
        for day in planning.study_dates(
            first,
            weekdays={int(d) for d in weekdays},
            skip_holidays=skip,
            closed_periods=closed,
        ):
            if day > last:
                break
            dates.append(day)
        found.append(Calendar(weekdays, skip, dates, bisect_left(dates, today)))
    return found


def shapes(
    count: int, entries: int | None, courses: list[CourseShape], cals: list[Calendar]
) -> list[Shape]:
    """Every enrolment's shape, with the two-session days spread so that the entries add up
    to exactly `entries` (None: one entry a study day, the fewest there can be)."""
    rng = random.Random(SEED)
    statuses, status_w = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    stories, story_w = list(ACTIVE_WEIGHTS), list(ACTIVE_WEIGHTS.values())
    dailies, daily_w = list(DAILY_MINUTES_WEIGHTS), list(DAILY_MINUTES_WEIGHTS.values())
    cal_w = list(CALENDAR_WEIGHTS.values())
    found = []
    for _ in range(count):
        status = rng.choices(statuses, status_w)[0]
        course = rng.randrange(len(courses))
        cal_index = rng.choices(range(len(cals)), cal_w)[0]
        cal = cals[cal_index]
        daily = rng.choices(dailies, daily_w)[0]
        total = courses[course].minutes
        planned = -(-total // daily)
        history = min(cal.today - planned - 2, int(len(cal.dates) * 0.6))
        if status == "waiting_licence":
            first = cal.today + rng.randint(3, 20)
            shape = Shape(status, "waiting", course, cal_index, daily, first, 0, daily)
        elif status == "completed":
            first = cal.today - planned - rng.randint(2, history)
            shape = Shape(status, "completed", course, cal_index, daily, first, planned, daily)
        elif status == "withdrawn":
            days = max(1, int(planned * rng.uniform(0.1, 0.5)))
            first = cal.today - days - rng.randint(5, history)
            shape = Shape(status, "withdrawn", course, cal_index, daily, first, days, daily)
        else:
            story = rng.choices(stories, story_w)[0]
            if story == "behind":
                minutes = max(60, round(daily * 0.4 / 30) * 30)
                days = rng.randint(3, max(3, min(planned - 1, (total - 30) // minutes)))
                first = cal.today - days
            elif story == "idle":
                minutes = daily
                days = rng.randint(1, planned - 1)
                first = cal.today - days - rng.randint(8, 30)
            else:
                minutes = daily
                days = rng.randint(1, planned - 1)
                first = cal.today - days
            shape = Shape(status, story, course, cal_index, daily, first, days, minutes)
        found.append(shape)
    base = sum(s.days for s in found)
    for shape in found:
        shape.room = shape.splittable(courses[shape.course].minutes)
    room = sum(s.room for s in found)
    extra = 0 if entries is None else entries - base
    if not 0 <= extra <= room:
        raise SystemExit(
            f"{count:,} enrolments make {base:,} study days, so --entries must lie between "
            f"{base:,} and {base + room:,} (two sessions on a day at most)."
        )
    for shape in found:
        shape.splits = shape.room * extra // (room or 1)
    left = extra - sum(s.splits for s in found)
    for shape in found:
        if not left:
            break
        if shape.splits < shape.room:
            shape.splits += 1
            left -= 1
    return found


# --- data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    region_slug: str
    enrolments: int
    entries: int
    at_risk: int
    active: int
    token: str
    page_size: int


def load(enrolments: int, entries: int) -> Dataset:
    """The Koga region with the bench's participants, enrolments and progress entries."""
    from django.conf import settings
    from django.db import connection

    from sousei.core.scoping import scopes_disabled
    from sousei.people.models import Person
    from sousei.training.models import Enrolment, EnrolmentStatus, ProgressEntry

    with scopes_disabled():
        region, operator, token = koga_with_operator(BENCH_EMAIL_DOMAIN)

        persons = Person.objects.filter(region=region)
        ours = persons.filter(email__endswith="@" + BENCH_EMAIL_DOMAIN).count()
        foreign = persons.count() - ours
        if foreign:
            raise SystemExit(
                f"The database {connection.settings_dict['NAME']} holds {foreign} persons in "
                f"{region.slug} that this benchmark did not create; run it against its own "
                f"database (unset DATABASE_URL to use {DEFAULT_DATABASE_URL})."
            )
        in_region = Enrolment.objects.filter(region=region)
        have = in_region.count()
        have_entries = ProgressEntry.objects.filter(region=region).count() if have else 0
        if (have, have_entries) != (enrolments, entries):
            if have or ours:
                say(f"data: replacing {have:,} enrolments and {have_entries:,} entries")
                delete_bench_rows(region.pk)
            build(region, operator, enrolments, entries)
        else:
            say(f"data: reusing {have:,} enrolments and {have_entries:,} progress entries")
        active = in_region.filter(status=EnrolmentStatus.ACTIVE)
        at_risk = active.filter(at_risk=True).count()
        studying = active.count()
    return Dataset(
        region.slug,
        enrolments,
        entries,
        at_risk,
        studying,
        token,
        settings.SOUSEI_API_PAGE_SIZE,
    )


def delete_bench_rows(region_id: int) -> None:
    """Remove the region's rows of every table the bench fills, children first."""
    from django.db import connection, transaction

    from sousei.core import models as core
    from sousei.people import models as people
    from sousei.training import models as training

    tables = [
        training.ProgressEntry,
        training.ParticipantSkill,
        training.Certificate,
        training.AssessmentAttempt,
        training.Licence,
        training.LicencePool,
        training.PlanRevision,
        core.OutboxMessage,
        training.Enrolment,
        people.Participant,
        people.Application,
        people.Consent,
        people.Person,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE region_id = %s", [region_id])


def build(region: Any, operator: Any, count: int, entries: int | None) -> None:
    """`count` enrolments with their participants and `entries` progress entries (None: one
    a study day) in `region`, built as described in the module's docstring."""
    from django.db import connection, transaction
    from django.utils import timezone

    from sousei.core import postal
    from sousei.core.scoping import region_scope
    from sousei.people.models import Application, Consent, Participant, Person
    from sousei.people.services import application_tallies_rebuild
    from sousei.training import models as training
    from sousei.training.demo import catalogue_seed
    from sousei.training.pace import assess_pace
    from sousei.training.services.enrolments import closed_periods

    started = time.perf_counter()
    today = timezone.localdate()
    wanted = "one progress entry a study day" if entries is None else f"{entries:,} entries"
    say(f"data: loading {count:,} enrolments and {wanted} into {region.slug} …")
    with region_scope(region), transaction.atomic():
        catalogue = catalogue_seed(region=region, actor=operator)
        courses = [course_shape(course) for course in catalogue.values()]
    closed = closed_periods(region)
    cals = calendars(today, closed)
    plan = shapes(count, entries, courses, cals)

    # Seats: every product's pool is exactly as large as the seats held (by those studying
    # and by graduates in their grace period), so that whoever waits for one has a reason to.
    grace = training.LicencePool._meta.get_field("grace_days").get_default()
    held = Counter(
        courses[s.course].product_id
        for s in plan
        if s.status == "active"
        or (
            s.status == "completed"
            and cals[s.calendar].dates[s.ended()] + timedelta(days=grace) > today
        )
    )
    valid_from = date(today.year - YEARS_OF_HISTORY, 1, 1)
    pools = {
        shape.product_id: training.LicencePool.objects.create(
            region=region,
            product_id=shape.product_id,
            seats=max(1, held[shape.product_id]),
            valid_from=valid_from,
            valid_to=date(today.year + 1, 12, 31),
            note="benchmark",
        )
        for shape in courses
    }

    rng = random.Random(SEED + 1)
    addresses = [
        address
        for code, municipalities in sorted(postal.codes_with_prefix("8113").items())
        if region.code in municipalities
        for address in postal.lookup(code)
        if address.municipality_code == region.code and address.town
    ]
    stamps = [
        Person._meta.get_field("created_at"),
        Consent._meta.get_field("recorded_at"),
        Application._meta.get_field("submitted_at"),
        Participant._meta.get_field("joined_at"),
        training.Enrolment._meta.get_field("requested_at"),
        training.PlanRevision._meta.get_field("created_at"),
        training.Licence._meta.get_field("granted_at"),
        training.AssessmentAttempt._meta.get_field("attempted_at"),
        training.Certificate._meta.get_field("issued_at"),
    ]
    enrolment_ids: list[int] = []
    with explicit_timestamps(*stamps):
        for start in range(0, count, BATCH):
            batch = plan[start : start + BATCH]
            with transaction.atomic():
                enrolment_ids += insert_batch(
                    start, batch, region, operator, courses, cals, pools, addresses, rng, today
                )
            say(f"  {start + len(batch):,} enrolments")
    application_tallies_rebuild(region=region)
    say(f"  enrolments and their rows in {time.perf_counter() - started:.1f} s")

    copied = copy_progress(region.pk, plan, enrolment_ids, courses, cals)
    say(f"  {copied:,} progress entries copied in {time.perf_counter() - started:.1f} s")
    if entries is None:
        entries = sum(s.days for s in plan)
    if copied != entries:
        raise SystemExit(f"copied {copied:,} progress entries instead of {entries:,}")

    # The pace the services would have stored, for every enrolment at once.
    flags = []
    for enrolment_id, shape in zip(enrolment_ids, plan, strict=True):
        if shape.status != "active":
            continue
        cal = cals[shape.calendar]
        total = courses[shape.course].minutes
        done = sum(shape.day_minutes(n, total) for n in range(shape.days))
        pace = assess_pace(
            total_minutes=total,
            minutes_done=done,
            start=cal.dates[shape.first],
            planned_completion=cal.dates[shape.first + -(-total // shape.daily) - 1],
            last_studied_on=cal.dates[shape.first + shape.days - 1] if shape.days else None,
            today=today,
            weekdays={int(d) for d in cal.weekdays},
            skip_holidays=cal.skip_holidays,
            closed_periods=closed,
        )
        flags.append((enrolment_id, pace.at_risk, pace.projected_completion))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_pace (id bigint, risk bool, projected date)")
        with cursor.copy("COPY bench_pace (id, risk, projected) FROM STDIN") as copy:
            for row in flags:
                copy.write_row(row)
        cursor.execute(
            f"UPDATE {training.Enrolment._meta.db_table} e SET at_risk = p.risk, "
            "projected_completion_date = p.projected FROM bench_pace p WHERE e.id = p.id"
        )
        cursor.execute("DROP TABLE bench_pace")
    check_consistency(region.pk)
    with connection.cursor() as cursor:
        for model in (
            training.ProgressEntry,
            training.Enrolment,
            training.Licence,
            Person,
            Participant,
            Application,
        ):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    seconds = time.perf_counter() - started
    risky = sum(1 for _id, risk, _p in flags if risk)
    say(
        f"data: loaded {count:,} enrolments ({len(flags):,} studying, {risky:,} at risk) and "
        f"{copied:,} progress entries in {seconds:.1f} s"
    )


def course_shape(course: Any) -> CourseShape:
    from sousei.training.models import CourseModule, CourseSkill

    modules = list(CourseModule.objects.filter(course=course).order_by("position"))
    ends = []
    running = 0
    for module in modules:
        running += module.minutes
        ends.append(running)
    if min(m.minutes for m in modules) <= 480:
        # One entry a day can finish one module only; the demo's modules are all longer.
        raise SystemExit(f"{course.title}: every module must be longer than 8 hours")
    return CourseShape(
        pk=course.pk,
        product_id=course.product_id,
        title=course.title,
        product_name=course.product.name,
        module_ids=tuple(m.pk for m in modules),
        module_ends=tuple(ends),
        skills=tuple(CourseSkill.objects.filter(course=course).values_list("skill_id", "level")),
    )


def at_jst(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=JST)


def insert_batch(
    offset: int,
    batch: list[Shape],
    region: Any,
    operator: Any,
    courses: list[CourseShape],
    cals: list[Calendar],
    pools: dict[int, Any],
    addresses: list[Any],
    rng: random.Random,
    today: date,
) -> list[int]:
    """Persons, consents, applications, participants and the enrolments with their plan,
    licence, assessment, certificate and skills, for one batch. Returns the enrolment ids."""
    from sousei.people.models import (
        CONSENT_WORDING_VERSION,
        Application,
        Consent,
        ConsentPurpose,
        Participant,
        Person,
        WorkStatus,
    )
    from sousei.training import models as training

    persons = []
    applications = []
    joined: list[datetime] = []
    for number, shape in enumerate(batch, start=offset):
        cal = cals[shape.calendar]
        start = cal.dates[shape.first]
        # Applied and accepted weeks before enrolling (those waiting enrolled lately).
        applied = at_jst(
            min(start, today) - timedelta(days=rng.randint(26, 60)), rng.randint(8, 22)
        )
        family, family_kana = rng.choice(FAMILY_NAMES)
        given, given_kana = rng.choice(GIVEN_NAMES)
        address = rng.choice(addresses)
        email = f"learner{number:06d}@{BENCH_EMAIL_DOMAIN}"
        persons.append(
            Person(
                region=region,
                family_name=family,
                given_name=given,
                family_name_kana=family_kana,
                given_name_kana=given_kana,
                birth_date=date(rng.randint(1966, 2005), rng.randint(1, 12), 15),
                email=email,
                phone=f"080{number:08d}",
                postal_code=address.postal_code,
                prefecture=address.prefecture,
                city=address.city,
                town=address.town,
                address_line=f"{rng.randint(1, 1500)}-{rng.randint(1, 12)}",
                municipality_code=region.code,
                work_status=rng.choice((WorkStatus.PART_TIME, WorkStatus.FREELANCE)),
                created_at=applied,
            )
        )
        decided = applied + timedelta(days=5)
        joined.append(decided)
        applications.append(
            Application(
                region=region,
                email=email,
                status="accepted",
                weekly_hours_available=rng.choice((10, 15, 20, 25, 30, 40)),
                baseline_monthly_income_jpy=rng.randint(60, 220) * 1000,
                motivation="在宅でできる仕事のスキルを身につけたいです。",
                submitted_at=applied,
                decided_at=decided,
                decided_by=operator,
            )
        )
    Person.objects.bulk_create(persons)
    Consent.objects.bulk_create(
        Consent(
            region=region,
            person=person,
            purpose=purpose,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
            recorded_at=person.created_at,
        )
        for person in persons
        for purpose in ConsentPurpose.values
    )
    for person, application in zip(persons, applications, strict=True):
        application.person = person
    Application.objects.bulk_create(applications)
    participants = Participant.objects.bulk_create(
        Participant(region=region, person=a.person, application=a, joined_at=at)
        for a, at in zip(applications, joined, strict=True)
    )

    enrolments = []
    for shape, participant in zip(batch, participants, strict=True):
        cal = cals[shape.calendar]
        course = courses[shape.course]
        start = cal.dates[shape.first]
        total = course.minutes
        planned_days = -(-total // shape.daily)
        planned = cal.dates[shape.first + planned_days - 1]
        last = cal.dates[shape.first + shape.days - 1] if shape.days else None
        done = sum(shape.day_minutes(n, total) for n in range(shape.days))
        requested = (
            at_jst(today - timedelta(days=rng.randint(1, 20)), 10)
            if shape.status == "waiting_licence"
            else at_jst(start - timedelta(days=rng.randint(3, 14)), 10)
        )
        ended = at_jst(cal.dates[shape.ended()], 15) if last else None
        enrolments.append(
            training.Enrolment(
                region=region,
                participant=participant,
                course_id=course.pk,
                status=shape.status,
                start_date=start,
                daily_minutes=shape.daily,
                weekdays=cal.weekdays,
                skip_holidays=cal.skip_holidays,
                planned_completion_date=planned,
                study_days=planned_days,
                minutes_done=done,
                last_studied_on=last,
                projected_completion_date=last if shape.status == "completed" else planned,
                at_risk=False,
                requested_at=requested,
                completed_at=ended if shape.status == "completed" else None,
                withdrawn_at=ended if shape.status == "withdrawn" else None,
            )
        )
    training.Enrolment.objects.bulk_create(enrolments)
    training.PlanRevision.objects.bulk_create(
        training.PlanRevision(
            region=region,
            enrolment=e,
            effective_from=e.start_date,
            daily_minutes=e.daily_minutes,
            weekdays=e.weekdays,
            skip_holidays=e.skip_holidays,
            planned_completion_date=e.planned_completion_date,
            study_days=e.study_days,
            created_at=e.requested_at,
            created_by=operator,
        )
        for e in enrolments
    )
    licences = []
    for e, shape in zip(enrolments, batch, strict=True):
        if shape.status == "waiting_licence":
            continue
        pool = pools[courses[shape.course].product_id]
        released = None
        release_on = None
        if e.completed_at is not None:
            release_on = e.completed_at.date() + timedelta(days=pool.grace_days)
            released = at_jst(release_on, 3) if release_on <= today else None
        elif e.withdrawn_at is not None:
            released = e.withdrawn_at
        licences.append(
            training.Licence(
                region=region,
                pool=pool,
                enrolment=e,
                granted_at=e.requested_at,
                release_on=release_on,
                released_at=released,
            )
        )
    training.Licence.objects.bulk_create(licences)
    completed = [
        (e, e.completed_at, s)
        for e, s in zip(enrolments, batch, strict=True)
        if e.completed_at is not None
    ]
    training.AssessmentAttempt.objects.bulk_create(
        training.AssessmentAttempt(
            region=region,
            enrolment=e,
            score=rng.randint(72, 100),
            passed=True,
            attempted_at=at,
            recorded_by=operator,
        )
        for e, at, _shape in completed
    )
    certificates = training.Certificate.objects.bulk_create(
        training.Certificate(
            region=region,
            enrolment=e,
            code=secrets.token_urlsafe(18),
            holder_name=e.participant.person.full_name,
            holder_name_kana=e.participant.person.full_name_kana,
            course_title=courses[shape.course].title,
            product_name=courses[shape.course].product_name,
            minutes=courses[shape.course].minutes,
            completed_on=at.date(),
            issued_at=at,
        )
        for e, at, shape in completed
    )
    training.ParticipantSkill.objects.bulk_create(
        training.ParticipantSkill(
            region=region,
            participant_id=certificate.enrolment.participant_id,
            skill_id=skill_id,
            level=level,
            certificate=certificate,
        )
        for certificate, (_e, _at, shape) in zip(certificates, completed, strict=True)
        for skill_id, level in courses[shape.course].skills
    )
    return [e.pk for e in enrolments]


def copy_progress(
    region_id: int,
    plan: list[Shape],
    enrolment_ids: list[int],
    courses: list[CourseShape],
    cals: list[Calendar],
) -> int:
    """Every enrolment's entries through PostgreSQL's COPY, written as its text format.

    A study day is one entry, or two sessions (noon and evening) on a split day; the entry
    that reaches the end of a module finishes it."""
    from django.db import connection, transaction

    from sousei.training.models import ProgressEntry

    table = ProgressEntry._meta.db_table
    columns = "region_id, enrolment_id, date, minutes, module_finished_id, note, recorded_at"
    day_text: dict[date, tuple[str, str, str]] = {}

    def stamps(day: date) -> tuple[str, str, str]:
        found = day_text.get(day)
        if found is None:
            iso = day.isoformat()
            found = day_text[day] = (iso, f"{iso} 12:30:00+09", f"{iso} 20:30:00+09")
            return found
        return found

    def chunks() -> Iterator[tuple[str, int]]:
        """The COPY text in pieces of about 4 MB, each with its number of rows."""
        buffer = io.StringIO()
        rows = 0
        for enrolment_id, shape in zip(enrolment_ids, plan, strict=True):
            course = courses[shape.course]
            dates = cals[shape.calendar].dates
            ends = course.module_ends
            head = f"{region_id}\t{enrolment_id}\t"
            done = 0
            module = 0
            for number in range(shape.days):
                iso, noon, evening = stamps(dates[shape.first + number])
                minutes = shape.day_minutes(number, course.minutes)
                done += minutes
                finished = r"\N"
                if module < len(ends) and done >= ends[module]:
                    finished = str(course.module_ids[module])
                    module += 1
                if shape.split(number):
                    first = minutes // 60 * 30
                    buffer.write(f"{head}{iso}\t{first}\t\\N\t\t{noon}\n")
                    minutes -= first
                    rows += 1
                buffer.write(f"{head}{iso}\t{minutes}\t{finished}\t\t{evening}\n")
                rows += 1
            if buffer.tell() > 1 << 22:
                yield buffer.getvalue(), rows
                buffer, rows = io.StringIO(), 0
        yield buffer.getvalue(), rows

    copied = 0
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for text, rows in chunks():
            copy.write(text)
            copied += rows
    return copied


def check_consistency(region_id: int) -> None:
    """Every enrolment's minutes and last study day are its entries' sum and latest date."""
    from django.db import connection

    from sousei.training.models import Enrolment, ProgressEntry

    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT count(*) FROM {Enrolment._meta.db_table} e
            LEFT JOIN (
                SELECT enrolment_id, sum(minutes) AS minutes, max(date) AS last
                FROM {ProgressEntry._meta.db_table} WHERE region_id = %s GROUP BY enrolment_id
            ) p ON p.enrolment_id = e.id
            WHERE e.region_id = %s AND (
                e.minutes_done <> coalesce(p.minutes, 0)
                OR e.last_studied_on IS DISTINCT FROM p.last
            )
            """,
            [region_id, region_id],
        )
        row = cursor.fetchone()
    wrong = row[0] if row else 0
    if wrong:
        raise SystemExit(f"{wrong} enrolments disagree with their progress entries")
    say("  every enrolment agrees with its progress entries")


# --- measuring -------------------------------------------------------------------------


@dataclass
class Round:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def pages(dataset: Dataset, count: int, rng: random.Random) -> list[int]:
    """Page 1 (what an operator opens) 40 %, any page of the list 60 %."""
    last = max(1, math.ceil(dataset.at_risk / dataset.page_size))
    return [1 if rng.random() < 0.4 else rng.randint(1, last) for _ in range(count)]


def run_clients(clients: int, work: list[int], call: Callable[[int], str | None]) -> Round:
    """Run `call(page)` for every page from `clients` threads; a returned string is an error."""
    pending: queue.SimpleQueue[int] = queue.SimpleQueue()
    for page in work:
        pending.put(page)
    result = Round()
    lock = threading.Lock()

    def client() -> None:
        while True:
            try:
                page = pending.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            error = call(page)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if error:
                    result.errors.append(error)
                else:
                    result.latencies_ms.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def http_caller(base_url: str, dataset: Dataset) -> Callable[[int], str | None]:
    """One keep-alive connection per client thread (http.client: the lightest client)."""
    from http.client import HTTPConnection
    from urllib.parse import urlsplit

    server = urlsplit(base_url)
    path = AT_RISK_PATH.format(slug=dataset.region_slug)
    headers = {"Authorization": f"Bearer {dataset.token}"}
    local = threading.local()

    def call(page: int) -> str | None:
        connection = getattr(local, "connection", None)
        if connection is None:
            connection = local.connection = HTTPConnection(
                server.hostname or "127.0.0.1", server.port, timeout=60
            )
        connection.request("GET", f"{path}?page={page}", headers=headers)
        response = connection.getresponse()
        response.read()
        return None if response.status == 200 else f"page {page} → {response.status}"

    return call


def selector_caller(dataset: Dataset) -> Callable[[int], str | None]:
    """The selector in this process, in the region's scope, as the endpoint would call it."""
    from sousei.core.models import Region
    from sousei.core.scoping import region_scope
    from sousei.training.selectors import at_risk_page

    region = Region.objects.get(slug=dataset.region_slug)

    def call(page: int) -> str | None:
        with region_scope(region):
            result = at_risk_page(page=page, size=dataset.page_size)
            # Touch what the list shows, as a page or the API would.
            for enrolment in result.items:
                _ = (enrolment.participant.person.full_name, enrolment.course.title)
        return None

    return call


def endpoint_exists(base_url: str) -> bool:
    import httpx

    document = httpx.get(f"{base_url}/api/v1/openapi.json", timeout=10).json()
    return AT_RISK_PATH in document.get("paths", {})


def measure(
    call: Callable[[int], str | None], dataset: Dataset, args: argparse.Namespace
) -> list[Round]:
    rng = random.Random(SEED)
    warmup = run_clients(args.clients, pages(dataset, max(80, 10 * args.clients), rng), call)
    if warmup.errors:
        raise SystemExit(f"warm-up requests failed: {warmup.errors[:5]}")
    rounds = []
    for number in range(1, args.repeat + 1):
        done = run_clients(args.clients, pages(dataset, args.requests, rng), call)
        if done.errors:
            raise SystemExit(f"round {number}: {len(done.errors)} failed, e.g. {done.errors[:3]}")
        say(
            f"round {number}: median {statistics.median(done.latencies_ms):.1f} ms, "
            f"p95 {p95(done.latencies_ms):.1f} ms, "
            f"{len(done.latencies_ms) / done.seconds:.0f} lists/s"
        )
        rounds.append(done)
    return rounds


def explain(dataset: Dataset) -> None:
    """EXPLAIN ANALYZE the selector's queries for page 1 and the last page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sousei.core.models import Region
    from sousei.core.scoping import region_scope
    from sousei.training.selectors import at_risk_page

    region = Region.objects.get(slug=dataset.region_slug)
    last = max(1, math.ceil(dataset.at_risk / dataset.page_size))
    with region_scope(region):
        for page in (1, last):
            with CaptureQueriesContext(connection) as captured:
                at_risk_page(page=page, size=dataset.page_size)
            for query in captured.captured_queries:
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
                    plan_text = "\n".join(row[0] for row in cursor.fetchall())
                print(f"\n== page {page}: {query['sql'][:70]}…\n{plan_text}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url(DEFAULT_DATABASE_URL)
    setup_django(url)
    dataset = load(args.enrolments, args.entries)
    if args.explain:
        explain(dataset)
    scale = (
        f"{dataset.enrolments} enrolments, {dataset.entries} entries, "
        f"{dataset.at_risk} of {dataset.active} studying at risk"
    )
    say(f"data: {scale}")
    rounds: list[Round] = []
    label = f"selectors.at_risk_page in-process, no HTTP, {args.clients} threads"
    with gunicorn(url, "sousei.wsgi", args.workers) as base_url:
        if args.in_process:
            say("measuring selectors.at_risk_page in-process (--in-process)")
        elif endpoint_exists(base_url):
            label = f"GET …/enrolments/at-risk, gunicorn -w {args.workers}, {args.clients} clients"
            rounds = measure(http_caller(base_url, dataset), dataset, args)
        else:
            say("no at-risk endpoint yet: measuring selectors.at_risk_page in-process")
    if not rounds:
        rounds = measure(selector_caller(dataset), dataset, args)
    label = f"{label}, {scale}"
    lines = (
        figure(
            f"at-risk list median ({label})",
            statistics.median(statistics.median(r.latencies_ms) for r in rounds),
            "ms",
            "<",
            MEDIAN_TARGET_MS,
        ),
        figure(
            f"at-risk list p95 ({label})",
            statistics.median(p95(r.latencies_ms) for r in rounds),
            "ms",
            "<",
            P95_TARGET_MS,
        ),
    )
    for line, _held in lines:
        print(line, flush=True)
    return 0 if lines[1][1] else 1


if __name__ == "__main__":
    sys.exit(main())
