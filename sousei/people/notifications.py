"""Notifications of intake: an application received and an application decided, e-mailed to
the applicant in the language they applied in (and in their inbox once they have an
account), through the outbox, with the link to the program's page."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import message_queue, recipient_language
from sousei.core.text import format_date
from sousei.people.models import Application, ApplicationStatus


class Kind(models.TextChoices):
    INTAKE_RECEIVED = "intake_received", gettext_lazy("Program application received")
    INTAKE_DECIDED = "intake_decided", gettext_lazy("Program application decided")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def _region_name(application: Application, language: str) -> str:
    region = application.region
    return region.name_en if language == "en" else region.name_ja


def _send(
    *, application: Application, kind: str, language: str, subject: str, body: str
) -> OutboxMessage | None:
    user = application.person.user
    return message_queue(
        region=application.region,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        user=user,
        email=application.email,
        in_app=user is not None,
        about=application,
        link=reverse("region-home", kwargs={"slug": application.region.slug}),
    )


def notify_application_received(*, application: Application) -> OutboxMessage | None:
    """Confirm to the applicant that the office has their application, and what comes next."""
    language = recipient_language(application.language)
    with translation.override(language):
        values = {
            "name": application.person.full_name,
            "region": _region_name(application, language),
            "reference": application.pk,
            "date": format_date(timezone.localdate(application.submitted_at)),
        }
        subject = _("We received your application to the %(region)s program") % values
        body = (
            _(
                "%(name)s,\n\nThank you for applying to the %(region)s digital-talent program on "
                "%(date)s. Your reference number is %(reference)s.\n\nThe program office checks "
                "your application, usually within two weeks, and e-mails you the result."
            )
            % values
        )
    return _send(
        application=application,
        kind=Kind.INTAKE_RECEIVED,
        language=language,
        subject=subject,
        body=body,
    )


def notify_application_decided(*, application: Application) -> OutboxMessage | None:
    """Tell the applicant the office's decision (with the reason of a rejection)."""
    language = recipient_language(application.language)
    with translation.override(language):
        values = {
            "name": application.person.full_name,
            "region": _region_name(application, language),
            "reference": application.pk,
            "reason": application.decision_reason,
        }
        if application.status == ApplicationStatus.ACCEPTED:
            subject = _("You are accepted into the %(region)s program") % values
            text = _(
                "We are glad to accept your application (reference %(reference)s). The program "
                "office will contact you to agree a course and your study hours."
            )
        elif application.status == ApplicationStatus.WAITLISTED:
            subject = (
                _("Your application to the %(region)s program is on the waiting list") % values
            )
            text = _(
                "The program is full for now, so your application (reference %(reference)s) is "
                "on the waiting list. We e-mail you as soon as a place opens."
            )
        else:
            subject = _("The result of your application to the %(region)s program") % values
            text = _(
                "We are sorry: we cannot accept your application (reference %(reference)s) this "
                "time, for this reason:\n%(reason)s\n\nYou may apply again when your situation "
                "changes."
            )
        body = _("%(name)s,") % values + "\n\n" + text % values
    return _send(
        application=application,
        kind=Kind.INTAKE_DECIDED,
        language=language,
        subject=subject,
        body=body,
    )
