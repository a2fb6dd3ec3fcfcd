"""The outgoing message (imported by sousei.core.models, so it belongs to the core app)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.outbox.kinds import kind_label
from sousei.core.scoping import RegionOwned

SUBJECT_PREFIX = "[創生 Sousei] "


class OutboxMessage(RegionOwned):
    """One message to one recipient: shown in their in-app inbox, sent by e-mail, or both.

    The subject and body are rendered when the message is queued, in the recipient's language,
    not when it is sent. So the inbox shows the text as stored; the send task needs no app's
    code (core never imports the apps); and the message says what was true when it was
    written (a registrant waitlisted and then offered a place before the worker runs gets
    both mails, each right), and the row is a record of exactly what went out.

    `about_model`/`about_id` name the object the message concerns (`hiring.candidacy` 12), so
    a candidacy page lists its mails without core knowing any app's tables.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("recipient"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    in_app = models.BooleanField(_("shown in the app"), default=False)
    by_email = models.BooleanField(_("sent by e-mail"), default=False)
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    attachment_name = models.CharField(_("attachment"), max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment = models.TextField(blank=True)
    about_model = models.CharField(max_length=60, blank=True)
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Where the recipient acts on the message (a path on this site): a button in the inbox,
    # the full address at the end of the e-mail.
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        indexes = [
            models.Index(
                fields=["region", "user", "-created_at"],
                condition=Q(in_app=True),
                name="outbox_inbox_idx",
            ),
            models.Index(fields=["region", "about_model", "about_id"], name="outbox_about_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_app=False) | Q(user__isnull=False), name="outbox_in_app_has_user"
            ),
            models.CheckConstraint(
                condition=Q(by_email=False) | ~Q(email=""), name="outbox_by_email_has_address"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.email or self.user_id}"

    def get_kind_display(self) -> str:
        """The kind in the reader's language; named like Django's display of choices, since
        the choices are the apps' (core.outbox.kinds)."""
        return kind_label(self.kind)

    def email_body(self) -> str:
        """The body, with the full address of its link on the last line."""
        url = f"{settings.SOUSEI_SITE_URL}{self.link}"
        if not self.link or url in self.body:
            return self.body
        return f"{self.body.rstrip()}\n\n{url}\n"

    def as_email(self) -> EmailMessage:
        """The e-mail this message sends, with its attachment (an interview's or event's .ics)."""
        message = EmailMessage(
            subject=f"{SUBJECT_PREFIX}{self.subject}",
            body=self.email_body(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.email],
        )
        if self.attachment_name:
            message.attach(self.attachment_name, self.attachment, self.attachment_type)
        return message


def about_lookup(obj: models.Model) -> dict[str, object]:
    """The filter for the messages about `obj`."""
    return {"about_model": obj._meta.label_lower, "about_id": obj.pk}


class NotificationPreference(models.Model):
    """How one user wants the notifications of one kind: a row says whether they are also
    e-mailed (`by_email`); without a row they are. The in-app copy is always kept, so
    choosing "in the app only" never loses a message. A person's choice, the same in every
    region they belong to, like their API tokens."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    by_email = models.BooleanField(_("sent by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'e-mail' if self.by_email else 'in-app'}"


class MessageLanguage(models.Model):
    """The language a user is written to in (notifications and their e-mails); without a row,
    Japanese, the program's language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="message_language",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=8)

    class Meta:
        verbose_name = _("message language")
        verbose_name_plural = _("message languages")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
