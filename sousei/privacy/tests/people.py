"""A person with data in every app (the erasure tests' subject), and a search of every text
and JSON column of every table for their values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from conftest import Cast
from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.core.outbox.services import message_queue
from sousei.core.scoping import region_scope
from sousei.events.tests.factories import event, register
from sousei.hiring.tests.factories import PDF, apply, opening, pdf
from sousei.people.models import Person
from sousei.people.tests.factories import ApplicationFactory, ParticipantFactory

FAMILY = "蒼井"
GIVEN = "澪音"
FAMILY_KANA = "アオイ"
GIVEN_KANA = "レイネ"
EMAIL = "reine.aoi@example.jp"
PHONE = "09087651234"
ADDRESS = "潮見町9-8-7"
CV_MARK = b"% CV of Reine Aoi\n"
VALUES = (FAMILY, GIVEN, FAMILY_KANA, GIVEN_KANA, EMAIL, PHONE, ADDRESS)


@dataclass
class Subject:
    person: Person
    user_id: int
    username: str


def subject(region: Region, cast: Cast, *, user_role: str = "participant") -> Subject:
    """The person, signed up as the cast's `user_role` user of the region, with an accepted
    application, a participation, an event registration with their school, a candidacy with
    a CV, messages to them and about them, and audit details repeating their name."""
    user = cast.user(user_role, region.slug)
    user.first_name, user.last_name, user.email = GIVEN, FAMILY, EMAIL
    user.set_password("old-password-1")
    user.save()
    with region_scope(region):
        names = {
            "family_name": FAMILY,
            "given_name": GIVEN,
            "family_name_kana": FAMILY_KANA,
            "given_name_kana": GIVEN_KANA,
            "email": EMAIL,
        }
        registration = register(event(region), 1, **names)
        person = registration.person
        Person.objects.filter(pk=person.pk).update(
            user=user, phone=PHONE, address_line=ADDRESS, birth_date=dt.date(1999, 9, 9)
        )
        person.refresh_from_db()
        apply(
            opening(region),
            1,
            **names,
            motivation=f"{FAMILY}{GIVEN}として古賀で働きたい",
            cv=pdf(content=PDF + CV_MARK),
        )
        application = ApplicationFactory.create(
            region=region,
            person=person,
            email=EMAIL,
            status="accepted",
            motivation=f"私は{FAMILY} {GIVEN}です。電話 {PHONE}",
        )
        ParticipantFactory.create(region=region, person=person, application=application)
        message_queue(
            region=region,
            kind="test",
            language="ja",
            subject=f"{FAMILY} {GIVEN} 様",
            body=f"{FAMILY} {GIVEN} 様、{ADDRESS}",
            email=EMAIL,
        )
        message_queue(
            region=region,
            kind="test",
            language="ja",
            subject="新しい応募",
            body=f"{FAMILY} {GIVEN}さんが応募しました",
            user=cast.user("operator", region.slug),
        )
        audit_record(
            region=region,
            actor=None,
            action="test.change",
            obj=person,
            changes={"family_name": [FAMILY, "x"], "note": f"{GIVEN_KANA} {EMAIL}"},
        )
    return Subject(person=person, user_id=user.pk, username=user.username)


def database_mentions(values: tuple[str, ...] = VALUES) -> list[tuple[str, str, str]]:
    """(table, column, value) for every text or JSON column of every table (PostgreSQL) that
    holds one of the values."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN "
            "('text', 'character varying', 'json', 'jsonb', 'character') "
            "ORDER BY table_name, column_name"
        )
        columns = cursor.fetchall()
        for table, column in columns:
            for value in values:
                cursor.execute(
                    f'SELECT 1 FROM "{table}" WHERE "{column}"::text LIKE %s LIMIT 1',
                    [f"%{value}%"],
                )
                if cursor.fetchone():
                    found.append((table, column, value))
    return found


def media_mentions(root: Path) -> list[str]:
    needles = [v.encode() for v in VALUES] + [CV_MARK]
    return [
        str(p) for p in root.rglob("*") if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]
