"""The people part of the demo scenario (`sousei seed-demo`): fictional applicants of each
region in several states — submitted, waitlisted, accepted, rejected — with the participant
demo user (participant-<slug>) as one of the accepted ones.

The applicants are drawn from a fixed random seed. Each one applies and is decided through
the intake services with the clock frozen at the moment it happened (sousei.core.clock), so
the application, its person, consents, participant and audit entries carry those moments:
applications spread over the last eight weeks, the newest still undecided.

Idempotent: an applicant is found by their email in the region and then kept as it is.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from sousei.core import clock, postal
from sousei.core.demo import MUNICIPALITIES
from sousei.core.models import Invitation, Region
from sousei.people.models import Application, Participant, Person, WorkStatus
from sousei.people.services import ApplicationInput, application_decide, application_submit

SEED = 2026
JST = ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class PeopleSpec:
    slug: str
    code: str
    postal_prefix: str
    phone_area: str  # the landline area code and first exchange digits
    applicants: int
    # Decision paths of the oldest applications; the newest ones stay submitted.
    outcomes: tuple[tuple[str, ...], ...]


def _outcomes(
    accept: int, waitlist_accept: int, waitlist: int, reject: int
) -> tuple[tuple[str, ...], ...]:
    return (
        (("accept",),) * accept
        + (("waitlist", "accept"),) * waitlist_accept
        + (("waitlist",),) * waitlist
        + (("reject",),) * reject
    )


SPECS = {
    "koga": PeopleSpec("koga", "40223", "81131", "092-94", 40, _outcomes(13, 2, 6, 6)),
    "fukutsu": PeopleSpec("fukutsu", "40224", "81132", "0940-4", 8, _outcomes(2, 1, 1, 1)),
}

FAMILY_NAMES = (
    ("田中", "タナカ", "tanaka"),
    ("中村", "ナカムラ", "nakamura"),
    ("松尾", "マツオ", "matsuo"),
    ("古賀", "コガ", "koga"),
    ("井上", "イノウエ", "inoue"),
    ("山口", "ヤマグチ", "yamaguchi"),
    ("吉田", "ヨシダ", "yoshida"),
    ("松本", "マツモト", "matsumoto"),
    ("山本", "ヤマモト", "yamamoto"),
    ("林", "ハヤシ", "hayashi"),
    ("原田", "ハラダ", "harada"),
    ("坂本", "サカモト", "sakamoto"),
    ("野口", "ノグチ", "noguchi"),
    ("中島", "ナカシマ", "nakashima"),
    ("藤井", "フジイ", "fujii"),
    ("森", "モリ", "mori"),
    ("佐藤", "サトウ", "sato"),
    ("鈴木", "スズキ", "suzuki"),
    ("高橋", "タカハシ", "takahashi"),
    ("渡辺", "ワタナベ", "watanabe"),
    ("伊藤", "イトウ", "ito"),
    ("石橋", "イシバシ", "ishibashi"),
    ("久保", "クボ", "kubo"),
    ("末永", "スエナガ", "suenaga"),
    ("安部", "アベ", "abe"),
    ("江藤", "エトウ", "eto"),
    ("柴田", "シバタ", "shibata"),
    ("平田", "ヒラタ", "hirata"),
    ("宮崎", "ミヤザキ", "miyazaki"),
    ("木村", "キムラ", "kimura"),
)
# Given names by generation: born 1993 or later, 1978–1992, before 1978.
GIVEN_NAMES: dict[str, dict[str, tuple[tuple[str, str, str], ...]]] = {
    "young": {
        "f": (
            ("結衣", "ユイ", "yui"),
            ("陽菜", "ヒナ", "hina"),
            ("美咲", "ミサキ", "misaki"),
            ("七海", "ナナミ", "nanami"),
            ("彩花", "アヤカ", "ayaka"),
            ("真央", "マオ", "mao"),
        ),
        "m": (
            ("蓮", "レン", "ren"),
            ("悠斗", "ユウト", "yuto"),
            ("翔太", "ショウタ", "shota"),
            ("大翔", "ヒロト", "hiroto"),
            ("拓海", "タクミ", "takumi"),
            ("颯太", "ソウタ", "sota"),
        ),
    },
    "middle": {
        "f": (
            ("彩", "アヤ", "aya"),
            ("麻衣", "マイ", "mai"),
            ("沙織", "サオリ", "saori"),
            ("香織", "カオリ", "kaori"),
            ("千尋", "チヒロ", "chihiro"),
            ("優子", "ユウコ", "yuko"),
            ("智美", "トモミ", "tomomi"),
            ("理恵", "リエ", "rie"),
        ),
        "m": (
            ("大輔", "ダイスケ", "daisuke"),
            ("拓也", "タクヤ", "takuya"),
            ("直樹", "ナオキ", "naoki"),
            ("健太", "ケンタ", "kenta"),
            ("和也", "カズヤ", "kazuya"),
            ("亮", "リョウ", "ryo"),
        ),
    },
    "older": {
        "f": (
            ("恵子", "ケイコ", "keiko"),
            ("陽子", "ヨウコ", "yoko"),
            ("明美", "アケミ", "akemi"),
            ("真由美", "マユミ", "mayumi"),
            ("由美", "ユミ", "yumi"),
            ("久美子", "クミコ", "kumiko"),
        ),
        "m": (
            ("隆", "タカシ", "takashi"),
            ("浩二", "コウジ", "koji"),
            ("誠", "マコト", "makoto"),
            ("修", "オサム", "osamu"),
            ("賢治", "ケンジ", "kenji"),
            ("雄一", "ユウイチ", "yuichi"),
        ),
    },
}

ANY, YOUNG, MIDDLE, OLDER = "young middle older", "young", "middle", "older"
# (motivation, the generations it fits)
MOTIVATIONS = (
    (
        "子どもが小学校に上がり、平日の日中に時間が取れるようになりました。在宅でできるRPAのスキルを"
        "身につけ、パートより安定した収入を得たいです。",
        MIDDLE,
    ),
    (
        "飲食店でアルバイトをしていますが、シフトが不安定です。kintoneなどのツールを学んで、"
        "事務系の仕事に挑戦したいと考えています。",
        ANY,
    ),
    (
        "フリーランスでWebデザインをしていますが、受注に波があります。業務自動化の案件にも"
        "対応できるようになりたいです。",
        ANY,
    ),
    ("{city}で暮らし続けながら、福岡市まで通勤せずに働ける仕事を探しています。", ANY),
    (
        "親の介護と両立できる働き方を探しています。1日2〜3時間の学習なら続けられると思い"
        "応募しました。",
        "middle older",
    ),
    (
        "前職で経理を担当しており、Excel作業の自動化に興味を持ちました。Power Automateを"
        "本格的に学びたいです。",
        ANY,
    ),
    (
        "卒業後も地元に残りたいと考えています。デジタルのスキルを身につけて、{city}で長く"
        "働ける仕事に就きたいです。",
        YOUNG,
    ),
    ("50代からでも新しいスキルを学べる機会だと知り、挑戦したいと思いました。", OLDER),
    (
        "東京からUターンして{city}に戻ってきました。以前の事務経験を活かしつつ、RPAを学んで"
        "地元で働きたいです。",
        "young middle",
    ),
    ("農業と兼業しているため、空いた時間にできるリモートの仕事を増やしたいです。", ANY),
    (
        "シェアオフィスのイベントでこのプログラムを知りました。同じ目標を持つ仲間と一緒に"
        "学びたいです。",
        ANY,
    ),
    ("将来は個人事業主として、地域の中小企業の業務改善を手伝えるようになりたいです。", ANY),
    (
        "正社員として働くことを目指しています。研修後の案件参画で実務経験を積みたいです。",
        "young middle",
    ),
    (
        "物流倉庫でパート勤務をしています。現場で見てきた手作業の多さを、ツールで解決する側に"
        "回りたいです。",
        ANY,
    ),
    (
        "育児休業明けでフルタイム勤務は難しい状況です。在宅で柔軟に働けるスキルを"
        "身につけたいです。",
        "young middle",
    ),
    ("WinActorを前職で少し触ったことがあります。体系的に学び直して仕事につなげたいです。", ANY),
)

REJECTION_REASONS = (
    "今期の研修日程（平日日中）と、ご希望の学習時間帯が合わないため。次期募集をご案内します。",
    "週あたりの学習可能時間が、コース修了に必要な時間に届かないため。",
    "市外への転居が決まっているとのことで、本プログラムの対象外となるため。",
    "ご本人の希望により応募を取り下げる旨のご連絡をいただいたため。",
)

# Towns whose addresses are written with 丁目 (kept to 1–3, which every one of them has).
CHOME_TOWNS = {
    "天神",
    "駅東",
    "中央",
    "花鶴丘",
    "日吉",
    "美明",
    "花見南",
    "花見東",
    "千鳥",
    "舞の里",
    "今の庄",
    "新久保",
    "花見が丘",
    "花見の里",
    "手光南",
    "西福間",
    "若木台",
    "光陽台",
    "日蒔野",
    "福間駅東",
    "福間南",
    "東福間",
}
BUILDINGS = (
    "コーポ{town}",
    "メゾン{town}",
    "ハイツ{town}",
    "{town}パークハイツ",
    "サンライズ{town}",
)


@dataclass(frozen=True)
class ApplicantSpec:
    data: ApplicationInput
    outcome: tuple[str, ...]
    days_ago: float


def _postal_codes(spec: PeopleSpec) -> list[postal.PostalAddress]:
    """The region's postal codes that name a town (not the catch-all 以下に掲載がない場合)."""
    found = []
    for code, municipalities in sorted(postal.codes_with_prefix(spec.postal_prefix).items()):
        if spec.code not in municipalities:
            continue
        for address in postal.lookup(code):
            if address.municipality_code == spec.code and address.town not in ("", address.city):
                found.append(address)
    return found


def _address_line(rng: random.Random, town: str) -> str:
    if town in CHOME_TOWNS:
        line = f"{rng.randint(1, 3)}丁目{rng.randint(1, 25)}-{rng.randint(1, 30)}"
    else:
        line = f"{rng.randint(100, 1500)}-{rng.randint(1, 12)}"
    if rng.random() < 0.35:
        building = rng.choice(BUILDINGS).format(town=town)
        line += f" {building} {rng.randint(1, 3)}0{rng.randint(1, 5)}号"
    return line


def _phone(rng: random.Random, spec: PeopleSpec) -> str:
    if rng.random() < 0.8:
        mobile = rng.choice(("090", "080", "070"))
        return f"{mobile}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
    if spec.phone_area.startswith("092"):
        return f"{spec.phone_area}{rng.randint(2, 4)}-{rng.randint(0, 9999):04d}"
    return f"{spec.phone_area}{rng.randint(2, 3)}-{rng.randint(0, 9999):04d}"


def applicants(spec: PeopleSpec) -> list[ApplicantSpec]:
    """The region's fictional applicants, oldest application first. Deterministic."""
    rng = random.Random(f"{SEED}-{spec.slug}")
    city = MUNICIPALITIES[spec.slug][0]
    addresses = _postal_codes(spec)
    undecided = spec.applicants - len(spec.outcomes)
    outcomes = list(spec.outcomes)
    rng.shuffle(outcomes)
    outcomes += [()] * undecided
    used_emails: set[str] = set()
    used_names: set[tuple[str, str]] = set()
    result = []
    for index in range(spec.applicants):
        birth = date(rng.randint(1966, 2005), rng.randint(1, 12), rng.randint(1, 28))
        generation = "young" if birth.year >= 1993 else "middle" if birth.year >= 1978 else "older"
        gender = rng.choice("fm")
        while True:
            family = rng.choice(FAMILY_NAMES)
            given = rng.choice(GIVEN_NAMES[generation][gender])
            if (family[0], given[0]) not in used_names:
                used_names.add((family[0], given[0]))
                break
        email = f"{given[2]}.{family[2]}@{rng.choice(('example.jp', 'example.com'))}"
        if email in used_emails:
            email = email.replace("@", f"{birth.year % 100:02d}@")
        used_emails.add(email)
        address = rng.choice(addresses)
        fitting = [text for text, generations in MOTIVATIONS if generation in generations]
        motivation = rng.choice(fitting).format(city=city)
        data = ApplicationInput(
            family_name=family[0],
            given_name=given[0],
            family_name_kana=family[1],
            given_name_kana=given[1],
            birth_date=birth,
            email=email,
            phone=_phone(rng, spec),
            postal_code=address.formatted_postal_code,
            address_line=_address_line(rng, address.town),
            work_status=WorkStatus.PART_TIME if rng.random() < 0.6 else WorkStatus.FREELANCE,
            weekly_hours_available=rng.choice((10, 12, 15, 16, 20, 20, 24, 25, 30, 30, 35, 40)),
            baseline_monthly_income_jpy=rng.randint(60, 220) * 1000,
            consent_program=True,
            consent_share_with_municipality=rng.random() < 0.75,
            motivation=motivation,
        )
        # Spread over eight weeks, oldest first; the newest stay undecided.
        days_ago = 56 * (spec.applicants - index) / spec.applicants + rng.uniform(-0.4, 0.0)
        result.append(ApplicantSpec(data=data, outcome=outcomes[index], days_ago=days_ago))
    return result


@dataclass(frozen=True)
class PeopleSummary:
    region: str
    statuses: dict[str, int]
    participants: int
    added: int

    def line(self) -> str:
        summary = ", ".join(f"{status} {n}" for status, n in sorted(self.statuses.items()))
        return (
            f"  {self.region}: {sum(self.statuses.values())} applications ({summary}), "
            f"{self.participants} participants; {self.added} added now"
        )


def seed_people(*, region: Region, operator: User, participant_user: User) -> PeopleSummary:
    """Seed the region's applicants (call inside the region's scope and a transaction).
    The first accepted one is the participant demo user."""
    spec = SPECS[region.slug]
    now = clock.now()
    added = 0
    linked = False
    for applicant in applicants(spec):
        email = applicant.data.email
        application = Application.objects.filter(email=email).select_related("person").first()
        first_accepted = not linked and applicant.outcome[-1:] == ("accept",)
        if application is None:
            application = _apply(
                region, applicant, operator, now, user=participant_user if first_accepted else None
            )
            added += 1
        if first_accepted:
            _link_participant(application.person, participant_user)
            linked = True
    # The demo participant signs in with the demo password: their invitation shows as
    # accepted; the other accepted applicants' invitations stay pending (members page).
    Invitation.objects.filter(user=participant_user, accepted_at__isnull=True).update(
        accepted_at=now
    )
    return PeopleSummary(
        region=region.slug,
        statuses=dict(Counter(Application.objects.values_list("status", flat=True))),
        participants=Participant.objects.count(),
        added=added,
    )


def _apply(
    region: Region,
    applicant: ApplicantSpec,
    operator: User,
    now: datetime,
    *,
    user: User | None = None,
) -> Application:
    """Apply, then take the decisions, each on its own day after the last. With `user`, the
    applicant applied signed in as that demo user, so acceptance invites that account."""
    rng = random.Random(f"{SEED}-{applicant.data.email}")
    submitted = _demo_time(now, applicant.days_ago, rng)
    with clock.frozen_at(submitted):
        application = application_submit(region=region, data=applicant.data)
    if user is not None:
        Person.objects.filter(pk=application.person_id).update(user=user)
        application.person.user = user
    step_time = submitted
    for index, decision in enumerate(applicant.outcome):
        reason = rng.choice(REJECTION_REASONS) if decision == "reject" else ""
        if decision == "waitlist" and len(applicant.outcome) == 1:
            reason = "今期の定員に達したため、空きが出しだいご案内します。"
        step_time += timedelta(days=rng.randint(2, 5) + 6 * index, hours=rng.randint(0, 6))
        with clock.frozen_at(min(step_time, now - timedelta(hours=1))):
            application_decide(
                application_id=application.pk, decision=decision, reason=reason, actor=operator
            )
    return application


def _demo_time(now: datetime, days_ago: float, rng: random.Random) -> datetime:
    """A time of day people apply (8:00–22:59 JST) on the day `days_ago` before now."""
    day = (now - timedelta(days=days_ago)).astimezone(JST).date()
    moment = datetime.combine(
        day, time(rng.randint(8, 22), rng.randint(0, 59), rng.randint(0, 59)), tzinfo=JST
    )
    return min(moment, now - timedelta(minutes=30))


def _link_participant(person: Person, user: User) -> None:
    """The participant demo user is this accepted applicant: their dashboard shows it."""
    if person.user_id != user.pk:
        Person.objects.filter(pk=person.pk).update(user=user)
    wanted = {
        "last_name": person.family_name,
        "first_name": person.given_name,
        "email": person.email,
    }
    changed = [field for field, value in wanted.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, wanted[field])
    if changed:
        user.save(update_fields=changed)
