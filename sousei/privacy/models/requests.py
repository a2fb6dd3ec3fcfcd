"""A person's requests under APPI (開示等の請求): disclosure (art. 33), correction (art. 34),
suspension of use and erasure (art. 35), and withdrawal of a consent (arts. 18, 27)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned

# APPI asks for an answer 遅滞なく ("without delay", arts. 33(2), 34(3), 35(3)) and names no
# number of days. The program promises 14 days from receipt (docs/privacy.md); a request past
# its due date is marked overdue on the queue and reminded to the region's operators.
DUE_DAYS = 14


class RequestKind(models.TextChoices):
    DISCLOSURE = "disclosure", _("Disclosure of my data")
    CORRECTION = "correction", _("Correction of my data")
    SUSPENSION = "suspension", _("Suspension of use")
    ERASURE = "erasure", _("Erasure")
    CONSENT_WITHDRAWAL = "consent_withdrawal", _("Withdrawal of a consent")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("privacy request", "Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("privacy request", "In progress")
    COMPLETED = "completed", pgettext_lazy("privacy request", "Completed")
    REFUSED = "refused", pgettext_lazy("privacy request", "Refused")


OPEN_STATUSES = (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)


class Channel(models.TextChoices):
    WEB = "web", _("Web (the person's account)")
    MAIL = "mail", _("Post")
    PHONE = "phone", _("Phone")
    COUNTER = "counter", _("At the counter")


class PrivacyRequest(RegionOwned):
    """One request of a person about their data in one region, from receipt to its answer.

    Kept after it is answered: it is the record that the request was made and how it was
    answered (who filed it, through which channel, who completed or refused it and why).
    The person link is cleared if the person's record is ever deleted, so the record of the
    request survives an erasure."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="privacy_requests",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("request"), max_length=20, choices=RequestKind.choices)
    # For a consent withdrawal: the purpose (people.ConsentPurpose) it withdraws.
    purpose = models.CharField(_("purpose"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    received_at = clock.DateTimeField(_("received at"))
    due_on = models.DateField(_("answer due on"))
    channel = models.CharField(_("received through"), max_length=10, choices=Channel.choices)
    # True when an operator filed it for the person (a letter, a call, the counter).
    on_behalf = models.BooleanField(_("filed by an operator on the person's behalf"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(_("last overdue reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["region", "due_on"],
                condition=Q(status__in=["received", "in_progress"]),
                name="privacy_request_open_idx",
            ),
            models.Index(fields=["region", "person"], name="privacy_request_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="privacy_request_refusal_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.due_on
