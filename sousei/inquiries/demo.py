"""The inquiries part of the demo scenario: a few inquiries to Koga's office (a company, a
student, a municipality) in each status, one answered and one closed, through the services.

Idempotent: a region that has inquiries already gets none added. The demo replays them
without e-mails (`messages_held`); the operators' notifications would be of the past."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.services import messages_held
from sousei.inquiries.models import Inquiry, InquiryKind, InquiryStatus
from sousei.inquiries.services import (
    InquiryInput,
    inquiry_create,
    inquiry_reply,
    inquiry_status_set,
)


@dataclass
class InquiriesSummary:
    created: int = 0

    def line(self) -> str:
        return f"inquiries: {self.created} added"


# (days ago, kind, organisation, name, e-mail, message, what the office did, its reply)
DEMO_INQUIRIES = (
    (
        9,
        InquiryKind.COMPANY,
        "株式会社ちくし物流",
        "見本 一郎",
        "ichiro.mihon@chikushi-butsuryu.example.jp",
        "受発注業務の自動化を検討しています。プログラムの修了者の方に案件として依頼する場合の"
        "進め方と費用感を教えてください。",
        InquiryStatus.CLOSED,
        "お問い合わせありがとうございます。案件のご依頼は、業務内容と必要なスキルを伺ったうえで"
        "お見積もりします。来週のご都合のよい日時を2、3候補お知らせください。",
    ),
    (
        4,
        InquiryKind.STUDENT,
        "九州みらい大学",
        "試験 花子",
        "hanako.shiken@student.example.ac.jp",
        "来年3月卒業予定です。古賀市に住みながら働ける求人と、ワーケーション型インターンの"
        "次回の日程を知りたいです。",
        InquiryStatus.ANSWERED,
        "お問い合わせありがとうございます。次回のワーケーション型インターンは2月に快生館で"
        "開催します。イベントページからお申し込みいただけます。",
    ),
    (
        1,
        InquiryKind.MUNICIPALITY,
        "見本町 企画課",
        "例示 次郎",
        "jiro.reiji@town.example.lg.jp",
        "当町でも同様のデジタル人材育成を検討しています。古賀市での導入の経緯と、効果検証の"
        "指標について資料をいただけますか。",
        InquiryStatus.NEW,
        "",
    ),
)


def seed_inquiries(*, region: Region, operator: User) -> InquiriesSummary:
    """Seed Koga's demo inquiries (call inside the region's scope and a transaction)."""
    summary = InquiriesSummary()
    if region.slug != "koga" or Inquiry.objects.exists():
        return summary
    now = clock.now()
    with messages_held():
        for days, kind, organisation, name, email, message, status, reply in DEMO_INQUIRIES:
            with clock.travel_to(now - dt.timedelta(days=days)):
                inquiry = inquiry_create(
                    region=region,
                    data=InquiryInput(
                        kind=kind,
                        organisation=organisation,
                        name=name,
                        email=email,
                        message=message,
                        consent_privacy_policy=True,
                    ),
                    actor=None,
                )
            summary.created += 1
            if reply:
                with clock.travel_to(now - dt.timedelta(days=days - 1)):
                    inquiry_reply(inquiry=inquiry, body=reply, actor=operator)
            if status == InquiryStatus.CLOSED:
                inquiry_status_set(inquiry=inquiry, status=status, actor=operator)
    return summary
