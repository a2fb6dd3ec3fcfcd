"""The events part of the demo scenario (`sousei seed-demo`): in Koga a past three-day
workation internship at 快生館 (itinerary, registrations, a cancelled place handed to the
waitlist, attendance, survey answers), a past recruiting event, and upcoming events — a
workation internship that is full with a waitlist and an open offer, a recruiting event and
an online info session. Fukutsu gets one online info session, to show the regions apart.

Everything goes through the services on a travelling clock (see sousei.core.clock),
so the audit trail, the waitlist and the timestamps are what the program would have
produced. Past e-mails are not sent. Upcoming events in Koga are held in 快生館's event hall
when the spaces demo has created it (booked for the event), otherwise at a named venue.

Idempotent: an event is created only while the region has no event of that title.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sousei.core import clock
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.outbox.services import messages_held
from sousei.events import services
from sousei.events.models import (
    ActivityKind,
    Event,
    EventKind,
    EventStatus,
    Registration,
)
from sousei.events.services import EventInput, ItineraryInput, RegistrationInput

JST = ZoneInfo("Asia/Tokyo")
SEED = 2027

STUDENTS = (
    ("田中", "タナカ", "tanaka"),
    ("中村", "ナカムラ", "nakamura"),
    ("松尾", "マツオ", "matsuo"),
    ("井上", "イノウエ", "inoue"),
    ("山口", "ヤマグチ", "yamaguchi"),
    ("吉田", "ヨシダ", "yoshida"),
    ("原田", "ハラダ", "harada"),
    ("坂本", "サカモト", "sakamoto"),
    ("藤井", "フジイ", "fujii"),
    ("森", "モリ", "mori"),
    ("佐藤", "サトウ", "sato"),
    ("高橋", "タカハシ", "takahashi"),
    ("石橋", "イシバシ", "ishibashi"),
    ("久保", "クボ", "kubo"),
    ("末永", "スエナガ", "suenaga"),
    ("柴田", "シバタ", "shibata"),
)
GIVEN = (
    ("結衣", "ユイ", "yui"),
    ("陽菜", "ヒナ", "hina"),
    ("美咲", "ミサキ", "misaki"),
    ("七海", "ナナミ", "nanami"),
    ("蓮", "レン", "ren"),
    ("悠斗", "ユウト", "yuto"),
    ("翔太", "ショウタ", "shota"),
    ("拓海", "タクミ", "takumi"),
    ("颯太", "ソウタ", "sota"),
    ("真央", "マオ", "mao"),
)
UNIVERSITIES = (
    "九州大学",
    "福岡大学",
    "西南学院大学",
    "九州産業大学",
    "福岡工業大学",
    "北九州市立大学",
    "九州工業大学",
    "福岡女子大学",
)
COMMENTS = (
    "快生館でのリモートワーク体験で、古賀に住みながら働くイメージが持てました。",
    "地元企業の方と直接話せたのが良かったです。",
    "花鶴浜の散策が気持ちよかった。もう少し業務体験の時間がほしいです。",
    "RPAのワークショップが実践的でした。",
    "交流会で地域の人の暮らしが分かりました。",
    "",
    "宿泊先から快生館までの移動手段をもう少し案内してほしいです。",
)


@dataclass
class EventsSummary:
    region: str
    events: int
    registrations: int
    waitlisted: int
    attended: int
    surveys: int
    added: int

    def line(self) -> str:
        return (
            f"  {self.region} events: {self.events} events, {self.registrations} registrations "
            f"({self.waitlisted} on a waitlist), {self.attended} attended, "
            f"{self.surveys} survey answers ({self.added} events added)"
        )


@contextmanager
def _quiet() -> Iterator[None]:
    """No e-mails about the demo's history."""
    with messages_held():
        yield


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=JST)


def _weekday_after(day: dt.date, weekday: int = 1) -> dt.date:
    """The first given weekday (Tuesday by default) on or after `day`."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _hall_id(region: Region) -> int | None:
    """快生館's event hall (or largest room) if the spaces demo made it."""
    try:
        from sousei.spaces.models import Resource
    except ImportError:  # pragma: no cover - spaces is part of the project
        return None
    resources = Resource.objects.filter(active=True, space__name__contains="快生館")
    hall = resources.filter(kind="event_hall").first() or resources.order_by("-capacity").first()
    return hall.pk if hall is not None else None


class _Seeder:
    def __init__(self, *, region: Region, operator: User, candidate: User | None) -> None:
        self.region = region
        self.operator = operator
        self.candidate = candidate
        self.rng = random.Random(f"{SEED}-{region.slug}")
        self.now = clock.now()
        self.today = clock.today()
        self.people = 0
        self.added = 0

    def person(self, *, email: str | None = None, year: int = 2027) -> RegistrationInput:
        self.people += 1
        family = STUDENTS[self.people % len(STUDENTS)]
        given = GIVEN[(self.people * 7) % len(GIVEN)]
        return RegistrationInput(
            family_name=family[0],
            given_name=given[0],
            family_name_kana=family[1],
            given_name_kana=given[1],
            email=email or f"{family[2]}.{given[2]}{self.people}@student.example.jp",
            university=self.rng.choice(UNIVERSITIES),
            graduation_year=year,
            consent_privacy_policy=True,
            language="en" if self.people % 9 == 0 else "ja",
        )

    def create(self, data: EventInput, *, at: dt.datetime) -> Event | None:
        if Event.objects.filter(title=data.title).exists():
            return None
        with clock.frozen_at(at):
            try:
                event = services.event_create(region=self.region, data=data, actor=self.operator)
            except (ValidationError, Conflict):
                if not data.resource_id:
                    raise
                # The hall is taken or closed then: hold the event at the space by name.
                data = dataclasses.replace(data, resource_id=None, venue="快生館")
                event = services.event_create(region=self.region, data=data, actor=self.operator)
        self.added += 1
        return event

    def register(
        self, event: Event, count: int, *, first: dt.datetime, last: dt.datetime
    ) -> list[Registration]:
        registrations = []
        span = (last - first) / max(count, 1)
        for n in range(count):
            with clock.frozen_at(first + span * n):
                registrations.append(
                    services.registration_create(
                        event_id=event.pk,
                        data=self.person(year=event.audience_graduation_year or 2027),
                        actor=None,
                    )
                )
        return registrations

    # The stories ---------------------------------------------------------------------------

    def past_internship(self) -> None:
        day1 = _weekday_after(self.today - dt.timedelta(days=52))
        starts, ends = _at(day1, 10), _at(day1 + dt.timedelta(days=2), 17)
        data = EventInput(
            kind=EventKind.WORKATION_INTERNSHIP,
            title="古賀ワーケーション・インターン 2026秋（3日間）",
            description=(
                "快生館を拠点に、古賀に住みながら働くことを3日間体験するインターンです。"
                "業務体験、地元企業訪問、自然体験、地域の人との交流を組み合わせています。"
            ),
            starts_at=starts,
            ends_at=ends,
            capacity=10,
            registration_opens_at=starts - dt.timedelta(days=40),
            registration_closes_at=starts - dt.timedelta(days=3),
            venue="快生館（古賀市天神）",
            audience_graduation_year=2027,
            lodging_notes="2泊分の宿泊（薬王寺温泉の提携宿、相部屋）をプログラムで用意します。",
            status=EventStatus.PUBLISHED,
            itinerary=self.internship_itinerary(day1),
        )
        event = self.create(data, at=starts - dt.timedelta(days=45))
        if event is None:
            return
        with _quiet():
            people = self.register(
                event,
                12,
                first=starts - dt.timedelta(days=38),
                last=starts - dt.timedelta(days=8),
            )
            with clock.frozen_at(starts - dt.timedelta(days=6)):
                services.registration_cancel(registration_id=people[2].pk, actor=None)
            with clock.frozen_at(starts - dt.timedelta(days=5)):
                services.registration_confirm(registration_id=people[10].pk, actor=None)
            confirmed = Registration.objects.filter(event=event, status="confirmed").order_by("id")
            attendees = list(confirmed)[:-1]  # one no-show
            for n, registration in enumerate(attendees):
                with clock.frozen_at(starts + dt.timedelta(minutes=2 * n - 15)):
                    services.registration_check_in(
                        registration_id=registration.pk, actor=self.operator
                    )
            for n, registration in enumerate(attendees[:8]):
                with clock.frozen_at(ends + dt.timedelta(hours=3 + 5 * n)):
                    services.survey_submit(
                        registration_id=registration.pk,
                        rating=(5, 5, 4, 5, 4, 3, 5, 4)[n],
                        comments=COMMENTS[n % len(COMMENTS)],
                        interested_in_jobs=n % 3 != 2,
                        actor=None,
                    )

    def internship_itinerary(self, day1: dt.date) -> tuple[ItineraryInput, ...]:
        day2, day3 = day1 + dt.timedelta(days=1), day1 + dt.timedelta(days=2)
        return (
            ItineraryInput(
                starts_at=_at(day1, 10),
                ends_at=_at(day1, 12),
                activity=ActivityKind.WORK_SESSION,
                title="オリエンテーションと快生館でのリモートワーク体験",
                place="快生館",
            ),
            ItineraryInput(
                starts_at=_at(day1, 14),
                ends_at=_at(day1, 17),
                activity=ActivityKind.COMPANY_VISIT,
                title="地元企業訪問（製造業のDX現場）",
                place="古賀市内",
            ),
            ItineraryInput(
                starts_at=_at(day2, 9, 30),
                ends_at=_at(day2, 12),
                activity=ActivityKind.LECTURE,
                title="RPAワークショップ",
                place="快生館",
            ),
            ItineraryInput(
                starts_at=_at(day2, 14),
                ends_at=_at(day2, 16),
                activity=ActivityKind.NATURE,
                title="花鶴浜の散策",
                place="花鶴浜",
            ),
            ItineraryInput(
                starts_at=_at(day2, 18),
                ends_at=_at(day2, 20),
                activity=ActivityKind.NETWORKING,
                title="地域の人との交流会",
                place="快生館",
            ),
            ItineraryInput(
                starts_at=_at(day3, 10),
                ends_at=_at(day3, 15),
                activity=ActivityKind.WORK_SESSION,
                title="拠点フリーの働き方を実践（チームで課題に取り組む）",
                place="快生館",
            ),
            ItineraryInput(
                starts_at=_at(day3, 15, 30),
                ends_at=_at(day3, 17),
                activity=ActivityKind.LECTURE,
                title="振り返りと発表",
                place="快生館",
            ),
        )

    def past_recruiting_event(self) -> None:
        day = _weekday_after(self.today - dt.timedelta(days=24), 3)
        starts = _at(day, 13)
        data = EventInput(
            kind=EventKind.RECRUITING_EVENT,
            title="拠点フリー採用 説明・交流会（秋）",
            description="古賀に住みながら働く社員の話を聞き、採用担当と話せる会です。",
            starts_at=starts,
            ends_at=_at(day, 17),
            capacity=20,
            venue="快生館（古賀市天神）",
            status=EventStatus.PUBLISHED,
        )
        event = self.create(data, at=starts - dt.timedelta(days=30))
        if event is None:
            return
        with _quiet():
            people = self.register(
                event, 9, first=starts - dt.timedelta(days=25), last=starts - dt.timedelta(days=1)
            )
            for n, registration in enumerate(people[:7]):
                with clock.frozen_at(starts + dt.timedelta(minutes=n - 5)):
                    services.registration_check_in(
                        registration_id=registration.pk, actor=self.operator
                    )

    def upcoming_internship(self) -> None:
        day1 = _weekday_after(self.today + dt.timedelta(days=38))
        starts, ends = _at(day1, 10), _at(day1 + dt.timedelta(days=2), 17)
        data = EventInput(
            kind=EventKind.WORKATION_INTERNSHIP,
            title="古賀ワーケーション・インターン 2027冬（3日間）",
            description=(
                "2027年卒業予定の方を対象に、快生館を拠点とした3日間のワーケーション型"
                "インターンを開催します。住む場所を変えずに働く「拠点フリー採用」を体験できます。"
            ),
            starts_at=starts,
            ends_at=ends,
            capacity=8,
            registration_opens_at=self.now - dt.timedelta(days=14),
            registration_closes_at=starts - dt.timedelta(days=3),
            resource_id=_hall_id(self.region),
            venue="" if _hall_id(self.region) else "快生館（古賀市天神）",
            audience_graduation_year=2027,
            lodging_notes="2泊分の宿泊（薬王寺温泉の提携宿）をプログラムで用意します。",
            status=EventStatus.PUBLISHED,
            itinerary=self.internship_itinerary(day1),
        )
        event = self.create(data, at=self.now - dt.timedelta(days=15))
        if event is None:
            return
        with _quiet():
            people = self.register(
                event,
                11,
                first=self.now - dt.timedelta(days=13),
                last=self.now - dt.timedelta(days=2),
            )
            # A confirmed student cancels yesterday: the first on the waitlist has an offer
            # open until tomorrow.
            with clock.frozen_at(self.now - dt.timedelta(days=1)):
                services.registration_cancel(registration_id=people[4].pk, actor=None)
            if self.candidate is not None and self.candidate.email:
                with clock.frozen_at(self.now - dt.timedelta(hours=20)):
                    services.registration_create(
                        event_id=event.pk,
                        data=self.person(email=self.candidate.email),
                        actor=self.candidate,
                    )

    def upcoming_recruiting_event(self) -> None:
        day = _weekday_after(self.today + dt.timedelta(days=16), 3)
        hall = _hall_id(self.region)
        data = EventInput(
            kind=EventKind.RECRUITING_EVENT,
            title="拠点フリー採用 選考会（冬）",
            description="書類選考なしで参加できる、拠点フリーの正社員ポジションの説明と面談の会です。",
            starts_at=_at(day, 13),
            ends_at=_at(day, 17),
            capacity=30,
            resource_id=hall,
            venue="" if hall else "快生館（古賀市天神）",
            status=EventStatus.PUBLISHED,
        )
        event = self.create(data, at=self.now - dt.timedelta(days=10))
        if event is None:
            return
        with _quiet():
            self.register(
                event,
                6,
                first=self.now - dt.timedelta(days=9),
                last=self.now - dt.timedelta(hours=3),
            )

    def online_info_session(self, title: str) -> None:
        day = self.today + dt.timedelta(days=10)
        data = EventInput(
            kind=EventKind.ONLINE_SESSION,
            title=title,
            description="地域に住みながら働く「拠点フリー採用」とワーケーション・インターンの説明会です。",
            starts_at=_at(day, 19),
            ends_at=_at(day, 20),
            capacity=100,
            online_url=f"https://meet.example.jp/sousei-{self.region.slug}",
            status=EventStatus.PUBLISHED,
        )
        event = self.create(data, at=self.now - dt.timedelta(days=7))
        if event is None:
            return
        with _quiet():
            self.register(
                event,
                4,
                first=self.now - dt.timedelta(days=6),
                last=self.now - dt.timedelta(hours=5),
            )


def seed_events(*, region: Region, operator: User, candidate: User | None = None) -> EventsSummary:
    """Seed the region's events (inside its region scope)."""
    seeder = _Seeder(region=region, operator=operator, candidate=candidate)
    if region.slug == "koga":
        seeder.past_internship()
        seeder.past_recruiting_event()
        seeder.upcoming_internship()
        seeder.upcoming_recruiting_event()
        seeder.online_info_session("オンライン説明会：古賀に住みながら働く")
    else:
        seeder.online_info_session(f"オンライン説明会：{region.name_ja}に住みながら働く")
    registrations = Registration.objects.all()
    return EventsSummary(
        region=region.slug,
        events=Event.objects.count(),
        registrations=registrations.count(),
        waitlisted=registrations.filter(status="waitlisted").count(),
        attended=registrations.filter(checked_in_at__isnull=False).count(),
        surveys=registrations.filter(survey_response__isnull=False).count(),
        added=seeder.added,
    )
