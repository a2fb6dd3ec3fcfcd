"""The spaces part of the demo scenario (`sousei seed-demo`): 快生館 in Koga with desks,
meeting rooms and an event hall, its opening hours and closed days, and a week of bookings
around today (the past ones checked in and out or no-shows, some of today's people already
in); a smaller work lab in Fukutsu.

Bookings go through the services on a travelling clock (`now=` the moment each happened),
so the audit trail and the check-in times are what the front desk would have produced. The
event hall is left free: the recruiting demo books it for its events.

Idempotent: spaces and resources are found by name, and bookings are added only while the
region has none.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sousei.core import clock
from sousei.core.errors import Conflict
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.spaces import services
from sousei.spaces.models import Booking, Resource, ResourceKind, Space

TOKYO = ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class SpaceSpec:
    name: str
    name_en: str
    address: str
    postal_code: str
    description: str
    opening_hours: list[list[str] | None]
    resources: list[tuple[str, str, int]]  # kind, name, capacity
    bookings_per_day: int


WEEKDAY = ["09:00", "21:00"]
SPACES: dict[str, SpaceSpec] = {
    "koga": SpaceSpec(
        name="快生館",
        name_en="Kaiseikan",
        address="福岡県古賀市天神",
        postal_code="811-3101",
        description=(
            "古賀市のシェアオフィス・コワーキングスペース。研修中の参加者の自習、"
            "インターン生のリモートワーク、採用イベントの会場として使われています。"
        ),
        opening_hours=[WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, ["10:00", "18:00"], None],
        resources=[
            *[(ResourceKind.DESK, f"デスク{n}", 1) for n in range(1, 13)],
            (ResourceKind.MEETING_ROOM, "会議室A", 8),
            (ResourceKind.MEETING_ROOM, "会議室B", 4),
            (ResourceKind.MEETING_ROOM, "Web会議ブース", 1),
            (ResourceKind.EVENT_HALL, "イベントホール", 60),
        ],
        bookings_per_day=14,
    ),
    "fukutsu": SpaceSpec(
        name="ふくま浜ワークラボ",
        name_en="Fukuma-hama Work Lab",
        address="福岡県福津市福間駅東",
        postal_code="811-3209",
        description="福間駅近くの小さなワークラボ。",
        opening_hours=[WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, None, None],
        resources=[
            *[(ResourceKind.DESK, f"デスク{n}", 1) for n in range(1, 5)],
            (ResourceKind.MEETING_ROOM, "会議室", 6),
        ],
        bookings_per_day=4,
    ),
}
PURPOSES: dict[str, list[str]] = {
    ResourceKind.DESK: [
        "UiPath 自習",
        "kintone 研修の課題",
        "案件の作業",
        "リモートワーク",
        "自習",
    ],
    ResourceKind.MEETING_ROOM: [
        "顧客との打ち合わせ",
        "面談",
        "チーム定例",
        "オンライン面接",
        "勉強会",
    ],
}
SLOTS = [(9, 12), (9, 17), (10, 13), (10, 18), (13, 17), (13, 16), (14, 18), (18, 21)]


@dataclass
class SpacesSummary:
    region: str
    resources: int
    bookings: int
    checked_in_now: int

    def line(self) -> str:
        return (
            f"  {self.region} spaces: {self.resources} desks and rooms, "
            f"{self.bookings} bookings added, {self.checked_in_now} people checked in now"
        )


def _space(region: Region, spec: SpaceSpec) -> tuple[Space, list[Resource]]:
    today = clock.today()
    maintenance = today + dt.timedelta(days=(2 - today.weekday()) % 7 + 14)  # a Wednesday
    space, _created = Space.objects.get_or_create(
        region=region,
        name=spec.name,
        defaults={
            "name_en": spec.name_en,
            "address": spec.address,
            "postal_code": spec.postal_code,
            "description": spec.description,
            "opening_hours": spec.opening_hours,
            "closed_dates": [maintenance.isoformat()],
        },
    )
    resources = []
    for position, (kind, name, capacity) in enumerate(spec.resources):
        resource, _created = Resource.objects.get_or_create(
            region=region,
            space=space,
            name=name,
            defaults={"kind": kind, "capacity": capacity, "position": position},
        )
        resources.append(resource)
    return space, resources


def _members(region: Region) -> list[User]:
    users = [
        m.user
        for m in Membership.objects.filter(
            region=region,
            role__in=[
                Role.PARTICIPANT,
                Role.CANDIDATE,
                Role.TRAINER,
                Role.CLIENT,
                # City staff and the space's own team book its rooms for their meetings too.
                Role.MUNICIPALITY,
                Role.SPACE_MANAGER,
            ],
        )
        .select_related("user")
        .order_by("user_id")[:40]
    ]
    return list(dict.fromkeys(users))


def _book_day(
    *,
    region: Region,
    day: dt.date,
    resources: list[Resource],
    members: list[User],
    manager: User,
    count: int,
    rng: random.Random,
    now: dt.datetime,
) -> tuple[int, int]:
    """Book `count` slots on `day`, then play the front desk up to `now`."""
    bookable = [r for r in resources if r.kind != ResourceKind.EVENT_HALL]
    added = checked_in_now = 0
    for _ in range(count):
        resource = rng.choice(bookable)
        first, last = rng.choice(SLOTS)
        starts = dt.datetime.combine(day, dt.time(first), tzinfo=TOKYO)
        ends = dt.datetime.combine(day, dt.time(last), tzinfo=TOKYO)
        holder = rng.choice(members)
        booked_at = min(now, starts) - dt.timedelta(days=rng.randint(1, 5))
        try:
            booking = services.booking_create(
                region=region,
                actor=holder,
                resource_id=resource.pk,
                starts_at=starts,
                ends_at=ends,
                purpose=rng.choice(PURPOSES[resource.kind]),
                holder=holder,
                now=booked_at,
            )
        except (ValidationError, Conflict):
            continue  # a closed day, outside Saturday's hours, or the slot is taken
        added += 1
        checked_in_now += _front_desk(booking, region, manager, rng, now)
    return added, checked_in_now


def _front_desk(
    booking: Booking, region: Region, manager: User, rng: random.Random, now: dt.datetime
) -> int:
    """What happened at the desk by `now`; 1 when the person is in right now."""
    arrival = booking.starts_at + dt.timedelta(minutes=rng.randint(-20, 25))
    if arrival > now:
        return 0
    if rng.random() < 0.12:
        if booking.starts_at + dt.timedelta(minutes=30) <= now:
            services.booking_mark_no_show(
                booking_id=booking.pk,
                actor=manager,
                now=booking.starts_at + dt.timedelta(minutes=30),
            )
        return 0
    if rng.random() < 0.08 and booking.ends_at > now:
        return 0  # late: still expected
    services.booking_check_in(region=region, code_or_id=booking.pk, actor=manager, now=arrival)
    leaving = booking.ends_at - dt.timedelta(minutes=rng.randint(0, 40))
    if leaving <= now:
        services.booking_check_out(region=region, code_or_id=booking.pk, actor=manager, now=leaving)
        return 0
    return 1


def seed_spaces(*, region: Region, manager: User) -> SpacesSummary:
    """Seed the region's space (call inside the region's scope and a transaction)."""
    spec = SPACES.get(region.slug)
    if spec is None:
        return SpacesSummary(region.slug, 0, 0, 0)
    _space_obj, resources = _space(region, spec)
    if Booking.objects.exists():
        return SpacesSummary(region.slug, len(resources), 0, 0)
    members = _members(region) or [manager]
    rng = random.Random(f"spaces-{region.slug}")
    now = clock.now()
    today = clock.today()
    added = checked_in_now = 0
    for offset in range(-3, 8):
        day = today + dt.timedelta(days=offset)
        count = spec.bookings_per_day if offset != 0 else spec.bookings_per_day + 4
        day_added, day_in = _book_day(
            region=region,
            day=day,
            resources=resources,
            members=members,
            manager=manager,
            count=count,
            rng=rng,
            now=now,
        )
        added += day_added
        checked_in_now += day_in
    added += _book_for_everyone(region, resources, members, today + dt.timedelta(days=1), rng)
    return SpacesSummary(region.slug, len(resources), added, checked_in_now)


def _book_for_everyone(
    region: Region,
    resources: list[Resource],
    members: list[User],
    first_day: dt.date,
    rng: random.Random,
) -> int:
    """A coming booking for each member the random days left out, so every demo user finds
    its confirmation waiting whatever the day the demo is seeded on (the city's staff too)."""
    booked = set(Booking.objects.values_list("holder_id", flat=True))
    bookable = [r for r in resources if r.kind != ResourceKind.EVENT_HALL]
    added = 0
    for member in (m for m in members if m.pk not in booked):
        tries = (
            (first_day + dt.timedelta(days=offset), resource, slot)
            for offset in range(14)
            for slot in SLOTS
            for resource in bookable
        )
        for day, resource, (first, last) in tries:
            try:
                services.booking_create(
                    region=region,
                    actor=member,
                    resource_id=resource.pk,
                    starts_at=dt.datetime.combine(day, dt.time(first), tzinfo=TOKYO),
                    ends_at=dt.datetime.combine(day, dt.time(last), tzinfo=TOKYO),
                    purpose=rng.choice(PURPOSES[resource.kind]),
                    holder=member,
                )
            except (ValidationError, Conflict):
                continue  # a closed day or a taken slot: the next one
            added += 1
            break
    return added
