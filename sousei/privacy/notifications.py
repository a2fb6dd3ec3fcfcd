"""Notifications of privacy requests, through the outbox in each recipient's language: to the
person (their request received; answered: completed, or refused with the reason), and to the
region's operators (a new request; a request past its due date, from the daily reminder)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.services import language_of, message_queue, notification_send
from sousei.core.text import format_date
from sousei.privacy import selectors
from sousei.privacy.models import PrivacyRequest, RequestKind, RequestStatus


class Kind(models.TextChoices):
    REQUEST_RECEIVED = "privacy_request_received", gettext_lazy("Privacy request received")
    REQUEST_ANSWERED = "privacy_request_answered", gettext_lazy("Privacy request answered")
    REQUEST_NEW = "privacy_request_new", gettext_lazy("New privacy request")
    REQUEST_OVERDUE = "privacy_request_overdue", gettext_lazy("Privacy request overdue")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def _values(request: PrivacyRequest) -> dict[str, str]:
    person = request.person
    return {
        "kind": str(RequestKind(request.kind).label),
        "number": str(request.pk),
        "due": format_date(request.due_on),
        "name": person.full_name if person else "-",
        "reason": request.refusal_reason,
    }


def _to_person(request: PrivacyRequest, kind: str, text: tuple[str, str]) -> None:
    """Through the person's inbox when they have an account, else by e-mail only."""
    person = request.person
    if person is None:
        return
    if person.user is not None:
        notification_send(
            region=request.region,
            user=person.user,
            kind=kind,
            text=lambda: (_(text[0]) % _values(request), _(text[1]) % _values(request)),
            link=reverse("account-privacy"),
            about=request,
        )
        return
    language = language_of(None)
    with translation.override(language):
        subject, body = _(text[0]) % _values(request), _(text[1]) % _values(request)
    message_queue(
        region=request.region,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        email=person.email,
        about=request,
    )


def notify_received(*, request: PrivacyRequest) -> None:
    """Tell the person the office has their request and by when it answers."""
    _to_person(
        request,
        Kind.REQUEST_RECEIVED,
        (
            gettext_noop("We received your request: %(kind)s (no. %(number)s)"),
            gettext_noop(
                "We received your request (%(kind)s, no. %(number)s). We will answer it without "
                "delay, by %(due)s at the latest. You can follow it on your privacy page."
            ),
        ),
    )


def notify_answered(*, request: PrivacyRequest) -> None:
    """Tell the person their request is done, or refused and why (APPI art. 36)."""
    if request.status == RequestStatus.REFUSED:
        text = (
            gettext_noop("Your request was refused: %(kind)s (no. %(number)s)"),
            gettext_noop(
                "We cannot carry out your request (%(kind)s, no. %(number)s), for this reason: "
                "%(reason)s\nIf you disagree, reply to the program office; you may also consult "
                "the Personal Information Protection Commission's helpline."
            ),
        )
    else:
        text = (
            gettext_noop("Your request is done: %(kind)s (no. %(number)s)"),
            gettext_noop(
                "We have carried out your request (%(kind)s, no. %(number)s). "
                "See your privacy page for the details."
            ),
        )
    _to_person(request, Kind.REQUEST_ANSWERED, text)


def _to_operators(request: PrivacyRequest, kind: str, text: tuple[str, str]) -> None:
    link = reverse(
        "privacy-request-detail", kwargs={"slug": request.region.slug, "request_id": request.pk}
    )
    operators: list[User] = selectors.region_operators(region_id=request.region_id)
    for user in operators:
        notification_send(
            region=request.region,
            user=user,
            kind=kind,
            text=lambda: (_(text[0]) % _values(request), _(text[1]) % _values(request)),
            link=link,
            about=request,
        )


def notify_new(*, request: PrivacyRequest) -> None:
    _to_operators(
        request,
        Kind.REQUEST_NEW,
        (
            gettext_noop("New privacy request from %(name)s: %(kind)s"),
            gettext_noop(
                "%(name)s made a request (%(kind)s, no. %(number)s). Answer it by %(due)s."
            ),
        ),
    )


def notify_overdue(*, request: PrivacyRequest) -> None:
    _to_operators(
        request,
        Kind.REQUEST_OVERDUE,
        (
            gettext_noop("Overdue privacy request from %(name)s: %(kind)s"),
            gettext_noop(
                "The request of %(name)s (%(kind)s, no. %(number)s) was due on %(due)s and is "
                "not answered yet. APPI asks for an answer without delay."
            ),
        ),
    )
