"""Residence checks (定住確認): created when they fall due, asked through the outbox with a
one-click link, answered by the person or recorded by an operator. Every answer refreshes
the person's outcome record in the same transaction, so the figures follow at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.impact import notifications
from sousei.impact.indicators import add_months
from sousei.impact.models import CheckAnswerVia, OutcomeRecord, ResidenceCheck, Track
from sousei.impact.services.records import outcome_record_refresh

MILESTONES = (6, 12)
# A check that fell due longer ago than this is created but not sent: it is left for an
# operator to record (a person is not asked about a half-year-old milestone out of the blue).
ASK_WITHIN_DAYS = 60
MAX_INCOME_JPY = 100_000_000


def residence_checks_create(*, region: Region, today: dt.date | None = None) -> int:
    """Create the 6- and 12-month checks that have fallen due (idempotent). Returns how many
    were created. Anchored on the first outcome (a hire: the start date)."""
    today = today or clock.today()
    created = 0
    existing = set(ResidenceCheck.objects.values_list("track", "source_id", "months"))
    anchored = OutcomeRecord.objects.filter(outcome_on__isnull=False).values_list(
        "track", "source_id", "person_id", "outcome_on", "outcome_kind"
    )
    new = []
    for track, source_id, person_id, outcome_on, kind in anchored:
        for months in MILESTONES:
            due = add_months(outcome_on, months)
            if due > today or (track, source_id, months) in existing:
                continue
            new.append(
                ResidenceCheck(
                    region=region,
                    person_id=person_id,
                    track=track,
                    source_id=source_id,
                    months=months,
                    due_on=due,
                    asks_income=kind == "independent",
                )
            )
    with transaction.atomic():
        created = len(ResidenceCheck.objects.bulk_create(new, ignore_conflicts=True))
    return created


def residence_checks_ask(*, region: Region, today: dt.date | None = None) -> int:
    """Send every due, unasked and unanswered check (due within ASK_WITHIN_DAYS) its message
    with the one-click link; mark it asked. Returns how many were asked."""
    today = today or clock.today()
    asked = 0
    due = (
        ResidenceCheck.objects.filter(
            asked_at__isnull=True,
            answered_at__isnull=True,
            due_on__lte=today,
            due_on__gte=today - dt.timedelta(days=ASK_WITHIN_DAYS),
        )
        .select_related("person__user", "region")
        .order_by("due_on", "id")
    )
    for check in due:
        with transaction.atomic():
            locked = ResidenceCheck.objects.select_for_update().get(pk=check.pk)
            if locked.asked_at is not None or locked.answered_at is not None:
                continue
            notifications.residence_check_ask(check=check)
            locked.asked_at = clock.now()
            locked.save(update_fields=["asked_at"])
            outcome_record_refresh(region=region, person_id=check.person_id)
            asked += 1
    return asked


@dataclass(frozen=True, kw_only=True)
class CheckAnswer:
    """Whether the person still lives in the region; where, if they moved (a JIS X 0402
    code, optional); and for an independent, their monthly income (optional)."""

    lives_in_region: bool
    municipality_code: str = ""
    monthly_income_jpy: int | None = None


def _check_answer(answer: CheckAnswer) -> CheckAnswer:
    problems: dict[str, list[ValidationError]] = {}
    code = answer.municipality_code.strip()
    if code and not (len(code) == 5 and code.isdigit()):
        problems["municipality_code"] = [
            ValidationError(
                _("A municipality code has 5 digits (JIS X 0402), such as 40223 for Koga City."),
                code="municipality_code_format",
            )
        ]
    income = answer.monthly_income_jpy
    if income is not None and not 0 <= income <= MAX_INCOME_JPY:
        problems["monthly_income_jpy"] = [
            ValidationError(
                _("Give the monthly income in yen, from 0 to 100,000,000."),
                code="income_range",
            )
        ]
    if problems:
        raise ValidationError(problems)
    return CheckAnswer(
        lives_in_region=answer.lives_in_region,
        municipality_code="" if answer.lives_in_region else code,
        monthly_income_jpy=income,
    )


def _answer(
    *,
    check_id: int,
    answer: CheckAnswer,
    via: str,
    actor: User | AnonymousUser | None,
    allow_change: bool,
) -> ResidenceCheck:
    with transaction.atomic():
        check = (
            ResidenceCheck.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=check_id)
        )
        if check.answered_at is not None and not allow_change:
            raise Conflict(
                _(
                    "This check was already answered. If something changed, tell the program's "
                    "office."
                )
            )
        answer = _check_answer(answer)
        before = {
            "lives_in_region": check.lives_in_region,
            "monthly_income_jpy": check.monthly_income_jpy,
        }
        check.lives_in_region = answer.lives_in_region
        check.municipality_code = answer.municipality_code
        check.monthly_income_jpy = answer.monthly_income_jpy
        check.answered_at = clock.now()
        check.answered_via = via
        check.answered_by = actor if isinstance(actor, User) else None
        check.save()
        audit_record(
            region=check.region,
            actor=actor,
            action="residence_check.answer",
            obj=check,
            changes={
                "via": via,
                "months": check.months,
                "lives_in_region": [before["lives_in_region"], check.lives_in_region],
                "monthly_income_jpy": [before["monthly_income_jpy"], check.monthly_income_jpy],
            },
        )
        outcome_record_refresh(region=check.region, person_id=check.person_id)
    return check


def residence_check_answer(
    *, check_id: int, answer: CheckAnswer, actor: User | AnonymousUser | None
) -> ResidenceCheck:
    """The person's own answer, from the one-click page (the signed link is their key). One
    answer per check: a second is a Conflict."""
    return _answer(
        check_id=check_id, answer=answer, via=CheckAnswerVia.LINK, actor=actor, allow_change=False
    )


def residence_check_record(*, check_id: int, answer: CheckAnswer, actor: User) -> ResidenceCheck:
    """An operator records the answer (by phone, at the office) or corrects one; audited
    with the old and the new values."""
    return _answer(
        check_id=check_id,
        answer=answer,
        via=CheckAnswerVia.OPERATOR,
        actor=actor,
        allow_change=True,
    )


def residence_check_open(
    *, region: Region, track: str, source_id: int, months: int, actor: User
) -> ResidenceCheck:
    """An operator opens a check before the job has (to record an answer given early)."""
    if months not in MILESTONES or track not in Track.values:
        raise ValidationError(_("A residence check is at 6 or 12 months."))
    with transaction.atomic():
        record = OutcomeRecord.objects.filter(track=track, source_id=source_id).first()
        if record is None or record.outcome_on is None:
            raise Conflict(_("This person has no outcome yet; a residence check follows one."))
        check, created = ResidenceCheck.objects.get_or_create(
            region=region,
            track=track,
            source_id=source_id,
            months=months,
            defaults={
                "person_id": record.person_id,
                "due_on": add_months(record.outcome_on, months),
                "asks_income": record.outcome_kind == "independent",
            },
        )
        if created:
            audit_record(
                region=region,
                actor=actor,
                action="residence_check.open",
                obj=check,
                changes={"months": months},
            )
    return check
