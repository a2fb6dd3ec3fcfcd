"""Each person chooses, per kind, whether a notification is also e-mailed, and the language
they are written to in; the outbox respects it, and the inbox shows each notification with
the link where one acts on it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import Cast
from sousei.core.models import AuditEntry, MessageLanguage, NotificationPreference, Region
from sousei.core.outbox.kinds import INBOX_KINDS
from sousei.core.outbox.selectors import notification_settings_of
from sousei.core.outbox.services import (
    language_of,
    messages_held,
    notification_send,
    notification_settings_set,
)
from sousei.core.scoping import region_scope

pytestmark = pytest.mark.django_db

# Every step the program tells someone about (issue: notifications for every step).
EVERY_STEP = {
    "intake_received",
    "intake_decided",
    "licence_granted",
    "plan_at_risk",
    "learner_at_risk",
    "certificate_issued",
    "assignment_made",
    "week_to_approve",
    "week_returned",
    "timesheet_missing",
    "pay_statement_ready",
    "booking_confirmed",
    "booking_reminder",
    "offered",
    "interview_invitation",
    "interview_reminder",
    "interview_scheduled",
    "interview_panel_reminder",
    "offer_to_approve",
    "offer",
    "offer_sent",
    "offer_answered",
}


def test_every_step_is_a_kind_people_can_choose() -> None:
    assert set(INBOX_KINDS) >= EVERY_STEP


def signed_in(cast: Cast, role: str = "participant") -> Client:
    client = Client()
    client.force_login(cast.user(role))
    return client


def test_the_settings_page_lists_every_kind_ticked_by_default(cast: Cast) -> None:
    page = signed_in(cast).get("/account/notifications/")
    assert page.status_code == 200
    html = page.content.decode()
    for kind in ("week_returned", "pay_statement_ready", "booking_confirmed"):
        assert f'value="{kind}" ' in html or f'value="{kind}"' in html
    assert html.count("checked") >= len(INBOX_KINDS)


def test_saving_the_settings_stores_them_per_kind_and_audits(cast: Cast, koga: Region) -> None:
    user = cast.user("participant")
    kept = [kind for kind in INBOX_KINDS if kind != "week_returned"]
    response = signed_in(cast).post("/account/notifications/", {"language": "en", "by_email": kept})
    assert response.status_code == 302
    assert MessageLanguage.objects.get(user=user).language == "en"
    assert not NotificationPreference.objects.get(user=user, kind="week_returned").by_email
    assert NotificationPreference.objects.get(user=user, kind="pay_statement_ready").by_email
    settings = notification_settings_of(user=user)
    assert settings.language == "en"
    assert "week_returned" not in settings.by_email
    with region_scope(koga):
        entry = AuditEntry.objects.get(action="notification_settings.change")
    assert entry.changes == {"language": "en", "in_app_only": ["week_returned"]}


def test_an_unknown_language_or_kind_is_refused_with_a_message(cast: Cast) -> None:
    response = signed_in(cast).post(
        "/account/notifications/", {"language": "xx", "by_email": ["no_such_kind"]}
    )
    assert response.status_code == 400
    assert not MessageLanguage.objects.exists()


def test_someone_who_chose_nothing_is_written_to_in_japanese(cast: Cast) -> None:
    assert language_of(cast.user("participant")) == "ja"
    assert language_of(None) == "ja"


def text() -> tuple[str, str]:
    return "件名", "本文"


def send(region: Region, user: Any) -> Any:
    with region_scope(region):
        return notification_send(
            region=region, user=user, kind="week_returned", text=text, link="/r/koga/work/"
        )


def test_an_in_app_only_kind_is_not_emailed_but_others_are(cast: Cast, koga: Region) -> None:
    user = cast.user("participant")
    notification_settings_set(user=user, language="ja", in_app_only=["week_returned"], actor=user)
    message = send(koga, user)
    assert message.in_app
    assert not message.by_email
    assert message.email == ""
    with region_scope(koga):
        other = notification_send(
            region=koga, user=user, kind="pay_statement_ready", text=text, link="/r/koga/pay/"
        )
    assert other is not None
    assert other.by_email
    assert other.email == user.email


def test_the_email_ends_with_the_full_link(cast: Cast, koga: Region, settings: Any) -> None:
    settings.SOUSEI_SITE_URL = "https://sousei.example.jp"
    message = send(koga, cast.user("participant"))
    assert message.as_email().body.endswith("\n\nhttps://sousei.example.jp/r/koga/work/\n")


def test_nothing_is_written_for_nobody_or_while_held(cast: Cast, koga: Region) -> None:
    assert send(koga, None) is None
    with messages_held():
        assert send(koga, cast.user("participant")) is None


def test_the_inbox_shows_the_link_to_act_on(cast: Cast, koga: Region) -> None:
    send(koga, cast.user("participant"))
    html = signed_in(cast).get("/r/koga/notifications/").content.decode()
    assert 'href="/r/koga/work/"' in html
    assert 'href="/account/notifications/"' in html


def test_new_notifications_are_counted_marked_new_once_and_then_read(
    cast: Cast, koga: Region, fukutsu: Region
) -> None:
    participant = cast.user("participant")
    first = send(koga, participant)
    send(koga, participant)
    elsewhere = send(fukutsu, participant)
    client = signed_in(cast)
    dashboard = client.get("/r/koga/dashboard/").content.decode()
    item = dashboard.split('data-queue="core.unread_notifications"', 1)[1]
    assert 'work-queue__count">2<' in item.split("</li>", 1)[0]
    assert 'href="/r/koga/notifications/"' in item.split("</li>", 1)[0]
    html = client.get("/r/koga/notifications/").content.decode()
    assert html.count("notification--new") == 2
    assert "新着" in html
    with region_scope(koga):
        first.refresh_from_db()
        assert first.read_at is not None
    assert "notification--new" not in client.get("/r/koga/notifications/").content.decode()
    # Another region's inbox is its own: reading Koga's leaves Fukutsu's unread.
    with region_scope(fukutsu):
        elsewhere.refresh_from_db()
        assert elsewhere.read_at is None
