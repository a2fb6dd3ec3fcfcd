"""In-app notifications for participants, each also sent by e-mail by a background task."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sousei.core.text import format_date_ja
from sousei.training.models import Certificate, Enrolment, Notification


def notify(*, enrolment: Enrolment, kind: str, subject: str, body: str) -> Notification | None:
    """Store the notification for the participant's account and queue its e-mail after
    the transaction commits (a rolled-back change sends nothing). None without an account."""
    from sousei.training.tasks import notification_email_send

    user = enrolment.participant.person.user
    if user is None:
        return None
    notification = Notification.objects.create(
        region=enrolment.region, user=user, kind=kind, subject=subject, body=body
    )
    transaction.on_commit(
        lambda: notification_email_send.enqueue(
            notification_id=notification.pk, region_id=notification.region_id
        )
    )
    return notification


def notify_licence_granted(*, enrolment: Enrolment) -> Notification | None:
    course = enrolment.course
    with translation.override("ja"):
        return notify(
            enrolment=enrolment,
            kind=Notification.Kind.LICENCE_GRANTED,
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


def notify_plan_at_risk(*, enrolment: Enrolment) -> Notification | None:
    with translation.override("ja"):
        return notify(
            enrolment=enrolment,
            kind=Notification.Kind.PLAN_AT_RISK,
            subject=_("Your study plan needs attention"),
            body=_(
                "At your current pace %(course)s would finish well after the planned date. "
                "Log your study, or talk to your trainer about a new plan."
            )
            % {"course": enrolment.course.title},
        )


def notify_certificate_issued(*, certificate: Certificate) -> Notification | None:
    with translation.override("ja"):
        return notify(
            enrolment=certificate.enrolment,
            kind=Notification.Kind.CERTIFICATE_ISSUED,
            subject=_("Certificate issued: %(course)s") % {"course": certificate.course_title},
            body=_(
                "Congratulations! Your certificate for %(course)s is ready. Anyone can verify "
                "it with the code %(code)s."
            )
            % {"course": certificate.course_title, "code": certificate.code},
        )
