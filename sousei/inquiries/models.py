"""Inquiries (問い合わせ) to a region's program office and the office's replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned

#: The longest message a sender may write (about four pages); the form and API say so.
MESSAGE_MAX = 4000
#: The longest reply and internal note.
REPLY_MAX = 8000
#: The version of the handling-of-personal-data notice the sender agreed to.
INQUIRY_CONSENT_VERSION = "2026-12"


class InquiryKind(models.TextChoices):
    """Who writes: the office answers each kind differently (a company about projects and
    hiring, a municipality about rolling the program out, a student about internships)."""

    COMPANY = "company", _("Company")
    MUNICIPALITY = "municipality", pgettext_lazy("inquiry kind", "Municipality")
    STUDENT = "student", _("Student")
    RESIDENT = "resident", _("Resident")
    OTHER = "other", pgettext_lazy("inquiry kind", "Other")


class InquiryStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("inquiry status", "New")
    ANSWERED = "answered", pgettext_lazy("inquiry status", "Answered")
    CLOSED = "closed", pgettext_lazy("inquiry status", "Closed")


class Inquiry(RegionOwned):
    """A message to the region's program office from someone outside the program (no account
    needed): who they are, how to answer them, what they ask, and their consent to the handling
    of the personal data they gave. Operators answer it by e-mail (`InquiryReply`), keep
    internal notes and close it."""

    kind = models.CharField(_("who is asking"), max_length=20, choices=InquiryKind.choices)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail address"), max_length=254)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX)
    # The language of the page the form was sent from: the acknowledgement and the replies
    # are written in it.
    language = models.CharField(_("language"), max_length=8, default="ja")
    consent_version = models.CharField(_("privacy notice agreed to"), max_length=20)
    received_at = models.DateTimeField(_("received at"), default=clock.now)
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    notes = models.TextField(_("internal notes"), max_length=REPLY_MAX, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [
            models.Index(fields=["region", "status", "-received_at"], name="inquiry_inbox_idx"),
            models.Index(fields=["region", "-received_at"], name="inquiry_received_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.received_at:%Y-%m-%d}"


class InquiryReply(RegionOwned):
    """An operator's answer to an inquiry, e-mailed to the sender through the outbox."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="replies", verbose_name=_("inquiry")
    )
    body = models.TextField(_("reply"), max_length=REPLY_MAX)
    sent_at = models.DateTimeField(_("sent at"), default=clock.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("reply to an inquiry")
        verbose_name_plural = _("replies to inquiries")
        indexes = [models.Index(fields=["region", "inquiry"], name="inquiry_reply_idx")]

    def __str__(self) -> str:
        return f"reply to #{self.inquiry_id} {self.sent_at:%Y-%m-%d}"
