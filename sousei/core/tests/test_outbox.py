"""The outbox: a message is stored as its recipient reads it, e-mailed once after the commit,
shown in the recipient's inbox of its region only, and its kind reads in the reader's
language."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.selectors import inbox_of, messages_about
from sousei.core.outbox.services import Attachment, message_queue, recipient_language
from sousei.core.outbox.tasks import outbox_send
from sousei.core.scoping import region_scope

pytestmark = pytest.mark.django_db


class Kind(models.TextChoices):
    """A kind of this test's own, registered as an app registers its kinds."""

    GRANTED = "outbox_test_granted", gettext_lazy("Licence granted")


kind_labels_register(Kind)


def queue(region: Region, **fields: Any) -> OutboxMessage:
    defaults: dict[str, Any] = {
        "kind": Kind.GRANTED,
        "language": "ja",
        "subject": "ライセンスの準備ができました",
        "body": "本文\n",
    }
    with region_scope(region):
        return message_queue(region=region, **(defaults | fields))


def test_an_email_goes_out_once_after_the_commit(
    koga: Region, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        message = queue(
            koga,
            email="taro@example.jp",
            about=koga,
            attachment=Attachment("event.ics", "BEGIN:VCALENDAR", "text/calendar"),
        )
    assert len(callbacks) == 1
    assert message.by_email
    assert not message.in_app
    assert outbox_send.call(message_id=message.pk, region_id=koga.pk)
    assert not outbox_send.call(message_id=message.pk, region_id=koga.pk)
    (sent,) = mail.outbox
    assert sent.to == ["taro@example.jp"]
    assert sent.subject == "[創生 Sousei] ライセンスの準備ができました"
    assert sent.body == "本文\n"
    assert sent.attachments == [("event.ics", "BEGIN:VCALENDAR", "text/calendar")]
    with region_scope(koga):
        message.refresh_from_db()
        assert message.sent_at is not None
        assert messages_about(obj=koga) == [message]


def test_a_rolled_back_change_sends_nothing(
    koga: Region, django_capture_on_commit_callbacks: Any
) -> None:
    def change_that_fails() -> None:
        with transaction.atomic():
            queue(koga, email="taro@example.jp")
            raise RuntimeError("the caller's change failed")

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        change_that_fails()
    assert callbacks == []


def test_an_in_app_message_without_an_address_is_not_mailed(
    koga: Region, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        message = queue(koga, user=cast.user("participant"), in_app=True)
    assert callbacks == []
    assert not outbox_send.call(message_id=message.pk, region_id=koga.pk)
    assert mail.outbox == []


def test_a_message_is_sent_only_within_its_region(koga: Region, fukutsu: Region) -> None:
    message = queue(koga, email="taro@example.jp")
    assert not outbox_send.call(message_id=message.pk, region_id=fukutsu.pk)
    assert mail.outbox == []


def test_the_inbox_holds_the_users_in_app_messages_of_the_region(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    participant = cast.user("participant")
    mine = queue(koga, user=participant, in_app=True, email="p@example.jp")
    queue(koga, user=participant, email="p@example.jp")  # e-mail only
    queue(koga, user=cast.user("trainer"), in_app=True)
    queue(fukutsu, user=participant, in_app=True)
    with region_scope(koga):
        assert inbox_of(user=participant) == [mine]


def test_the_kind_reads_in_the_readers_language(koga: Region) -> None:
    message = queue(koga, email="taro@example.jp")
    with translation.override("en"):
        assert message.get_kind_display() == "Licence granted"
    with translation.override("ja"):
        assert message.get_kind_display() != "Licence granted"


def test_a_kind_code_has_one_meaning() -> None:
    class Clash(models.TextChoices):
        GRANTED = "outbox_test_granted", "Something else"

    with pytest.raises(ValueError, match="outbox_test_granted"):
        kind_labels_register(Clash)


def test_messages_are_written_in_a_language_the_site_speaks() -> None:
    assert recipient_language("en") == "en"
    assert recipient_language("fr") == "ja"
    assert recipient_language(None) == "ja"
