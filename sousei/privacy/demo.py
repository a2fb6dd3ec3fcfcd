"""Demo privacy rows (called by seed_demo inside the region's scope): the region's privacy
policy in the version the demo's consents agreed to, and three requests — a correction
waiting and past its due date, a disclosure being worked on, an erasure refused with its
reason. Idempotent: a region with the policy version keeps what it has."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.services import messages_held
from sousei.people.models import CONSENT_WORDING_VERSION, Person
from sousei.privacy.breach.demo import seed_breaches
from sousei.privacy.models import Channel, PolicyVersion, PrivacyRequest, RequestKind
from sousei.privacy.services.policy import policy_publish
from sousei.privacy.services.requests import (
    due_date,
    privacy_request_file,
    privacy_request_refuse,
    privacy_request_start,
)

POLICY_TITLE_JA = "個人情報の取扱いについて（プライバシーポリシー）"
POLICY_TITLE_EN = "How we handle your personal data (privacy policy)"


DATA = Path(__file__).resolve().parent / "data"


def policy_body(language: str, region_name: str) -> str:
    """The demo's policy text (data/policy_<language>.txt): what the program tells residents
    under APPI, article by article."""
    text = (DATA / f"policy_{language}.txt").read_text(encoding="utf-8")
    return text.replace("{region}", region_name)


@dataclass(frozen=True)
class PrivacyDemo:
    region: str
    policies: int
    requests: int
    incidents: int

    def line(self) -> str:
        return (
            f"privacy {self.region}: {self.policies} policy version(s), "
            f"{self.requests} privacy request(s), {self.incidents} breach incident(s) added"
        )


def seed_privacy(*, region: Region, operator: User) -> PrivacyDemo:
    if not PolicyVersion.objects.filter(version=CONSENT_WORDING_VERSION).exists():
        policy_publish(
            region=region,
            version=CONSENT_WORDING_VERSION,
            effective_from=dt.date.fromisoformat(CONSENT_WORDING_VERSION),
            title_ja=POLICY_TITLE_JA,
            title_en=POLICY_TITLE_EN,
            body_ja=policy_body("ja", region.name_ja),
            body_en=policy_body("en", region.name_en),
            actor=operator,
        )
        _requests(operator)
    breaches = seed_breaches(region=region, operator=operator)
    return PrivacyDemo(
        region=region.slug,
        policies=PolicyVersion.objects.count(),
        requests=PrivacyRequest.objects.count(),
        incidents=breaches.incidents,
    )


def _requests(operator: User) -> None:
    persons = list(Person.objects.order_by("id")[:3])
    if len(persons) < 3:
        return
    with messages_held():
        correction = privacy_request_file(
            person=persons[0],
            kind=RequestKind.CORRECTION,
            note="転居しました。新しい住所に訂正してください。",
            channel=Channel.PHONE,
            actor=operator,
        )
        # Received three weeks ago: past its due date, so the queue marks it overdue.
        received = clock.now() - dt.timedelta(days=21)
        PrivacyRequest.objects.filter(pk=correction.pk).update(
            received_at=received, due_on=due_date(received)
        )
        disclosure = privacy_request_file(
            person=persons[1],
            kind=RequestKind.DISCLOSURE,
            note="保有している情報の写しを郵送でください。",
            channel=Channel.MAIL,
            actor=operator,
        )
        privacy_request_start(request_id=disclosure.pk, actor=operator)
        erasure = privacy_request_file(
            person=persons[2],
            kind=RequestKind.ERASURE,
            note="給与の記録も含めてすべて消してください。",
            channel=Channel.COUNTER,
            actor=operator,
        )
        privacy_request_refuse(
            request_id=erasure.pk,
            actor=operator,
            reason=(
                "給与の記録は労働基準法第109条により5年間の保存が義務付けられているため、"
                "保存期間が満了するまで消去できません。その他の情報の利用は停止しました。"
            ),
        )
