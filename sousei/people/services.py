"""Writes for people and intake: finding or creating a person, submitting an application and
deciding on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock, municipalities, postal
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.outbox.services import recipient_language
from sousei.core.roles import Role
from sousei.core.services import account_invite
from sousei.people import notifications, validation
from sousei.people.models import (
    ACTIVE_APPLICATION_STATUSES,
    CONSENT_WORDING_VERSION,
    Application,
    ApplicationStatus,
    ApplicationTally,
    Consent,
    ConsentPurpose,
    Participant,
    Person,
    WorkStatus,
)
from sousei.people.validation import person_clean, postal_addresses

Actor = User | AnonymousUser | None

MAX_WEEKLY_HOURS = 80
MAX_MONTHLY_INCOME_JPY = 10_000_000


@dataclass(frozen=True, kw_only=True)
class ApplicationInput:
    """What a resident submits: the same fields on the web form and the API."""

    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    birth_date: date
    email: str
    phone: str
    postal_code: str
    address_line: str
    work_status: str
    weekly_hours_available: int
    baseline_monthly_income_jpy: int
    consent_program: bool
    consent_share_with_municipality: bool
    motivation: str = ""


@dataclass(frozen=True)
class CleanApplication:
    fields: dict[str, object]
    address: postal.PostalAddress


def _join_labels(statuses: list[str]) -> str:
    """The statuses' labels as a list, rendered in whichever language reads the message."""

    def render() -> str:
        separator = str(pgettext_lazy("list separator", ", "))
        return separator.join(str(WorkStatus(s).label) for s in statuses)

    return lazy(render, str)()


def _region_name(region: Region) -> str:
    """The region's name in whichever language reads the message (古賀市 / Koga City)."""
    return lazy(lambda: region.local_name, str)()


def eligible_address(region: Region, text: str) -> postal.PostalAddress:
    """The address of a postal code in the region's municipality (for a designated city, in
    any of its wards); ValidationError saying which municipality it belongs to otherwise."""
    addresses = postal_addresses(text)  # malformed or unknown: its own message
    found = municipalities.municipality(region.code)
    codes = found.member_codes if found is not None else frozenset({region.code})
    for address in addresses:
        if address.municipality_code in codes:
            return address
    other = addresses[0]
    raise ValidationError(
        _(
            "Postal code %(code)s is in %(prefecture)s%(city)s, not %(region)s. "
            "This program is for residents of %(region)s; enter the postal code of your "
            "address there."
        ),
        code="outside_region",
        params={
            "code": other.formatted_postal_code,
            "prefecture": other.prefecture,
            "city": other.city,
            "region": _region_name(region),
        },
    )


# --- persons -------------------------------------------------------------------------------


def person_find(*, region: Region, email: str, lock: bool = False) -> Person | None:
    """The region's person with this e-mail, whatever its case (None when there is none)."""
    persons = Person.objects.filter(region=region).alias(email_lower=Lower("email"))
    if lock:
        persons = persons.select_for_update()
    return persons.filter(email_lower=email.strip().lower()).first()


def person_upsert(
    *,
    region: Region,
    email: str,
    actor: Actor,
    family_name: str | None = None,
    given_name: str | None = None,
    family_name_kana: str | None = None,
    given_name_kana: str | None = None,
    birth_date: date | None = None,
    phone: str | None = None,
    address: postal.PostalAddress | None = None,
    address_line: str | None = None,
    work_status: str | None = None,
    overwrite: bool = False,
) -> Person:
    """The region's person with this e-mail (any case), created when there is none, with the
    fields given (not None).

    For a person already on record, the public forms (overwrite=False) only fill in what is
    not known yet: an e-mail address typed into a form does not prove who typed it, so a
    stranger using someone's address must not change their name or address. A change to
    what is known goes through overwrite=True (a signed-in correction or an operator).

    Takes values already checked (people.validation.person_clean). A postal code's address
    is written as a whole; when it moves and no street line comes with it, the old street
    line is cleared, since it belonged to the old address. Records person.create or
    person.update (the names of the fields changed, not their values: the audit log is read
    by more people than the person's record)."""
    email = email.strip().lower()
    given: dict[str, Any] = {
        name: value
        for name, value in (
            ("family_name", family_name),
            ("given_name", given_name),
            ("family_name_kana", family_name_kana),
            ("given_name_kana", given_name_kana),
            ("birth_date", birth_date),
            ("phone", phone),
            ("address_line", address_line),
            ("work_status", work_status),
        )
        if value is not None
    }
    if address is not None:
        given |= {
            "postal_code": address.postal_code,
            "prefecture": address.prefecture,
            "city": address.city,
            "town": address.town,
            "municipality_code": address.municipality_code,
        }
    with transaction.atomic():
        person = person_find(region=region, email=email, lock=True)
        if person is None:
            try:
                # A savepoint: a request creating the same person at the same moment wins,
                # and this one updates what it created.
                with transaction.atomic():
                    person = Person.objects.create(region=region, email=email, **given)
            except IntegrityError:
                person = person_find(region=region, email=email, lock=True)
                if person is None:
                    raise
            else:
                audit_record(
                    region=region,
                    actor=actor,
                    action="person.create",
                    obj=person,
                    changes={"fields": sorted(["email", *given])},
                )
                return person
        if not overwrite:
            given = {name: value for name, value in given.items() if not getattr(person, name)}
            if "postal_code" not in given:
                # The address is one whole: a known one is not mixed with a new one's parts.
                for part in ("prefecture", "city", "town", "municipality_code"):
                    given.pop(part, None)
        elif (
            address is not None
            and address_line is None
            and address.postal_code != (person.postal_code)
        ):
            given["address_line"] = ""
        changed = sorted(name for name, value in given.items() if getattr(person, name) != value)
        if changed:
            for name in changed:
                setattr(person, name, given[name])
            person.save(update_fields=[*changed, "updated_at"])
            audit_record(
                region=region,
                actor=actor,
                action="person.update",
                obj=person,
                changes={"fields": changed},
            )
    return person


def application_consent_check(granted: bool) -> None:
    """The purpose of use must be agreed to (the form checks it too, so its reason shows
    together with the person's fields')."""
    if not granted:
        raise ValidationError(
            _(
                "We can only process your application if you agree to the purpose of use. "
                "Read it and tick the box."
            ),
            code="consent_required",
        )


def application_clean(*, region: Region, data: ApplicationInput, today: date) -> CleanApplication:
    """Check every field and collect all problems at once; raises ValidationError."""
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[str, object] = {}

    person = person_clean(
        {
            "family_name": data.family_name,
            "given_name": data.given_name,
            "family_name_kana": data.family_name_kana,
            "given_name_kana": data.given_name_kana,
            "birth_date": data.birth_date,
            "email": data.email,
            "phone": data.phone,
            "postal_code": data.postal_code,
            "address_line": data.address_line,
        },
        today=today,
        postal_check=lambda text: eligible_address(region, text),
    )
    cleaned.update(person.fields)
    errors.update(person.errors)
    address = person.address

    admitted = region.admitted_work_statuses
    if data.work_status not in WorkStatus.values:
        errors.setdefault("work_status", []).append(
            ValidationError(_("Choose your work status from the list."), code="invalid_choice")
        )
    elif data.work_status not in admitted:
        labels = _join_labels(admitted)
        errors.setdefault("work_status", []).append(
            ValidationError(
                _(
                    "This program is for people whose work status is one of: %(admitted)s. "
                    "Your status (%(status)s) is not admitted; ask the program office about "
                    "other programs."
                ),
                code="work_status_not_admitted",
                params={"admitted": labels, "status": WorkStatus(data.work_status).label},
            )
        )
    cleaned["work_status"] = data.work_status

    if not 1 <= data.weekly_hours_available <= MAX_WEEKLY_HOURS:
        errors.setdefault("weekly_hours_available", []).append(
            ValidationError(
                _("Enter the hours you can work per week, from 1 to %(max)s."),
                code="range",
                params={"max": MAX_WEEKLY_HOURS},
            )
        )
    if not 0 <= data.baseline_monthly_income_jpy <= MAX_MONTHLY_INCOME_JPY:
        errors.setdefault("baseline_monthly_income_jpy", []).append(
            ValidationError(
                _("Enter your monthly income in yen as a whole number from 0 to 10,000,000."),
                code="range",
            )
        )
    try:
        application_consent_check(data.consent_program)
    except ValidationError as error:
        errors.setdefault("consent_program", []).append(error)
    if errors:
        raise ValidationError(errors)
    assert address is not None
    return CleanApplication(fields=cleaned, address=address)


def application_submit(
    *, region: Region, data: ApplicationInput, actor: Actor = None
) -> Application:
    """Store a resident's application with the person, their consents and an audit entry.

    Raises ValidationError (nothing stored) or Conflict when the email already has an active
    application in this region."""
    now = clock.now()
    clean = application_clean(region=region, data=data, today=timezone.localdate(now))
    fields, address = clean.fields, clean.address
    duplicate_message = _(
        "An application with this email address is already being handled in %(region)s. "
        "Contact the program office instead of applying again."
    )
    try:
        with transaction.atomic():
            if Application.objects.filter(
                email=fields["email"], status__in=ACTIVE_APPLICATION_STATUSES
            ).exists():
                raise Conflict(duplicate_message, region=_region_name(region))
            person = person_upsert(
                region=region,
                email=str(fields["email"]),
                actor=actor,
                family_name=str(fields["family_name"]),
                given_name=str(fields["given_name"]),
                family_name_kana=str(fields["family_name_kana"]),
                given_name_kana=str(fields["given_name_kana"]),
                birth_date=fields["birth_date"],  # type: ignore[arg-type]
                phone=str(fields["phone"]),
                address=address,
                address_line=str(fields["address_line"]),
                work_status=str(fields["work_status"]),
            )
            # A person who applies again (after a rejection) answers the consents again:
            # the latest answer to a wording version is the one that holds.
            for purpose, granted in (
                (ConsentPurpose.PROGRAM, True),
                (ConsentPurpose.SHARE_WITH_MUNICIPALITY, data.consent_share_with_municipality),
            ):
                Consent.objects.update_or_create(
                    region=region,
                    person=person,
                    purpose=purpose,
                    wording_version=CONSENT_WORDING_VERSION,
                    defaults={"granted": granted, "recorded_at": now, "withdrawn_at": None},
                )
            application = Application.objects.create(
                region=region,
                person=person,
                email=fields["email"],
                weekly_hours_available=data.weekly_hours_available,
                baseline_monthly_income_jpy=data.baseline_monthly_income_jpy,
                motivation=data.motivation.strip(),
                language=recipient_language(translation.get_language()),
            )
            application_tally_move(region=region, status=application.status, delta=1)
            audit_record(
                region=region,
                actor=actor,
                action="application.submit",
                obj=application,
                changes={"status": application.status},
            )
            notifications.notify_application_received(application=application)
    except IntegrityError:
        # Two submissions raced past the check; the partial unique index caught the second.
        raise Conflict(duplicate_message, region=_region_name(region)) from None
    return application


class Decision:
    ACCEPT = "accept"
    REJECT = "reject"
    WAITLIST = "waitlist"
    CHOICES = (ACCEPT, REJECT, WAITLIST)


_DECISION_STATUS = {
    Decision.ACCEPT: ApplicationStatus.ACCEPTED,
    Decision.REJECT: ApplicationStatus.REJECTED,
    Decision.WAITLIST: ApplicationStatus.WAITLISTED,
}
_DECIDABLE = {
    ApplicationStatus.SUBMITTED: {Decision.ACCEPT, Decision.REJECT, Decision.WAITLIST},
    ApplicationStatus.WAITLISTED: {Decision.ACCEPT, Decision.REJECT},
}


def application_decide(
    *, application_id: int, decision: str, reason: str, actor: User
) -> Application:
    """Accept (creating the Participant), reject (a reason is required) or waitlist.

    Locks the application row so two operators cannot decide at once."""
    reason = reason.strip()
    if decision not in Decision.CHOICES:
        raise ValidationError(
            {"decision": _("Choose a decision: accept, reject or waitlist.")}, code="invalid"
        )
    if decision == Decision.REJECT and not reason:
        raise ValidationError(
            {"reason": _("Give the reason for rejecting; the applicant will be told it.")},
            code="required",
        )
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        previous = ApplicationStatus(application.status)
        if decision not in _DECIDABLE.get(previous, set()):
            raise Conflict(
                _(
                    "This application is already %(status)s and cannot be changed to "
                    "%(decision)s. Reload the page to see its current state."
                ),
                status=previous.label,
                decision=_DECISION_STATUS[decision].label,
            )
        application.status = _DECISION_STATUS[decision]
        application.decided_at = clock.now()
        application.decided_by = actor
        application.decision_reason = reason
        application.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
        application_tally_move(region=application.region, status=previous, delta=-1)
        application_tally_move(region=application.region, status=application.status, delta=1)
        changes: dict[str, object] = {
            "from": previous.value,
            "to": application.status,
            "reason": reason,
        }
        if decision == Decision.ACCEPT:
            participant = Participant.objects.create(
                region=application.region, person=application.person, application=application
            )
            changes["participant_id"] = participant.pk
            changes["user_id"] = _participant_account(application=application, actor=actor).pk
        audit_record(
            region=application.region,
            actor=actor,
            action=f"application.{decision}",
            obj=application,
            changes=changes,
        )
        notifications.notify_application_decided(application=application)
        domain_event_publish(
            kind="application.decided",
            region=application.region,
            payload={
                "application_id": application.pk,
                "person_id": application.person_id,
                "decision": decision,
                "status": application.status,
            },
        )
    return application


def _participant_account(*, application: Application, actor: User) -> User:
    """The accepted applicant's way in: their account (the person's, else the one with their
    address, else a new one), linked to the person, the participant role in the region, and
    an invitation in the language they applied in. Inside application_decide's transaction."""
    person = application.person
    user = account_invite(
        region=application.region,
        user=person.user,
        email=person.email,
        role=Role.PARTICIPANT,
        actor=actor,
        language=recipient_language(application.language),
        first_name=person.given_name,
        last_name=person.family_name,
    )
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    return user


def application_tally_move(*, region: Region, status: str, delta: int) -> None:
    """Move the region's count of applications in `status` by `delta` (inside the caller's
    transaction). get_or_create survives two first-ever applications racing to create it."""
    tally, _created = ApplicationTally.objects.get_or_create(region=region, status=status)
    ApplicationTally.objects.filter(pk=tally.pk).update(count=F("count") + delta)


def application_tallies_rebuild(*, region: Region) -> dict[str, int]:
    """Recount the region's applications per status from the rows themselves (after a bulk
    import that bypassed the services, or to check the running tallies)."""
    with transaction.atomic():
        counts = dict.fromkeys(ApplicationStatus.values, 0)
        for status, n in (
            Application.objects.filter(region=region)
            .values_list("status")
            .annotate(n=Count("id"))
            .order_by()
        ):
            counts[status] = n
        for status, n in counts.items():
            ApplicationTally.objects.update_or_create(
                region=region, status=status, defaults={"count": n}
            )
    return counts


# --- one's own contact details ----------------------------------------------------------------

CONTACT_FIELDS = (
    "email",
    "phone",
    "postal_code",
    "prefecture",
    "city",
    "town",
    "address_line",
    "municipality_code",
)


def person_contact_update(
    *,
    person_id: int,
    email: str,
    phone: str,
    postal_code: str,
    address_line: str,
    actor: User,
) -> Person:
    """A person changes their own contact details and address: the address (prefecture,
    city, town and the municipality code) follows the postal code (Japan Post data); the phone
    and address are checked as on the application form; the address stays unique in the
    region. Audited with each changed field's before and after (`account.profile`)."""
    errors: dict[str, ValidationError] = {}
    clean: dict[str, str] = {}
    for field, check in (
        ("email", lambda: validation.clean_email(email)),
        ("phone", lambda: validation.clean_phone(phone) if phone.strip() else ""),
        ("address_line", lambda: validation.at_most(address_line.strip(), 120)),
    ):
        try:
            clean[field] = check()
        except ValidationError as error:
            errors[field] = error
    if postal_code.strip():
        try:
            address = validation.clean_postal_code(postal_code)
        except ValidationError as error:
            errors["postal_code"] = error
        else:
            clean |= {
                "postal_code": address.postal_code,
                "prefecture": address.prefecture,
                "city": address.city,
                "town": address.town,
                "municipality_code": address.municipality_code,
            }
    else:
        clean |= dict.fromkeys(
            ("postal_code", "prefecture", "city", "town", "municipality_code"), ""
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person_id, user=actor)
        if (
            clean["email"] != person.email
            and Person.objects.filter(region=person.region, email=clean["email"]).exists()
        ):
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "Another person of this program uses %(email)s. Use your own "
                            "address, or ask the program office to merge the records."
                        ),
                        params={"email": clean["email"]},
                    )
                }
            )
        changes = {
            field: [getattr(person, field), clean[field]]
            for field in CONTACT_FIELDS
            if getattr(person, field) != clean[field]
        }
        if changes:
            for field, (_before, after) in changes.items():
                setattr(person, field, after)
            person.save(update_fields=[*changes, "updated_at"])
            audit_record(
                region=person.region,
                actor=actor,
                action="account.profile",
                obj=person,
                changes=changes,
            )
    return person
