"""Notifications to participants: in their in-app inbox and by e-mail, through the outbox.
Participants are written to in Japanese, the program's language."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import message_queue
from sousei.core.text import format_date_ja
from sousei.training.models import Certificate, Enrolment

LANGUAGE = "ja"


class Kind(models.TextChoices):
    LICENCE_GRANTED = "licence_granted", gettext_lazy("Licence granted")
    PLAN_AT_RISK = "plan_at_risk", gettext_lazy("Plan at risk")
    CERTIFICATE_ISSUED = "certificate_issued", gettext_lazy("Certificate issued")


def register() -> None:
    kind_labels_register(Kind)


def notify(*, enrolment: Enrolment, kind: str, subject: str, body: str) -> OutboxMessage | None:
    """Put the notification in the participant's inbox and e-mail it to their account's
    address once the transaction commits. None without an account."""
    user = enrolment.participant.person.user
    if user is None:
        return None
    return message_queue(
        region=enrolment.region,
        kind=kind,
        language=LANGUAGE,
        subject=subject,
        body=body,
        user=user,
        email=user.email,
        in_app=True,
        about=enrolment,
    )


def notify_licence_granted(*, enrolment: Enrolment) -> OutboxMessage | None:
    course = enrolment.course
    with translation.override(LANGUAGE):
        return notify(
            enrolment=enrolment,
            kind=Kind.LICENCE_GRANTED,
            subject=_("Your %(product)s licence is ready") % {"product": course.product.name},
            body=_(
                "A free licence of %(product)s is now yours for the course %(course)s. "
                "Your study plan starts on %(start)s."
            )
            % {
                "product": course.product.name,
                "course": course.title,
                "start": format_date_ja(enrolment.start_date),
            },
        )


def notify_plan_at_risk(*, enrolment: Enrolment) -> OutboxMessage | None:
    with translation.override(LANGUAGE):
        return notify(
            enrolment=enrolment,
            kind=Kind.PLAN_AT_RISK,
            subject=_("Your study plan needs attention"),
            body=_(
                "At your current pace %(course)s would finish well after the planned date. "
                "Log your study, or talk to your trainer about a new plan."
            )
            % {"course": enrolment.course.title},
        )


def notify_certificate_issued(*, certificate: Certificate) -> OutboxMessage | None:
    with translation.override(LANGUAGE):
        return notify(
            enrolment=certificate.enrolment,
            kind=Kind.CERTIFICATE_ISSUED,
            subject=_("Certificate issued: %(course)s") % {"course": certificate.course_title},
            body=_(
                "Congratulations! Your certificate for %(course)s is ready. Anyone can verify "
                "it with the code %(code)s."
            )
            % {"course": certificate.course_title, "code": certificate.code},
        )
