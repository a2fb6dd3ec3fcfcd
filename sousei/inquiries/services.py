"""Inquiries: the writes. Anyone may send one (the contact form, the public endpoint); the
region's operators answer, note, change the status and close.

Spam is kept out in `inquiry_submit` before anything is written: a filled-in honeypot field
(people never see it) gets the same answer as a real inquiry but nothing is stored or sent,
and each address and each e-mail address may send `RATE_LIMIT` inquiries an hour
(core.throttle, counted in the database so the limit holds across server processes)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock, throttle
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.inquiries import notifications
from sousei.inquiries.models import (
    INQUIRY_CONSENT_VERSION,
    MESSAGE_MAX,
    REPLY_MAX,
    Inquiry,
    InquiryKind,
    InquiryReply,
    InquiryStatus,
)

#: Inquiries one client address, or one sender's e-mail address, may send per window.
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 3600
SCOPE_ADDRESS = "inquiry:address"
SCOPE_EMAIL = "inquiry:email"

TOO_MANY = _(
    "You have sent several inquiries in the last hour. Wait an hour and send it again, "
    "or call or e-mail the program office."
)


class TooManyInquiries(Exception):
    """The sender's address or e-mail address has used its inquiries for the hour (429)."""

    message = TOO_MANY


@dataclass(frozen=True)
class InquiryInput:
    """What the contact form and the public endpoint collect."""

    kind: str
    name: str
    email: str
    message: str
    consent_privacy_policy: bool
    organisation: str = ""
    phone: str = ""
    language: str = "ja"
    # The honeypot: a field hidden from people and screen readers; only bots fill it in.
    website: str = ""


def _validate(data: InquiryInput) -> None:
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: object, code: str, **params: object) -> None:
        errors.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)  # type: ignore[arg-type]
        )

    for field in ("kind", "name", "email", "message", "organisation", "phone", "language"):
        if "\x00" in getattr(data, field):
            add(field, _("Remove the null character (NUL) from the text."), "null")
    if data.kind not in InquiryKind.values:
        add("kind", _("Choose who you are: a company, a municipality, a student, …"), "kind")
    if not data.name.strip():
        add("name", _("Enter your name so that the office can address you."), "required")
    elif len(data.name) > 100:
        add("name", _("Enter your name in at most 100 characters."), "max_length")
    try:
        validate_email(data.email.strip())
    except ValidationError:
        add(
            "email",
            _("Enter the e-mail address the office should answer, e.g. name@example.jp."),
            "email",
        )
    if len(data.organisation) > 120:
        add("organisation", _("Give the organisation in at most 120 characters."), "max_length")
    phone = data.phone.strip()
    if phone and (len(phone) > 20 or not all(c.isdigit() or c in "+-() " for c in phone)):
        add(
            "phone",
            _("Enter the phone number with digits and hyphens, e.g. 092-942-1111."),
            "phone",
        )
    if not data.message.strip():
        add("message", _("Write what you would like to ask."), "required")
    elif len(data.message) > MESSAGE_MAX:
        add(
            "message",
            _("Write at most %(limit)s characters (this has %(length)s); shorten the message."),
            "max_length",
            limit=MESSAGE_MAX,
            length=len(data.message),
        )
    if not data.consent_privacy_policy:
        add(
            "consent_privacy_policy",
            _(
                "The office can answer only with your agreement to how it handles the data you "
                "give. Read the privacy policy and tick the box."
            ),
            "consent",
        )
    if errors:
        raise ValidationError(errors)


def is_bot(data: InquiryInput) -> bool:
    """Whether the honeypot was filled in (people never see it)."""
    return bool(data.website.strip())


def rate_limited(*, address: str, email: str) -> bool:
    """Whether the address or the e-mail address has used its inquiries for the hour."""
    return (
        throttle.count_of(scope=SCOPE_ADDRESS, value=address) >= RATE_LIMIT
        or throttle.count_of(scope=SCOPE_EMAIL, value=email) >= RATE_LIMIT
    )


def inquiry_submit(
    *, region: Region, data: InquiryInput, address: str, actor: User | AnonymousUser | None
) -> Inquiry | None:
    """Receive an inquiry from the public form or endpoint. None for a bot (the honeypot was
    filled in): it gets the same answer as a person, and nothing is stored or sent. Raises
    ValidationError for bad input and TooManyInquiries past the hourly limit."""
    if is_bot(data):
        return None
    _validate(data)
    email = data.email.strip()
    if rate_limited(address=address, email=email):
        raise TooManyInquiries
    throttle.count_add(scope=SCOPE_ADDRESS, value=address, window_seconds=RATE_WINDOW_SECONDS)
    throttle.count_add(scope=SCOPE_EMAIL, value=email, window_seconds=RATE_WINDOW_SECONDS)
    return inquiry_create(region=region, data=data, actor=actor)


def inquiry_create(
    *, region: Region, data: InquiryInput, actor: User | AnonymousUser | None
) -> Inquiry:
    """Store an inquiry, acknowledge it to the sender (in the page's language), tell the
    region's operators and publish `inquiry.received` (ids and kind only), in one
    transaction. No spam checks: `inquiry_submit` makes them for the public doors."""
    _validate(data)
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            region=region,
            kind=data.kind,
            organisation=data.organisation.strip(),
            name=data.name.strip(),
            email=data.email.strip(),
            phone=data.phone.strip(),
            message=data.message.strip(),
            language=data.language if data.language in ("ja", "en") else "ja",
            consent_version=INQUIRY_CONSENT_VERSION,
            received_at=clock.now(),
        )
        audit_record(
            region=region,
            actor=actor,
            action="inquiry.receive",
            obj=inquiry,
            changes={"kind": inquiry.kind, "consent_version": inquiry.consent_version},
        )
        notifications.acknowledge(inquiry=inquiry)
        notifications.notify_operators(inquiry=inquiry)
        domain_event_publish(
            kind="inquiry.received",
            region=region,
            payload={"inquiry_id": inquiry.pk, "kind": inquiry.kind},
        )
    return inquiry


def inquiry_reply(*, inquiry: Inquiry, body: str, actor: User) -> InquiryReply:
    """E-mail an answer to the sender through the outbox and mark the inquiry answered
    (a closed inquiry is reopened as answered: the office wrote again)."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": ValidationError(_("Write the reply."), code="required")})
    if "\x00" in body:
        raise ValidationError(
            {
                "body": ValidationError(
                    _("Remove the null character (NUL) from the text."), code="null"
                )
            }
        )
    if len(body) > REPLY_MAX:
        raise ValidationError(
            {
                "body": ValidationError(
                    _("Write at most %(limit)s characters; shorten the reply."),
                    code="max_length",
                    params={"limit": REPLY_MAX},
                )
            }
        )
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        reply = InquiryReply.objects.create(
            region=locked.region, inquiry=locked, body=body, sent_at=clock.now(), by=actor
        )
        previous = locked.status
        locked.status = InquiryStatus.ANSWERED
        locked.closed_at = None
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            region=locked.region,
            actor=actor,
            action="inquiry.reply",
            obj=locked,
            changes={"reply_id": reply.pk, "status": [previous, locked.status]},
        )
        notifications.send_reply(inquiry=locked, reply=reply)
    return reply


def inquiry_status_set(*, inquiry: Inquiry, status: str, actor: User) -> Inquiry:
    """Change an inquiry's status (closing it records when). Answered needs a reply first."""
    if status not in InquiryStatus.values:
        raise ValidationError(
            {"status": ValidationError(_("Choose new, answered or closed."), code="status")}
        )
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if status == locked.status:
            return locked
        if status == InquiryStatus.ANSWERED and not locked.replies.exists():
            raise Conflict(_("Send a reply first: an inquiry is answered by a reply."))
        previous = locked.status
        locked.status = status
        locked.closed_at = clock.now() if status == InquiryStatus.CLOSED else None
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            region=locked.region,
            actor=actor,
            action="inquiry.status",
            obj=locked,
            changes={"status": [previous, status]},
        )
    return locked


def inquiry_notes_set(*, inquiry: Inquiry, notes: str, actor: User) -> Inquiry:
    """Replace the office's internal notes on an inquiry (never sent to the sender)."""
    notes = notes.strip()
    if "\x00" in notes or len(notes) > REPLY_MAX:
        raise ValidationError(
            {
                "notes": ValidationError(
                    _("Keep the notes to %(limit)s characters of plain text."),
                    code="invalid",
                    params={"limit": REPLY_MAX},
                )
            }
        )
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if locked.notes != notes:
            locked.notes = notes
            locked.save(update_fields=["notes"])
            # The notes may name people: the audit entry says that they changed, not what.
            audit_record(
                region=locked.region,
                actor=actor,
                action="inquiry.notes",
                obj=locked,
                changes={"length": len(notes)},
            )
    return locked
