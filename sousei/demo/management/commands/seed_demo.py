"""`sousei seed-demo`: the demo scenario — Koga City and Fukutsu City, the organisations of
the program, one user per role per region, fictional applicants in several states, and the
training of the accepted ones (sousei/training/demo.py).

Idempotent: organisations, users and memberships are found by their natural keys, applicants
by their email in the region, and the applicants are drawn from a fixed random seed, so a
second run finds everything in place and changes nothing. Applications go through the intake
services (so consents and audit entries exist); afterwards their timestamps are spread over
the last weeks, because a demo where everything happened in the same second shows no history.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from sousei.core import postal
from sousei.core.models import AuditEntry, Organization, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.core.services import (
    membership_grant,
    minimum_wages_load,
    organization_join_region,
    region_create,
)
from sousei.events.demo import seed_events
from sousei.hiring.demo import seed_hiring
from sousei.people.models import Application, Consent, Participant, Person, WorkStatus
from sousei.people.services import ApplicationInput, application_decide, application_submit
from sousei.projects.demo import seed_staffing
from sousei.spaces.demo import seed_spaces
from sousei.training.demo import seed_training

SEED = 2026
JST = ZoneInfo("Asia/Tokyo")
Kind = Organization.Kind


@dataclass(frozen=True)
class RegionSpec:
    code: str
    slug: str
    name_en: str
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


REGIONS = (
    RegionSpec("40223", "koga", "Koga City", "81131", "092-94", 40, _outcomes(13, 2, 6, 6)),
    RegionSpec("40224", "fukutsu", "Fukutsu City", "81132", "0940-4", 8, _outcomes(2, 1, 1, 1)),
)

OPERATOR = ("株式会社ミライワークス", "Mirai Works Inc.", "https://miraiworks.example.jp/")
CLIENT = (
    "株式会社玄海ロジテック",
    "Genkai Logitech Co., Ltd.",
    "https://genkai-logitech.example.jp/",
)
MUNICIPALITIES = {
    "koga": ("古賀市", "Koga City", "https://www.city.koga.fukuoka.jp/"),
    "fukutsu": ("福津市", "Fukutsu City", "https://www.city.fukutsu.lg.jp/"),
}
SPACE_PARTNERS = {
    "koga": ("快生館（シェアオフィス）", "Kaiseikan shared office", ""),
    "fukutsu": ("ふくま浜ワークラボ", "Fukuma-hama Work Lab", ""),
}
TOOL_VENDORS = (
    ("UiPath株式会社", "UiPath (UiPath)", "https://www.uipath.com/ja"),
    ("NTTアドバンステクノロジ株式会社", "NTT-AT (WinActor)", "https://winactor.biz/"),
    ("サイボウズ株式会社", "Cybozu (kintone)", "https://kintone.cybozu.co.jp/"),
    (
        "日本マイクロソフト株式会社",
        "Microsoft Japan (Power Automate)",
        "https://www.microsoft.com/ja-jp/",
    ),
)

# Which organisation each role's demo user belongs to (None: a private person).
ROLE_ORGANIZATION = {
    Role.OPERATOR: "operator",
    Role.MUNICIPALITY: "municipality",
    Role.SPACE_MANAGER: "space_partner",
    Role.TRAINER: "operator",
    Role.CLIENT: "client",
    Role.PARTICIPANT: None,
    Role.CANDIDATE: None,
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


def _postal_codes(spec: RegionSpec) -> list[postal.PostalAddress]:
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


def _phone(rng: random.Random, spec: RegionSpec) -> str:
    if rng.random() < 0.8:
        mobile = rng.choice(("090", "080", "070"))
        return f"{mobile}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
    if spec.phone_area.startswith("092"):
        return f"{spec.phone_area}{rng.randint(2, 4)}-{rng.randint(0, 9999):04d}"
    return f"{spec.phone_area}{rng.randint(2, 3)}-{rng.randint(0, 9999):04d}"


def applicants(spec: RegionSpec) -> list[ApplicantSpec]:
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


class Command(BaseCommand):
    help = (
        "Load the demo scenario (Koga and Fukutsu, demo users, applicants, training). Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.now = timezone.now()
        self.password = settings.SOUSEI_DEMO_PASSWORD
        self.password_hash = ""
        with transaction.atomic(), scopes_disabled():
            wages = minimum_wages_load()
            self.stdout.write(f"minimum wages: {wages.created} added, {wages.updated} updated")
            organizations = self.organizations()
            regions = [self.region(spec, organizations) for spec in REGIONS]
            self.superuser()
        user_model = get_user_model()
        for spec, region in zip(REGIONS, regions, strict=True):
            with transaction.atomic(), region_scope(region):
                self.applications(spec, region)
                training = seed_training(
                    region=region,
                    operator=user_model.objects.get(username=f"operator-{spec.slug}"),
                    trainer=user_model.objects.get(username=f"trainer-{spec.slug}"),
                )
            self.stdout.write(training.line())
            with transaction.atomic(), region_scope(region):
                staffing = seed_staffing(
                    region=region,
                    operator=user_model.objects.get(username=f"operator-{spec.slug}"),
                    trainer=user_model.objects.get(username=f"trainer-{spec.slug}"),
                )
            self.stdout.write(staffing.line())
            with transaction.atomic(), region_scope(region):
                spaces = seed_spaces(
                    region=region,
                    manager=user_model.objects.get(username=f"space_manager-{spec.slug}"),
                )
            self.stdout.write(spaces.line())
            with transaction.atomic(), region_scope(region):
                events = seed_events(
                    region=region,
                    operator=user_model.objects.get(username=f"operator-{spec.slug}"),
                    candidate=user_model.objects.get(username=f"candidate-{spec.slug}"),
                )
            self.stdout.write(events.line())
            with transaction.atomic(), region_scope(region):
                hiring = seed_hiring(
                    region=region,
                    operator=user_model.objects.get(username=f"operator-{spec.slug}"),
                )
            self.stdout.write(hiring.line())
        self.stdout.write(
            f"demo users: <role>-<region> (e.g. operator-koga) and admin, password {self.password}"
        )

    # Organisations, regions and users -------------------------------------------------

    def organization(self, kind: str, name: str, name_en: str, website: str) -> Organization:
        organization, _created = Organization.objects.get_or_create(
            kind=kind, name=name, defaults={"name_en": name_en, "website": website}
        )
        return organization

    def organizations(self) -> dict[str, Organization]:
        found = {
            "operator": self.organization(Kind.OPERATOR, *OPERATOR),
            "client": self.organization(Kind.CLIENT, *CLIENT),
        }
        for slug, municipality in MUNICIPALITIES.items():
            found[f"municipality:{slug}"] = self.organization(Kind.MUNICIPALITY, *municipality)
        for slug, partner in SPACE_PARTNERS.items():
            found[f"space_partner:{slug}"] = self.organization(Kind.SPACE_PARTNER, *partner)
        for index, vendor in enumerate(TOOL_VENDORS):
            found[f"tool_vendor:{index}"] = self.organization(Kind.TOOL_VENDOR, *vendor)
        return found

    def region(self, spec: RegionSpec, organizations: dict[str, Organization]) -> Region:
        region = region_create(code=spec.code, slug=spec.slug, name_en=spec.name_en)
        in_region = {
            "operator": organizations["operator"],
            "client": organizations["client"],
            "municipality": organizations[f"municipality:{spec.slug}"],
            "space_partner": organizations[f"space_partner:{spec.slug}"],
        }
        vendors = [org for key, org in organizations.items() if key.startswith("tool_vendor:")]
        for organization in [*in_region.values(), *vendors]:
            organization_join_region(organization=organization, region=region)
        for role in Role.values:
            user = self.user(f"{role}-{spec.slug}")
            key = ROLE_ORGANIZATION[Role(role)]
            membership_grant(
                region=region,
                user=user,
                role=role,
                organization=in_region[key] if key else None,
            )
        self.stdout.write(f"region {region.code} {region.name_ja} at /r/{region.slug}/")
        return region

    def user(self, username: str, **extra: Any) -> User:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@sousei.example.jp", **extra}
        )
        # Keep the password in step with SOUSEI_DEMO_PASSWORD without rehashing every run.
        if created or not user.check_password(self.password):
            if not self.password_hash:
                self.password_hash = make_password(self.password)
            user.password = self.password_hash
            user.save(update_fields=["password"])
        return user

    def superuser(self) -> None:
        admin = self.user("admin", is_staff=True, is_superuser=True)
        if not (admin.is_staff and admin.is_superuser):
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])

    # Applicants ------------------------------------------------------------------------

    def applications(self, spec: RegionSpec, region: Region) -> None:
        user_model = get_user_model()
        operator = user_model.objects.get(username=f"operator-{spec.slug}")
        participant_user = user_model.objects.get(username=f"participant-{spec.slug}")
        created = 0
        linked = False
        for applicant in applicants(spec):
            email = applicant.data.email
            application = Application.objects.filter(email=email).select_related("person").first()
            if application is None:
                application = application_submit(region=region, data=applicant.data)
                created += 1
                self.decide(application, applicant, operator)
            if not linked and applicant.outcome[-1:] == ("accept",):
                self.link_participant(application.person, participant_user)
                linked = True
        counts = Counter(Application.objects.values_list("status", flat=True))
        summary = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
        self.stdout.write(
            f"  {spec.slug}: {sum(counts.values())} applications ({summary}), "
            f"{Participant.objects.count()} participants; {created} added now"
        )

    def decide(self, application: Application, applicant: ApplicantSpec, operator: User) -> None:
        """Take the application through its decisions, then date its history back."""
        rng = random.Random(f"{SEED}-{application.email}")
        submitted = self.demo_time(applicant.days_ago, rng)
        at = {"application.submit": submitted}
        step_time = submitted
        for index, decision in enumerate(applicant.outcome):
            reason = rng.choice(REJECTION_REASONS) if decision == "reject" else ""
            if decision == "waitlist" and len(applicant.outcome) == 1:
                reason = "今期の定員に達したため、空きが出しだいご案内します。"
            application_decide(
                application_id=application.pk, decision=decision, reason=reason, actor=operator
            )
            step_time += timedelta(days=rng.randint(2, 5) + 6 * index, hours=rng.randint(0, 6))
            at[f"application.{decision}"] = min(step_time, self.now - timedelta(hours=1))
        decided = (
            at.get("application.accept")
            or at.get("application.reject")
            or at.get("application.waitlist")
        )
        Application.objects.filter(pk=application.pk).update(
            submitted_at=submitted, decided_at=decided
        )
        Person.objects.filter(pk=application.person_id).update(
            created_at=submitted, updated_at=submitted
        )
        Consent.objects.filter(person_id=application.person_id).update(recorded_at=submitted)
        if "application.accept" in at:
            Participant.objects.filter(application_id=application.pk).update(
                joined_at=at["application.accept"]
            )
        for entry in AuditEntry.objects.filter(
            object_type=application._meta.label_lower, object_id=str(application.pk)
        ):
            if entry.action in at:
                AuditEntry.objects.filter(pk=entry.pk).update(at=at[entry.action])

    def demo_time(self, days_ago: float, rng: random.Random) -> datetime:
        """A time of day people apply (8:00–22:59 JST) on the day `days_ago` before now."""
        day = (self.now - timedelta(days=days_ago)).astimezone(JST).date()
        moment = datetime.combine(
            day, time(rng.randint(8, 22), rng.randint(0, 59), rng.randint(0, 59)), tzinfo=JST
        )
        return min(moment, self.now - timedelta(minutes=30))

    def link_participant(self, person: Person, user: User) -> None:
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
