"""Notifications to participants: a licence granted, a plan at risk, a certificate issued. In
their inbox and by e-mail (as they chose), in their language, through the outbox, each with
the link to their course page."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.models import Membership
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import notification_send
from sousei.core.roles import Role
from sousei.core.text import format_date
from sousei.training.models import Certificate, CourseTrainer, Enrolment


class Kind(models.TextChoices):
    LICENCE_GRANTED = "licence_granted", gettext_lazy("Licence granted")
    PLAN_AT_RISK = "plan_at_risk", gettext_lazy("Plan at risk")
    CERTIFICATE_ISSUED = "certificate_issued", gettext_lazy("Certificate issued")
    LEARNER_AT_RISK = "learner_at_risk", gettext_lazy("Learner at risk")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def enrolment_path(enrolment: Enrolment) -> str:
    """The participant's page of the course."""
    return reverse(
        "my-enrolment", kwargs={"slug": enrolment.region.slug, "enrolment_id": enrolment.pk}
    )


def notify(
    *, enrolment: Enrolment, kind: str, text: Callable[[], tuple[str, str]]
) -> OutboxMessage | None:
    """Put the notification in the participant's inbox and e-mail it to their account's
    address (unless they chose the app only) once the transaction commits. None without an
    account."""
    return notification_send(
        region=enrolment.region,
        user=enrolment.participant.person.user,
        kind=kind,
        text=text,
        link=enrolment_path(enrolment),
        about=enrolment,
    )


def notify_licence_granted(*, enrolment: Enrolment) -> OutboxMessage | None:
    course = enrolment.course

    def text() -> tuple[str, str]:
        return (
            _("Your %(product)s licence is ready") % {"product": course.product.name},
            _(
                "A free licence of %(product)s is now yours for the course %(course)s. "
                "Your study plan starts on %(start)s."
            )
            % {
                "product": course.product.name,
                "course": course.title,
                "start": format_date(enrolment.start_date),
            },
        )

    return notify(enrolment=enrolment, kind=Kind.LICENCE_GRANTED, text=text)


def notify_plan_at_risk(*, enrolment: Enrolment) -> OutboxMessage | None:
    def text() -> tuple[str, str]:
        return (
            _("Your study plan needs attention"),
            _(
                "At your current pace %(course)s would finish well after the planned date. "
                "Log your study, or talk to your trainer about a new plan."
            )
            % {"course": enrolment.course.title},
        )

    return notify(enrolment=enrolment, kind=Kind.PLAN_AT_RISK, text=text)


def notify_learner_at_risk(*, enrolment: Enrolment) -> list[OutboxMessage]:
    """Tell the course's trainers and the region's operators (whose home lists at-risk
    learners) that a learner fell behind, so one of them gets in touch; the link opens the
    at-risk list. A trainer of other courses is not told: they cannot open this learner."""
    teachers = CourseTrainer.objects.filter(course_id=enrolment.course_id).values("user_id")
    staff = Membership.objects.filter(
        Q(role=Role.OPERATOR) | Q(role=Role.TRAINER, user_id__in=teachers),
        user__is_active=True,
    ).select_related("user")
    trainers = list({membership.user_id: membership.user for membership in staff}.values())
    trainers.sort(key=lambda user: user.pk)
    person = enrolment.participant.person

    def text() -> tuple[str, str]:
        values = {"name": person.full_name, "course": enrolment.course.title}
        return (
            _("%(name)s is falling behind on %(course)s") % values,
            _(
                "At the current pace %(name)s would finish %(course)s well after the planned "
                "date. Get in touch to help, or agree a new plan."
            )
            % values,
        )

    sent = []
    for trainer in trainers:
        message = notification_send(
            region=enrolment.region,
            user=trainer,
            kind=Kind.LEARNER_AT_RISK,
            text=text,
            link=reverse("at-risk", kwargs={"slug": enrolment.region.slug}),
            about=enrolment,
        )
        if message is not None:
            sent.append(message)
    return sent


def notify_certificate_issued(*, certificate: Certificate) -> OutboxMessage | None:
    def text() -> tuple[str, str]:
        return (
            _("Certificate issued: %(course)s") % {"course": certificate.course_title},
            _(
                "Congratulations! Your certificate for %(course)s is ready. Anyone can verify "
                "it with the code %(code)s."
            )
            % {"course": certificate.course_title, "code": certificate.code},
        )

    return notify(enrolment=certificate.enrolment, kind=Kind.CERTIFICATE_ISSUED, text=text)
