"""Messages about inquiries, through the outbox: the acknowledgement and the office's replies
to the sender's e-mail address (no account needed), in the language of the page they wrote
from; and a notification to each of the region's operators, in their language, linking to
the inquiry in the inbox.

The operators' notification names the kind and organisation only; the sender's name,
address and message stay on the inquiry's page."""

from __future__ import annotations

from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.models import Membership
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.services import message_queue, notification_send, recipient_language
from sousei.core.roles import Role
from sousei.core.text import format_date
from sousei.inquiries.models import Inquiry, InquiryReply


class Kind(models.TextChoices):
    INQUIRY_RECEIVED = "inquiry_received", gettext_lazy("New inquiry")


class MailKind(models.TextChoices):
    INQUIRY_ACKNOWLEDGED = "inquiry_acknowledged", gettext_lazy("Inquiry acknowledged")
    INQUIRY_REPLY = "inquiry_reply", gettext_lazy("Reply to an inquiry")


def register() -> None:
    kind_labels_register(Kind, inbox=True)
    kind_labels_register(MailKind)


def inquiry_path(inquiry: Inquiry) -> str:
    return reverse("inquiry-detail", kwargs={"slug": inquiry.region.slug, "inquiry_id": inquiry.pk})


def acknowledge(*, inquiry: Inquiry) -> None:
    """Tell the sender that the office has their inquiry and will answer."""
    language = recipient_language(inquiry.language)
    with translation.override(language):
        subject = _("We have received your inquiry (No. %(number)s)") % {"number": inquiry.pk}
        body = render_to_string(
            "inquiries/mail_acknowledged.txt",
            {
                "inquiry": inquiry,
                "region": inquiry.region,
                "day": format_date(inquiry.received_at.date()),
            },
        )
    message_queue(
        region=inquiry.region,
        kind=MailKind.INQUIRY_ACKNOWLEDGED,
        language=language,
        subject=subject,
        body=body,
        email=inquiry.email,
        about=inquiry,
    )


def send_reply(*, inquiry: Inquiry, reply: InquiryReply) -> None:
    """E-mail the office's reply to the sender."""
    language = recipient_language(inquiry.language)
    with translation.override(language):
        subject = _("Re: your inquiry (No. %(number)s)") % {"number": inquiry.pk}
        body = render_to_string(
            "inquiries/mail_reply.txt",
            {"inquiry": inquiry, "reply": reply, "region": inquiry.region},
        )
    message_queue(
        region=inquiry.region,
        kind=MailKind.INQUIRY_REPLY,
        language=language,
        subject=subject,
        body=body,
        email=inquiry.email,
        about=inquiry,
    )


def notify_operators(*, inquiry: Inquiry) -> None:
    """A notification to each operator of the region, linking to the inquiry."""
    operators = (
        Membership.objects.filter(region=inquiry.region, role=Role.OPERATOR)
        .select_related("user")
        .order_by("user_id")
    )
    link = inquiry_path(inquiry)

    def text() -> tuple[str, str]:
        values = {
            "number": inquiry.pk,
            "kind": inquiry.get_kind_display(),
            "organisation": inquiry.organisation or "—",
        }
        return (
            _("New inquiry No. %(number)s (%(kind)s)") % values,
            _(
                "A new inquiry has reached the program office: No. %(number)s from a "
                "%(kind)s (%(organisation)s). Open it in the inquiries inbox to answer."
            )
            % values,
        )

    for membership in operators:
        notification_send(
            region=inquiry.region,
            user=membership.user,
            kind=Kind.INQUIRY_RECEIVED,
            text=text,
            link=link,
            about=inquiry,
        )
