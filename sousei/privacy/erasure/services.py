"""Suspension of use (利用停止), its end, and erasure (消去) of a person (APPI art. 35).

person_erase anonymises the person everywhere (coverage.py says where), and does so for
every Person row of the same human: the operator (the staffing company) is one business
operator under APPI, and a person's rows in its other regions are found through the account
they share. Rows in another region that only share an e-mail address are not assumed to be
the same human; the operator answers a request there. Amounts and hours stay, so pay run
totals and the impact indicators do not change; the wage ledger and time records keep the
person's name, restricted, until their retention ends (retention.py).

Every step writes an audit entry with ids only and a line in the erasure journal
(journal.py) that a restore of an older backup replays (replay.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.scoping import cross_region, region_scope
from sousei.people.models import Person
from sousei.privacy.erasure import notifications, scrub
from sousei.privacy.erasure.journal import JournalLine, journal_append, stamp
from sousei.privacy.erasure.retention import retention_start
from sousei.privacy.models import ErasureAction, ErasureRecord, PersonPrivacy


@dataclass
class _Erased:
    """What one region's erasure touched, as counts (for the audit entry)."""

    counts: dict[str, int] = field(default_factory=dict)


def _state(person: Person, *, lock: bool = True) -> PersonPrivacy:
    rows = PersonPrivacy.objects.filter(person=person)
    if lock:
        rows = rows.select_for_update()
    state = rows.first()
    if state is None:
        state = PersonPrivacy.objects.create(region=person.region, person=person)
    return state


def _record(
    *,
    person: Person,
    action: str,
    actor: User | None,
    request: object | None,
    reason: str,
    user_id: int | None,
    replayed: bool = False,
) -> ErasureRecord:
    return ErasureRecord.objects.create(
        region=person.region,
        person=person,
        user_id_at_erasure=user_id,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        request_id=getattr(request, "pk", None),
        reason=reason[:200],
        replayed=replayed,
    )


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if "\x00" in reason or len(reason) > 200:
        raise ValidationError(
            {"reason": _("The reason must be at most 200 characters, without control characters.")}
        )
    return reason


def person_suspend(
    *, person: Person, actor: User, request: object | None = None, reason: str = ""
) -> ErasureRecord:
    """Stop the use of the person's data (APPI art. 35(1)): left out of matching, rankings,
    proposals, notifications and sharing with the city until `person_resume`. Their records
    stay as they are. Refused for a person already suspended or erased."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        state = _state(person)
        if state.erased_at is not None:
            raise Conflict(_("This person's data has been erased; nothing to suspend."))
        if state.suspended_at is not None:
            raise Conflict(_("The use of this person's data is already suspended."))
        return _use_set(
            person=person, state=state, stopped=True, actor=actor, request=request, reason=reason
        )


def person_resume(
    *, person: Person, actor: User, request: object | None = None, reason: str = ""
) -> ErasureRecord:
    """End a suspension: the person is matched, notified and shared again."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        state = _state(person)
        if state.erased_at is not None:
            raise Conflict(_("This person's data has been erased; it cannot be used again."))
        if state.suspended_at is None:
            raise Conflict(_("The use of this person's data is not suspended."))
        return _use_set(
            person=person, state=state, stopped=False, actor=actor, request=request, reason=reason
        )


def _use_set(
    *,
    person: Person,
    state: PersonPrivacy,
    stopped: bool,
    actor: User,
    request: object | None,
    reason: str,
) -> ErasureRecord:
    """Stop or resume the use of the person's data (inside the caller's transaction): the
    state, the log record, the audit entry, and the notices to the person and operators."""
    state.suspended_at = clock.now() if stopped else None
    state.use_stopped = stopped
    state.save(update_fields=["suspended_at", "use_stopped", "updated_at"])
    record = _record(
        person=person,
        action=ErasureAction.SUSPEND if stopped else ErasureAction.RESUME,
        actor=actor,
        request=request,
        reason=reason,
        user_id=person.user_id,
    )
    audit_record(
        region=person.region,
        actor=actor,
        action="privacy.suspend" if stopped else "privacy.resume",
        obj=person,
        changes={"record": record.pk, "request": record.request_id},
    )
    notifications.notify_suspension(person=person, suspended=stopped)
    notifications.notify_operators(record=record)
    return record


def _erase_one(
    *,
    person: Person,
    actor: User | None,
    request: object | None,
    reason: str,
    replayed: bool,
    today: dt.date,
) -> ErasureRecord:
    """Erase one Person row, inside its region's scope and the caller's transaction."""
    state = _state(person)
    user = User.objects.filter(pk=person.user_id).first() if person.user_id else None
    needles = scrub.needles_of(person, user)
    emails = {person.email} | ({user.email} if user is not None else set())
    language = notifications.language_of(person)
    address = person.email
    # The journal line identifies the rows by id and creation time, read before anything
    # changes: a replay must find them again.
    line = JournalLine(
        action=ErasureAction.ERASE.value,
        region=person.region_id,
        person=person.pk,
        person_created_at=stamp(person.created_at) or "",
        user=user.pk if user else None,
        user_joined_at=stamp(user.date_joined) if user else None,
        at=stamp(clock.now()) or "",
    )
    retention_start(state=state, person=person, today=today)
    cv_files = scrub.cv_files_delete(person)  # before the cv column is blanked
    counts = scrub.erase_fields(person)
    counts["cv_files"] = cv_files
    counts["messages"] = scrub.messages_blank(user=user, emails=emails, needles=needles)
    counts.update(scrub.records_scrub(needles))
    counts.update(scrub.workplace_scrub(user=user, needles=needles))
    counts["inquiries"] = scrub.inquiries_scrub(emails=emails, needles=needles)
    scrub.account_records_delete(user=user, emails=emails)
    if user is not None:
        scrub.sign_in_records_delete({user.username, user.email, person.email})
        scrub.user_anonymise(user)
    state.erased_at = clock.now()
    state.use_stopped = True
    state.suspended_at = None
    state.save()
    record = _record(
        person=person,
        action=ErasureAction.ERASE,
        actor=actor,
        request=request,
        reason=reason,
        user_id=user.pk if user else None,
        replayed=replayed,
    )
    audit_record(
        region=person.region,
        actor=actor,
        action="privacy.erase",
        obj=person,
        changes={
            "record": record.pk,
            "request": record.request_id,
            "user": record.user_id_at_erasure,
            "replayed": replayed,
            "restricted_until": str(state.restricted_until) if state.restricted_until else None,
            "rows": {k: v for k, v in counts.items() if v},
        },
    )
    if not replayed:
        notifications.notify_erased(address=address, language=language, region=person.region)
        notifications.notify_operators(record=record)
    if not replayed:  # a replay's line is in the journal already
        journal_append(line)
    return record


def person_erase(
    *, person: Person, actor: User, request: object | None = None, reason: str = ""
) -> ErasureRecord:
    """Erase the person (APPI art. 35(3)) in this region and the same human's rows in the
    operator's other regions (found through their account). Returns this region's record.
    Refused for a person already erased."""
    reason = _clean_reason(reason)
    today = clock.today()
    with transaction.atomic():
        if PersonPrivacy.objects.filter(person=person, erased_at__isnull=False).exists():
            raise Conflict(_("This person's data has already been erased."))
        user_id = person.user_id
        record = _erase_one(
            person=person, actor=actor, request=request, reason=reason, replayed=False, today=today
        )
        if user_id is not None:
            for other in _same_human_elsewhere(person=person, user_id=user_id):
                with region_scope(other.region):
                    if PersonPrivacy.objects.filter(person=other, erased_at__isnull=False).exists():
                        continue
                    _erase_one(
                        person=other,
                        actor=actor,
                        request=request,
                        reason=reason,
                        replayed=False,
                        today=today,
                    )
    return record


def _same_human_elsewhere(*, person: Person, user_id: int) -> list[Person]:
    with cross_region("erasure covers the same account's persons in the operator's regions"):
        return list(
            Person.objects.filter(user_id=user_id)
            .exclude(pk=person.pk)
            .select_related("region")
            .order_by("pk")
        )


def person_erase_replay(*, person: Person, region: Region) -> ErasureRecord | None:
    """Erase again, after a restore, a person whose erasure the restored backup predates.
    No request, no actor, no notice (the person was told the first time)."""
    with region_scope(region), transaction.atomic():
        if PersonPrivacy.objects.filter(person=person, erased_at__isnull=False).exists():
            return None
        return _erase_one(
            person=person,
            actor=None,
            request=None,
            reason="replayed after a restore",
            replayed=True,
            today=clock.today(),
        )
