"""Intake's notifications: the applicant is told that their application arrived and what was
decided, by e-mail in the language they applied in, with the link to the program's page;
one who has an account finds it in their inbox too and may keep it to the app."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.notifying import CHOICES, ENGLISH_APP_ONLY, assert_notified, choose
from sousei.people.models import Application
from sousei.people.notifications import Kind
from sousei.people.services import application_decide, application_submit
from sousei.people.tests.test_application_submit import HANAKO

pytestmark = pytest.mark.django_db


def the_message(region: Region, kind: str) -> OutboxMessage:
    with region_scope(region):
        return OutboxMessage.objects.get(kind=kind)


def test_an_applicant_is_told_their_application_arrived(in_koga: Region) -> None:
    application = application_submit(region=in_koga, data=HANAKO)
    message = the_message(in_koga, Kind.INTAKE_RECEIVED)
    assert message.email == application.email
    assert message.by_email
    assert not message.in_app
    assert message.language == "ja"
    assert "受け付けました" in message.subject
    assert f"{application.pk}" in message.body
    assert message.email_body().rstrip().endswith(f"/r/{in_koga.slug}/")
    assert Client().get(message.link).status_code == 200


def test_one_who_applied_in_english_is_written_to_in_english(in_koga: Region, cast: Cast) -> None:
    with translation.override("en"):
        application = application_submit(region=in_koga, data=HANAKO)
    assert application.language == "en"
    application_decide(
        application_id=application.pk, decision="accept", reason="", actor=cast.user("operator")
    )
    received = the_message(in_koga, Kind.INTAKE_RECEIVED)
    decided = the_message(in_koga, Kind.INTAKE_DECIDED)
    assert received.language == decided.language == "en"
    assert "We received your application" in received.subject
    assert "You are accepted" in decided.subject


@pytest.mark.parametrize(
    ("decision", "reason", "japanese"),
    [
        ("accept", "", "参加が決まりました"),
        ("waitlist", "", "補欠"),
        ("reject", "対象地域外にお住まいのため", "対象地域外にお住まいのため"),
    ],
)
def test_the_applicant_is_told_the_decision(
    in_koga: Region, cast: Cast, decision: str, reason: str, japanese: str
) -> None:
    application = application_submit(region=in_koga, data=HANAKO)
    application_decide(
        application_id=application.pk, decision=decision, reason=reason, actor=cast.user("operator")
    )
    message = the_message(in_koga, Kind.INTAKE_DECIDED)
    assert message.email == application.email
    assert japanese in f"{message.subject}\n{message.body}"
    assert Client().get(message.link).status_code == 200


@CHOICES
def test_an_applicant_with_an_account_finds_the_decision_in_their_inbox(
    in_koga: Region, cast: Cast, choice: str
) -> None:
    user = cast.user("candidate")
    choose(user, choice, Kind.INTAKE_DECIDED)
    application = application_submit(region=in_koga, data=HANAKO)
    person = application.person
    person.user = user
    person.save(update_fields=["user"])
    if choice == ENGLISH_APP_ONLY:
        Application.objects.filter(pk=application.pk).update(language="en")
    application_decide(
        application_id=application.pk, decision="accept", reason="", actor=cast.user("operator")
    )
    assert_notified(
        in_koga,
        user=user,
        kind=Kind.INTAKE_DECIDED,
        choice=choice,
        english="You are accepted",
        email=application.email,
    )
