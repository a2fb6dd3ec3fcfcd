"""The dashboard's work queue: what awaits each role today, with counts linking to the lists,
counted in a fixed number of queries whatever the amount of work."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Cast
from sousei.careers.tests import factories as careers_factories
from sousei.core import clock
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.hiring.models import Offer, OfferStatus
from sousei.hiring.tests import factories as hiring_factories
from sousei.impact.models import ResidenceCheck, Track
from sousei.people.models import Participant
from sousei.people.tests.factories import ApplicationFactory, ParticipantFactory
from sousei.projects.tests import factories as projects_factories
from sousei.spaces.models import BookingStatus
from sousei.spaces.tests import factories as spaces_factories
from sousei.training.models import Enrolment, EnrolmentStatus
from sousei.training.tests import factories as training_factories
from sousei.work.models.timesheets import WeekReview, WeekStatus
from sousei.work.selectors.timesheets import week_start_of

pytestmark = pytest.mark.django_db

serial = itertools.count(1)


def workload(
    region: Region, *, drafted_by: User, candidate: User, participant: User, trainer: User
) -> None:
    """One of each kind of waiting work in `region`, and some that is not waiting; the plan at
    risk is on a course `trainer` teaches."""
    n = next(serial)
    today = clock.today()
    last_week = week_start_of(today, region) - dt.timedelta(days=7)
    with region_scope(region):
        ApplicationFactory.create(region=region)  # submitted: to decide
        ApplicationFactory.create(region=region, status="accepted")
        person = ParticipantFactory.create(region=region)
        Enrolment.objects.create(
            region=region,
            participant=person,
            course=training_factories.course(region, title=f"研修{n}", trainers=[trainer]),
            status=EnrolmentStatus.ACTIVE,
            start_date=today - dt.timedelta(days=30),
            daily_minutes=120,
            planned_completion_date=today + dt.timedelta(days=30),
            study_days=40,
            at_risk=True,
        )
        # Two assignments working last week: one handed its week in, one did not.
        starts_on, ends_on = last_week - dt.timedelta(days=7), today + dt.timedelta(days=60)
        handed_in = projects_factories.assignment(region, starts_on=starts_on, ends_on=ends_on)
        projects_factories.assignment(region, starts_on=starts_on, ends_on=ends_on)
        WeekReview.objects.create(
            region=region,
            assignment=handed_in,
            week_start=last_week,
            status=WeekStatus.SUBMITTED,
            submitted_at=clock.now(),
        )
        mine = Participant.objects.filter(person__user=participant).first()
        mine = mine or careers_factories.participant(region, user=participant)
        returned = projects_factories.assignment(
            region, participant=mine, starts_on=starts_on, ends_on=ends_on
        )
        WeekReview.objects.create(
            region=region,
            assignment=returned,
            week_start=last_week,
            status=WeekStatus.RETURNED,
            submitted_at=clock.now(),
        )
        careers_factories.ended_assignment(region)  # its evaluation waits
        opening = hiring_factories.opening(region, title=f"RPA エンジニア {n}")
        candidacy = hiring_factories.apply(opening, n)
        terms: dict[str, Any] = {
            "region": region,
            "candidacy": candidacy,
            "salary_jpy": 4_000_000,
            "start_date": today + dt.timedelta(days=60),
            "respond_by": today + dt.timedelta(days=14),
        }
        Offer.objects.create(**terms, status=OfferStatus.DRAFT, created_by=drafted_by)
        answer = hiring_factories.apply(opening, n + 1000, email=f"c{n}@example.jp")
        answer.user = candidate
        answer.save(update_fields=["user"])
        Offer.objects.create(**{**terms, "candidacy": answer}, status=OfferStatus.APPROVED)
        resource = spaces_factories.resource(spaces_factories.space(region, name=f"快生館{n}"))
        start, hour = spaces_factories.at(today, 10), dt.timedelta(hours=1)
        spaces_factories.booking(resource, starts_at=start, ends_at=start + hour)
        spaces_factories.booking(
            resource, starts_at=start, ends_at=start + hour, status=BookingStatus.CANCELLED
        )
        spaces_factories.booking(
            resource, starts_at=start + 3 * hour, ends_at=start + 4 * hour, holder=participant
        )
        ResidenceCheck.objects.create(
            region=region,
            person=person.person,
            track=Track.PROGRAM,
            source_id=n,
            months=6,
            due_on=today - dt.timedelta(days=1),
        )


def queue_of(user: User) -> tuple[dict[str, int], int]:
    """The dashboard's queue as {link: count} and the number of queries of the page."""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/r/koga/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    if 'class="card work-queue"' not in html:
        return {}, len(queries)
    section = html[html.index('class="card work-queue"') : html.index("</section>")]
    found = re.findall(
        r'<a href="/r/koga/([^"]*)"><span class="work-queue__count">(\d+)</span>'
        r' <span class="work-queue__label">([^<]+)</span>',
        section,
    )
    return {f"{label}: {href}": int(count) for href, count, label in found}, len(queries)


@pytest.fixture
def busy(cast: Cast, koga: Region, fukutsu: Region, settings: Any, tmp_path: Path) -> Cast:
    settings.MEDIA_ROOT = str(tmp_path)  # the candidates' CVs
    roles = {
        "drafted_by": cast.user(Role.OPERATOR, "koga"),
        "candidate": cast.user(Role.CANDIDATE),
        "participant": cast.user(Role.PARTICIPANT),
        "trainer": cast.user(Role.TRAINER),
    }
    workload(koga, **roles)
    workload(fukutsu, **{key: cast.outsider for key in roles})  # another region's work
    return cast


# Every role's queue starts with the notifications not seen yet (the fixture's are held).
UNREAD = "未読のお知らせ: notifications/"

OPERATOR_QUEUE = {
    UNREAD: 0,
    "選考待ちの応募: applications/?status=submitted": 1,
    "遅れが出ている学習計画: at-risk/": 1,
    "未記入の評価: evaluations/": 1,
    "承認待ちの週: approvals/": 1,
    "先週の勤務表の未提出: approvals/": 2,  # the returned week is not handed in either
    "本日の予約（未チェックイン）: spaces/check-in/": 2,  # the participant's one too
    "選考待ちの求人応募: hiring/openings/": 2,
    "評価表の提出待ちの面接: hiring/openings/": 0,
    "承認待ちの内定通知: hiring/openings/": 1,
    "回答待ちの定住確認: impact/": 1,
    "対応待ちの開示等の請求: privacy/requests/": 0,
    "個人データの利用停止中の本人: privacy/erasures/?state=suspended": 0,
    "出欠が未確定のライブ研修: live/": 0,
    "報告・判断が必要な漏えい等事案: privacy/breaches/": 0,
    "期限切れのオンボーディング項目: workplace/onboarding/": 0,
    "未対応の問い合わせ: inquiries/?status=new": 0,
}


def test_the_operator_sees_what_awaits_them_with_counts_linking_to_the_lists(
    busy: Cast, koga: Region, django_user_model: type[User]
) -> None:
    second = django_user_model.objects.create(username="second-operator")
    Membership.objects.create(region=koga, user=second, role=Role.OPERATOR)
    queue, _queries = queue_of(second)
    assert queue == OPERATOR_QUEUE


def test_an_operator_does_not_approve_the_offer_they_drafted(busy: Cast) -> None:
    queue, _queries = queue_of(busy.user(Role.OPERATOR))
    assert queue["承認待ちの内定通知: hiring/openings/"] == 0


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.CLIENT, {UNREAD: 0, "未記入の評価: evaluations/": 1, "承認待ちの週: approvals/": 1}),
        (
            Role.TRAINER,
            {
                UNREAD: 0,
                "遅れが出ている学習計画: at-risk/": 1,
                "出欠が未確定のライブ研修: live/": 0,
            },
        ),
        (Role.SPACE_MANAGER, {UNREAD: 0, "本日の予約（未チェックイン）: spaces/check-in/": 2}),
        (
            Role.PARTICIPANT,
            {UNREAD: 0, "差し戻された週（要修正）: work/": 1, "本日のあなたの予約: bookings/": 1},
        ),
        (Role.CANDIDATE, {UNREAD: 0, "回答待ちの内定通知: my-applications/": 1}),
        (Role.MUNICIPALITY, {UNREAD: 0}),
    ],
)
def test_each_role_sees_only_its_own_short_queue(
    busy: Cast, role: str, expected: dict[str, int]
) -> None:
    queue, _queries = queue_of(busy.user(role))
    assert queue == expected


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.TRAINER, Role.CLIENT, Role.PARTICIPANT])
def test_the_counts_take_the_same_number_of_queries_whatever_the_amount_of_work(
    busy: Cast, koga: Region, role: str
) -> None:
    queue, before = queue_of(busy.user(role))
    roles = {
        "drafted_by": busy.user(Role.TRAINER),
        "candidate": busy.user(Role.CANDIDATE),
        "participant": busy.user(Role.PARTICIPANT),
        "trainer": busy.user(Role.TRAINER),
    }
    workload(koga, **roles)
    workload(koga, **roles)
    more, after = queue_of(busy.user(role))
    assert after == before
    assert sum(more.values()) > sum(queue.values())


def test_what_waits_comes_first_and_the_empty_lists_fold_away(
    busy: Cast, koga: Region, django_user_model: type[User]
) -> None:
    second = django_user_model.objects.create(username="second-operator")
    Membership.objects.create(region=koga, user=second, role=Role.OPERATOR)
    client = Client()
    client.force_login(second)
    html = client.get("/r/koga/dashboard/").content.decode()
    section = html[html.index('class="card work-queue"') : html.index("</section>")]
    waiting, folded = section.split('<details class="work-queue__clear">')
    counts = [int(n) for n in re.findall(r'work-queue__count">(\d+)<', waiting)]
    assert counts
    assert 0 not in counts
    folded_counts = [int(n) for n in re.findall(r'work-queue__count">(\d+)<', folded)]
    assert folded_counts
    assert set(folded_counts) == {0}
    assert f"対応待ちのない項目（{len(folded_counts)}件）" in folded
