"""The erasing itself, driven by coverage.py: blank the fields about one person, and replace
the person's values wherever free text or JSON repeats them (audit details, pay run warnings,
messages, the admin's log)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from sousei.core import clock
from sousei.core.models import ApiToken, AuditEntry, Invitation, SignInLog
from sousei.core.outbox.models import OutboxMessage
from sousei.hiring.models import Candidacy
from sousei.inquiries.models import Inquiry, InquiryReply
from sousei.people.models import Person
from sousei.privacy.erasure.coverage import PERSONAL
from sousei.work.models.payroll import PayRun
from sousei.workplace.models import (
    ActionItem,
    AgendaItem,
    Announcement,
    Message,
    OneOnOneMeeting,
    Presence,
    PrivateNote,
)

# What replaces a person's value inside a longer text.
MARK = "[erased]"
# A name part shorter than this is replaced only as part of the full name: a one-character
# given name (翔) would otherwise be cut out of unrelated words.
MIN_NEEDLE = 2


def erased_email(person_id: int) -> str:
    """The address an erased person's required e-mail columns get: it says nothing."""
    return f"erased-{person_id}@erased.invalid"


def needles_of(person: Person, user: User | None) -> list[str]:
    """The person's values to search free text for, longest first."""
    values = {
        f"{person.family_name} {person.given_name}",
        f"{person.family_name}{person.given_name}",
        f"{person.family_name}　{person.given_name}",
        f"{person.family_name_kana} {person.given_name_kana}",
        f"{person.family_name_kana}{person.given_name_kana}",
        person.family_name,
        person.given_name,
        person.family_name_kana,
        person.given_name_kana,
        person.email,
        person.phone,
        person.address_line,
        person.address,
    }
    if user is not None:
        values |= {user.email, user.username, user.first_name, user.last_name}
        values.add(f"{user.last_name} {user.first_name}")
    return sorted(
        (v for v in values if len(v.strip()) >= MIN_NEEDLE and "@erased.invalid" not in v),
        key=len,
        reverse=True,
    )


def _variants(needle: str) -> set[str]:
    # SQLite stores JSON's non-ASCII as \uXXXX; PostgreSQL's jsonb as is.
    if connection.vendor == "postgresql":
        return {needle}
    return {needle, json.dumps(needle)[1:-1]}


def scrub_text(value: str, needles: Iterable[str]) -> str:
    for needle in needles:
        value = value.replace(needle, MARK)
    return value


def scrub_json(value: Any, needles: list[str]) -> Any:
    if isinstance(value, str):
        return scrub_text(value, needles)
    if isinstance(value, list):
        return [scrub_json(v, needles) for v in value]
    if isinstance(value, dict):
        return {scrub_text(k, needles): scrub_json(v, needles) for k, v in value.items()}
    return value


def _mentioning(
    queryset: models.QuerySet[Any], fields: list[str], needles: list[str]
) -> models.QuerySet[Any]:
    """The rows whose fields, read as text, contain a needle: one regular expression of all
    the needles per field, so each row is cast and scanned once (a LIKE per needle made the
    database cast every row once per needle)."""
    pattern = "|".join(re.escape(v) for needle in needles for v in sorted(_variants(needle)))
    condition = Q()
    annotations = {}
    for name in fields:
        column = f"_text_{name}"
        annotations[column] = Cast(name, TextField())
        condition |= Q(**{f"{column}__regex": pattern})
    return queryset.annotate(**annotations).filter(condition)


def scrub_mentions(queryset: models.QuerySet[Any], fields: list[str], needles: list[str]) -> int:
    """Replace the needles in `fields` of every row of `queryset` that contains one."""
    if not needles:
        return 0
    count = 0
    for row in _mentioning(queryset, fields, needles):
        for name in fields:
            value = getattr(row, name)
            if isinstance(value, str):
                setattr(row, name, scrub_text(value, needles))
            else:
                setattr(row, name, scrub_json(value, needles))
        row.save(update_fields=fields)
        count += 1
    return count


def _blank(field: models.Field[Any, Any]) -> Any:
    if isinstance(field, models.JSONField):
        default = field.get_default()
        return type(default)() if isinstance(default, (dict, list)) else None
    if field.null:
        return None
    return ""


def erase_fields(person: Person) -> dict[str, int]:
    """Blank every field coverage.PERSONAL marks for erasure, on every row about `person`
    in the current region scope. Returns rows touched per model."""
    touched: dict[str, int] = {}
    email = erased_email(person.pk)
    for label, personal in PERSONAL.items():
        if not personal.erase:
            continue
        model = apps.get_model(label)
        values = {}
        for name in personal.erase:
            field = model._meta.get_field(name)
            values[name] = email if isinstance(field, models.EmailField) else _blank(field)
        rows = model.objects.filter(
            **{personal.path or "pk": person if personal.path else person.pk}
        )
        touched[label] = rows.update(**values)
    return touched


def cv_files_delete(person: Person) -> int:
    """Delete the person's CV files from the media storage once the erasure commits."""
    names = [
        name
        for name in Candidacy.objects.filter(person=person).values_list("cv", flat=True)
        if name
    ]

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)
    return len(names)


def user_anonymise(user: User) -> None:
    """The account can no longer sign in and no longer says who it was."""
    user.username = f"erased-{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(
        update_fields=["username", "first_name", "last_name", "email", "is_active", "password"]
    )
    ApiToken.objects.filter(user=user).delete()


def messages_blank(*, user: User | None, emails: set[str], needles: list[str]) -> int:
    """Messages to the person lose their address, subject, body and attachment; messages to
    others that name the person get the name replaced."""
    to_them = Q(email__in=[e for e in emails if e])
    if user is not None:
        to_them |= Q(user=user)
    count = OutboxMessage.objects.filter(to_them).update(
        email="", by_email=False, subject=MARK, body="", attachment="", attachment_name=""
    )
    fields = ["subject", "body", "attachment_name"]
    return count + scrub_mentions(OutboxMessage.objects.all(), fields, needles)


def records_scrub(needles: list[str]) -> dict[str, int]:
    """Audit details, pay run warnings and the admin's log that repeat the person's values."""
    return {
        "audit": scrub_mentions(AuditEntry.objects.all(), ["changes"], needles),
        "payrun": scrub_mentions(PayRun.objects.all(), ["warnings"], needles),
        "adminlog": scrub_mentions(
            LogEntry.objects.all(), ["object_repr", "change_message"], needles
        ),
    }


def sign_in_records_delete(identifiers: set[str]) -> None:
    """django-axes keeps the usernames typed at sign-in."""
    names = [i for i in identifiers if i]
    if not names or not apps.is_installed("axes"):
        return
    for label in ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"):
        apps.get_model(label).objects.filter(username__in=names).delete()


def workplace_scrub(*, user: User | None, needles: list[str]) -> dict[str, int]:
    """The virtual office: the person's own messages, private notes and 1-on-1 topics are
    blanked, their presence row goes; what others wrote keeps its text with the person's
    name replaced (a colleague's message, an announcement, shared 1-on-1 notes)."""
    counts: dict[str, int] = {}
    if user is not None:
        now = clock.now()
        counts["chat_messages"] = Message.objects.filter(author=user).update(
            body="", deleted_at=now
        )
        counts["private_notes"] = PrivateNote.objects.filter(author=user).delete()[0]
        counts["agenda_items"] = AgendaItem.objects.filter(added_by=user).update(text=MARK)
        counts["action_items"] = ActionItem.objects.filter(owner=user).update(text=MARK)
        Presence.objects.filter(user=user).delete()
    counts["chat_mentions"] = scrub_mentions(Message.objects.all(), ["body"], needles)
    counts["announcements"] = scrub_mentions(Announcement.objects.all(), ["title", "body"], needles)
    counts["one_on_one_notes"] = scrub_mentions(
        OneOnOneMeeting.objects.all(), ["shared_notes"], needles
    )
    return counts


def inquiries_scrub(*, emails: set[str], needles: list[str]) -> int:
    """Inquiries the person sent lose who sent them and what they wrote, and the office's
    replies to them their text; other inquiries naming them get the name replaced."""
    theirs = Inquiry.objects.filter(email__in=[e for e in emails if e])
    InquiryReply.objects.filter(inquiry__in=theirs).update(body=MARK)
    count = theirs.update(name=MARK, email="", phone="", organisation="", message=MARK, notes="")
    return count + scrub_mentions(Inquiry.objects.all(), ["message", "notes"], needles)


def account_records_delete(*, user: User | None, emails: set[str]) -> None:
    """Invitations to the person's address or account, and the account's sign-in log."""
    to_them = Q(email__in=[e for e in emails if e])
    if user is not None:
        to_them |= Q(user=user)
        SignInLog.objects.filter(user=user).delete()
    Invitation.objects.filter(to_them).delete()
