"""Telling the person and the region's operators about a suspension or an erasure.

Suspension and resumption: to the person, through the outbox, in their language (the kinds
are exempt from the suspension itself: the person is owed this notice). Erasure: the notice
is sent to the address on file once the erasure has committed, directly and not through the
outbox, because an outbox message would keep a copy of the very address that was erased; it
names no one. Operators get an inbox notification naming the person by id only."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.models import Region
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.services import (
    language_of as user_language,
)
from sousei.core.outbox.services import (
    message_queue,
    notification_send,
    recipient_language,
)
from sousei.core.selectors import region_operators
from sousei.people.models import Application, Person
from sousei.privacy.models import ErasureAction, ErasureRecord


class Kind(models.TextChoices):
    PRIVACY_SUSPENDED = "privacy_suspended", gettext_lazy("Use of your data suspended or resumed")
    PRIVACY_ERASURE_DONE = (
        "privacy_erasure_done",
        gettext_lazy("A person's data suspended, resumed or erased"),
    )


# What still reaches a suspended person.
EXEMPT = frozenset({Kind.PRIVACY_SUSPENDED.value})


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def language_of(person: Person) -> str:
    if person.user_id is not None:
        return user_language(person.user)
    latest = (
        Application.objects.filter(person=person)
        .order_by("-submitted_at")
        .values_list("language", flat=True)
    ).first()
    return recipient_language(latest)


def _region_name(region: Region, language: str) -> str:
    return region.name_en if language == "en" else region.name_ja


def notify_suspension(*, person: Person, suspended: bool) -> None:
    language = language_of(person)
    with translation.override(language):
        values = {"name": person.full_name, "region": _region_name(person.region, language)}
        if suspended:
            subject = _("We have stopped using your data in the %(region)s program") % values
            text = _(
                "As you asked, the %(region)s program office has stopped using your personal "
                "data: you are not proposed for projects, not sent notices and your data is "
                "not shared with the city until you ask us to resume. Your records are kept."
            )
        else:
            subject = _("We use your data in the %(region)s program again") % values
            text = _(
                "As you asked, the %(region)s program office uses your personal data again "
                "for the purposes you agreed to."
            )
        body = _("%(name)s,") % values + "\n\n" + text % values
    message_queue(
        region=person.region,
        kind=Kind.PRIVACY_SUSPENDED,
        language=language,
        subject=subject,
        body=body,
        user=person.user,
        email=person.email,
        in_app=person.user_id is not None,
        about=person,
        link=reverse("region-home", kwargs={"slug": person.region.slug}),
    )


def notify_erased(*, address: str, language: str, region: Region) -> None:
    """After the commit, tell the address on file that its data is erased (see the module)."""
    if not address:
        return
    with translation.override(language):
        values = {"region": _region_name(region, language)}
        subject = _("Your personal data in the %(region)s program has been erased") % values
        body = (
            _(
                "As you asked, the %(region)s program office has erased your personal data: "
                "your name, contact details, address, what you wrote to us and your account, "
                "which can no longer be used to sign in. Records the law requires us to keep "
                "(wage ledgers and working time) are kept, with access restricted, until their "
                "retention period ends, and then erased. This is the last message we send to "
                "this address."
            )
            % values
        )
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    transaction.on_commit(lambda: message.send(fail_silently=True))


def notify_operators(*, record: ErasureRecord) -> None:
    link = reverse("privacy-erasures", kwargs={"slug": record.region.slug})
    action = record.action
    for membership in region_operators():
        user = membership.user
        if user.pk == record.actor_id:
            continue

        def text(record: ErasureRecord = record) -> tuple[str, str]:
            values = {"person": record.person_id, "record": record.pk}
            if action == ErasureAction.ERASE:
                subject = _("Person #%(person)s erased") % values
            elif action == ErasureAction.SUSPEND:
                subject = _("Use of person #%(person)s's data suspended") % values
            else:
                subject = _("Use of person #%(person)s's data resumed") % values
            return subject, _("Erasure and suspension log entry %(record)s.") % values

        notification_send(
            region=record.region,
            user=user,
            kind=Kind.PRIVACY_ERASURE_DONE,
            text=text,
            link=link,
        )
