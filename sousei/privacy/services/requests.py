"""A person's requests about their data (開示等の請求), from receipt to their answer.

Rules (docs/privacy.md):

- A request is filed by the person from their account (channel web) or by an operator on
  their behalf (post, phone, counter, or web). It is due DUE_DAYS after receipt; APPI asks
  for an answer 遅滞なく and the program holds itself to that date.
- received → in_progress → completed, or refused (from either open status) with a reason the
  person is told (art. 36). An answered request is never reopened: a new one is filed.
- Completing one does what it asks: disclosure makes the export (the person downloads it
  from their account; an operator from the request's page); correction applies the
  corrections (`person_correct`, before and after in the audit entry, art. 34); consent
  withdrawal withdraws the consents of the purpose; suspension and erasure go through
  `_carry_out` to the erasure module's services (art. 35).
- A consent is withdrawn by the person at once from their account (`consent_withdraw`), and
  their own export can be downloaded at once (`disclosure_self_serve`): both leave a
  completed request as the record of what was asked and done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sousei.core import clock, postal
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.scoping import region_scope
from sousei.people.models import Consent, ConsentPurpose, Person, WorkStatus
from sousei.people.validation import person_clean
from sousei.privacy import notifications, selectors
from sousei.privacy.models import (
    DUE_DAYS,
    Channel,
    PrivacyRequest,
    RequestKind,
    RequestStatus,
)

MAX_NOTE = 2000
MAX_REASON = 2000

# The person's fields a correction may change (art. 34). The address is corrected through
# its postal code (the prefecture, city and town come from it) and the street line.
CORRECTABLE = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "birth_date",
    "email",
    "phone",
    "postal_code",
    "address_line",
    "work_status",
)

ALREADY_ANSWERED = _(
    "This request has already been answered (%(status)s). An answered request is not "
    "reopened; file a new one if the person asks again."
)


def _error(field: str, message: Any, code: str, **params: Any) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def due_date(received_at: dt.datetime) -> dt.date:
    """The day the answer is due: DUE_DAYS after the day of receipt (Japan time)."""
    return timezone.localdate(received_at) + dt.timedelta(days=DUE_DAYS)


def _check(kind: str, note: str, channel: str, purpose: str) -> None:
    if kind not in RequestKind.values:
        raise _error(
            "kind",
            _("Choose what the request asks for: %(choices)s."),
            "invalid_kind",
            choices=", ".join(RequestKind.values),
        )
    if channel not in Channel.values:
        raise _error(
            "channel",
            _("Choose how the request came in: %(choices)s."),
            "invalid_channel",
            choices=", ".join(Channel.values),
        )
    if len(note) > MAX_NOTE:
        raise _error(
            "note",
            _("The note is longer than %(max)s characters. Shorten it."),
            "note_too_long",
            max=MAX_NOTE,
        )
    if kind == RequestKind.CONSENT_WITHDRAWAL and purpose not in ConsentPurpose.values:
        raise _error(
            "purpose",
            _("Choose the purpose whose consent is withdrawn: %(choices)s."),
            "invalid_purpose",
            choices=", ".join(ConsentPurpose.values),
        )


def privacy_request_file(
    *,
    person: Person,
    kind: str,
    note: str,
    actor: User,
    channel: str = Channel.WEB,
    purpose: str = "",
    notify: bool = True,
) -> PrivacyRequest:
    """Record a request of `person` (in the current region scope), due DUE_DAYS later; tell
    the person it was received and the region's operators that it waits. Filed by the
    person themselves when `actor` is their user, else by an operator on their behalf."""
    note = note.strip()
    _check(kind, note, channel, purpose)
    now = clock.now()
    with transaction.atomic():
        request = PrivacyRequest.objects.create(
            region=person.region,
            person=person,
            kind=kind,
            purpose=purpose if kind == RequestKind.CONSENT_WITHDRAWAL else "",
            note=note,
            received_at=now,
            due_on=due_date(now),
            channel=channel,
            on_behalf=person.user_id != actor.pk,
            filed_by=actor,
        )
        audit_record(
            region=person.region,
            actor=actor,
            action="privacy_request.file",
            obj=request,
            changes={"kind": kind, "channel": channel, "person": person.pk},
        )
        if notify:
            notifications.notify_received(request=request)
            notifications.notify_new(request=request)
    return request


def _locked(request_id: int) -> PrivacyRequest:
    request = (
        PrivacyRequest.objects.select_for_update(of=("self",))
        .select_related("region", "person__user")
        .get(pk=request_id)
    )
    if not request.is_open:
        raise Conflict(ALREADY_ANSWERED, status=RequestStatus(request.status).label)
    return request


def privacy_request_start(*, request_id: int, actor: User) -> PrivacyRequest:
    """Mark a received request as being worked on (tells the queue someone has it)."""
    with transaction.atomic():
        request = _locked(request_id)
        if request.status == RequestStatus.IN_PROGRESS:
            return request
        request.status = RequestStatus.IN_PROGRESS
        request.started_at = clock.now()
        request.save(update_fields=["status", "started_at"])
        audit_record(
            region=request.region,
            actor=actor,
            action="privacy_request.start",
            obj=request,
            changes={"status": request.status},
        )
    return request


def privacy_request_refuse(*, request_id: int, actor: User, reason: str) -> PrivacyRequest:
    """Refuse an open request; the reason is required and sent to the person (art. 36)."""
    reason = reason.strip()
    if not reason:
        raise _error(
            "reason",
            _(
                "Write the reason for the refusal. The person is told it (APPI art. 36), "
                "for example which exception of art. 33(2) applies."
            ),
            "reason_required",
        )
    if len(reason) > MAX_REASON:
        raise _error(
            "reason",
            _("The reason is longer than %(max)s characters. Shorten it."),
            "reason_too_long",
            max=MAX_REASON,
        )
    with transaction.atomic():
        request = _locked(request_id)
        request.status = RequestStatus.REFUSED
        request.refusal_reason = reason
        request.completed_at = clock.now()
        request.completed_by = actor
        request.save(update_fields=["status", "refusal_reason", "completed_at", "completed_by"])
        audit_record(
            region=request.region,
            actor=actor,
            action="privacy_request.refuse",
            obj=request,
            changes={"status": request.status},
        )
        notifications.notify_answered(request=request)
    return request


def person_correct(
    *,
    person: Person,
    changes: Mapping[str, Any],
    actor: User,
    request: PrivacyRequest | None = None,
) -> dict[str, tuple[Any, Any]]:
    """Correct the person's fields named in `changes` (art. 34), checked as the forms check
    them; the audit entry `person.correct` keeps each field's value before and after, so a
    mistaken correction can be undone. Returns {field: (before, after)} of what changed."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise _error(
            "changes",
            _("These fields cannot be corrected here: %(fields)s. Correct only: %(allowed)s."),
            "unknown_field",
            fields=", ".join(unknown),
            allowed=", ".join(CORRECTABLE),
        )
    if not changes:
        raise _error(
            "changes",
            _("Enter at least one corrected value."),
            "no_changes",
        )
    checked = person_clean(
        {name: value for name, value in changes.items() if name != "work_status"},
        today=clock.today(),
    )
    errors = dict(checked.errors)
    if "work_status" in changes and changes["work_status"] not in WorkStatus.values:
        errors["work_status"] = [
            ValidationError(_("Choose the work status from the list."), code="invalid_choice")
        ]
    if errors:
        raise ValidationError(errors)
    new: dict[str, Any] = dict(checked.fields)
    if "work_status" in changes:
        new["work_status"] = changes["work_status"]
    address: postal.PostalAddress | None = checked.address
    if address is not None:
        new |= {
            "postal_code": address.postal_code,
            "prefecture": address.prefecture,
            "city": address.city,
            "town": address.town,
            "municipality_code": address.municipality_code,
        }
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if "email" in new and (
            Person.objects.filter(email__iexact=new["email"]).exclude(pk=locked.pk).exists()
        ):
            raise _error(
                "email",
                _(
                    "Another person in this region already has the e-mail address %(email)s. "
                    "Check the address; two records of one human are merged by the office."
                ),
                "email_taken",
                email=new["email"],
            )
        done = {
            name: (getattr(locked, name), value)
            for name, value in new.items()
            if getattr(locked, name) != value
        }
        if not done:
            return {}
        for name, (_before, after) in done.items():
            setattr(locked, name, after)
        locked.save(update_fields=[*done, "updated_at"])
        audit_record(
            region=locked.region,
            actor=actor,
            action="person.correct",
            obj=locked,
            changes={
                "fields": {name: [_text(b), _text(a)] for name, (b, a) in done.items()},
                **({"request": request.pk} if request is not None else {}),
            },
        )
        for name, (_before, after) in done.items():
            setattr(person, name, after)
    return done


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _withdraw(person: Person, purpose: str, now: dt.datetime) -> int:
    """Withdraw every standing consent of `person` to `purpose`; how many were withdrawn."""
    return Consent.objects.filter(
        person=person, purpose=purpose, granted=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)


# What completing a request of a kind does, beyond recording it: suspension and erasure are
# carried out by the erasure module (which reads these services, hence registered from
# PrivacyConfig.ready, not imported here), in the request's transaction.
CarryOut = Callable[..., Any]
CARRY_OUT: dict[str, CarryOut] = {}


def _carry_out(request: PrivacyRequest, actor: User) -> None:
    """Do what a suspension or erasure request asks, through the erasure module."""
    action = CARRY_OUT.get(request.kind)
    if action is None:
        raise Conflict(
            _(
                "Requests of this kind (%(kind)s) are carried out by the erasure procedure, "
                "which is not available here. Keep the request open and follow "
                "docs/privacy.md by hand."
            ),
            kind=RequestKind(request.kind).label,
        )
    assert request.person is not None
    action(person=request.person, actor=actor, request=request)


def privacy_request_complete(
    *,
    request_id: int,
    actor: User,
    corrections: Mapping[str, Any] | None = None,
) -> PrivacyRequest:
    """Answer an open request by doing what it asks (see the module's rules) and tell the
    person. A correction needs `corrections` ({field: corrected value})."""
    with transaction.atomic():
        request = _locked(request_id)
        person = request.person
        if person is None:
            raise Conflict(_("The person of this request is no longer on record."))
        now = clock.now()
        details: dict[str, Any] = {"status": RequestStatus.COMPLETED}
        if request.kind == RequestKind.CORRECTION:
            if not corrections:
                raise _error(
                    "changes",
                    _("Enter the corrected values the person asked for."),
                    "no_changes",
                )
            done = person_correct(person=person, changes=corrections, actor=actor, request=request)
            details["corrected"] = sorted(done)
        elif request.kind == RequestKind.CONSENT_WITHDRAWAL:
            details["withdrawn"] = _withdraw(person, request.purpose, now)
        elif request.kind in (RequestKind.SUSPENSION, RequestKind.ERASURE):
            _carry_out(request, actor)
        request.status = RequestStatus.COMPLETED
        request.completed_at = now
        request.completed_by = actor
        if request.started_at is None:
            request.started_at = now
        request.save(update_fields=["status", "completed_at", "completed_by", "started_at"])
        audit_record(
            region=request.region,
            actor=actor,
            action="privacy_request.complete",
            obj=request,
            changes=details,
        )
        notifications.notify_answered(request=request)
    return request


def _done_at_once(
    *, person: Person, kind: str, actor: User, purpose: str = "", note: str = ""
) -> PrivacyRequest:
    """A request the person makes and the system answers at once, kept as its record."""
    request = privacy_request_file(
        person=person, kind=kind, note=note, actor=actor, purpose=purpose, notify=False
    )
    request.status = RequestStatus.COMPLETED
    request.started_at = request.completed_at = request.received_at
    request.completed_by = actor
    request.save(update_fields=["status", "started_at", "completed_at", "completed_by"])
    audit_record(
        region=person.region,
        actor=actor,
        action="privacy_request.complete",
        obj=request,
        changes={"status": request.status, "at_once": True},
    )
    return request


def consent_withdraw(*, person: Person, purpose: str, actor: User) -> PrivacyRequest:
    """The person withdraws their consent to `purpose`, effective at once: every standing
    consent of theirs to it is marked withdrawn now, so what depends on it (the city's
    per-person rows for SHARE_WITH_MUNICIPALITY) stops at the next read. Recorded as a
    completed consent-withdrawal request."""
    if purpose not in ConsentPurpose.values:
        raise _error(
            "purpose",
            _("Choose the purpose whose consent you withdraw: %(choices)s."),
            "invalid_purpose",
            choices=", ".join(ConsentPurpose.values),
        )
    with transaction.atomic():
        withdrawn = _withdraw(person, purpose, clock.now())
        if not withdrawn:
            raise Conflict(
                _("You have no standing consent to this purpose (%(purpose)s) to withdraw."),
                purpose=ConsentPurpose(purpose).label,
            )
        request = _done_at_once(
            person=person, kind=RequestKind.CONSENT_WITHDRAWAL, actor=actor, purpose=purpose
        )
        audit_record(
            region=person.region,
            actor=actor,
            action="consent.withdraw",
            obj=person,
            changes={"purpose": purpose, "consents": withdrawn, "request": request.pk},
        )
        notifications.notify_answered(request=request)
    return request


def disclosure_self_serve(*, user: User) -> list[PrivacyRequest]:
    """The signed-in person asks for their data: a completed disclosure request in every
    region they are known in (the export itself is downloaded from their account at once)."""
    done = []
    for person in selectors.persons_of_user(user=user):
        with region_scope(person.region), transaction.atomic():
            done.append(_done_at_once(person=person, kind=RequestKind.DISCLOSURE, actor=user))
    return done
