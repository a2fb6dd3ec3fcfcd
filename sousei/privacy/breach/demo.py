"""Demo breach register (called by seed_demo inside the region's scope): one closed
misdelivery of last month, not reportable, with the two people told; and one open loss of a
USB stick with health notes found two days ago — reportable under 規則第7条第1号, its
preliminary report coming due — so the operator's dashboard and the reminders have work.
Idempotent: a region that has incidents gets no more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.services import messages_held
from sousei.people.models import Person
from sousei.privacy.breach.services import BreachInput, breach_create
from sousei.privacy.models import BreachIncident


@dataclass(frozen=True)
class BreachDemo:
    incidents: int

    def line(self) -> str:
        return f"breach incidents: {self.incidents}"


def seed_breaches(*, region: Region, operator: User) -> BreachDemo:
    if BreachIncident.objects.exists():
        return BreachDemo(incidents=0)
    now = clock.now()
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:2])
    with messages_held():
        breach_create(
            region=region,
            data=BreachInput(
                title="説明会案内メールのBCC漏れ",
                description="説明会の案内メールを、宛先をBCCにせず2名に送信した。",
                discovered_at=now - dt.timedelta(days=40),
                occurred_at=now - dt.timedelta(days=40, hours=1),
                cause="misdelivery",
                cause_detail="宛先の入力欄の誤り",
                data_categories=["name", "contact"],
                person_ids=people,
                reportable=False,
                people_notified_on=clock.today() - dt.timedelta(days=39),
                notice_note="電話とメールでおわびと経緯を連絡",
                status="closed",
            ),
            actor=operator,
        )
        breach_create(
            region=region,
            data=BreachInput(
                title="面談メモを保存したUSBメモリの紛失",
                description="研修担当の面談メモ（健康状態の記載を含む）を保存したUSBメモリが見当たらない。",
                discovered_at=now - dt.timedelta(days=2),
                cause="loss",
                data_categories=["name", "sensitive"],
                affected_count=8,
            ),
            actor=operator,
        )
    return BreachDemo(incidents=2)
