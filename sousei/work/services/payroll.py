"""Monthly pay runs (給与計算): compute every assignment's statement with the pay engine
(`sousei.work.pay`), store it, and lock what was paid once the run is completed.

What a run pays, and the decisions behind it:

- **Approved records only.** A month's run pays the approved, not yet paid time records of
  the month. Records still in draft, submitted or returned are left out and listed in the
  run's warnings (person, project, week, how many); once approved they are paid by a later
  run (see corrections).
- **Draft, then completed.** `pay_run_create` computes a draft: statements and lines are
  stored and the records are marked as paid by the run, nothing is locked. Running the month
  again replaces the draft (same run, recomputed: approvals since then are included).
  `pay_run_complete` makes it final: the paid records are locked. Running a completed month
  again returns the completed run unchanged: a month is never paid twice.
- **Corrections and late approvals** (records of an earlier, completed month, up to three
  years back, that are approved and unpaid: adjusting records from `time_record_correct`,
  or weeks approved after their month's run) are paid by the next run as adjustment lines:
  the earlier month is recomputed with the records as they stand now (corrections replace
  the records they correct) and each line's difference from what was paid for it is a line
  with `adjusts_month`. A month without a completed run is not adjusted (a warning says so).
- **Inputs per day**: the assignment's rate in force on each work day, the prefecture's
  minimum wage on each calendar day, the region's pay week start and statutory day off; the
  approved days of a week that began in the previous month count toward its 40 hours.
- **Minimum wage** (最低賃金法 第4条): a day paid below it stops the run with an error that
  names the person, the day, the rate and the minimum; nothing is stored.
- **36 agreement**: a person whose overtime in the month passes 45 hours (all their
  assignments together) gets a warning; the hours are paid all the same.

- **A person's hours count together** (労働基準法 第32条; 第38条第1項 even across
  workplaces): the operator employs the person on all their assignments, so the 8 hours of a
  day, the 40 of a week and the 60 of a month add up every assignment's minutes, classified
  in time order; the minutes past the 8th hour are overtime on the assignment they were
  worked on, at its rate. Each assignment still gets its own statement.

Speed: the run reads in chunks of assignments (records and breaks are two queries per chunk,
ordered, with local wall-clock times converted by PostgreSQL), computes in memory (the engine
without its minute-level explanation) and writes statements and lines with bulk_create; the
records it pays are marked by one set-based UPDATE. That UPDATE matches exactly the records
read because approvals and corrections take the same region lock as the run.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, DateTimeField, F, Func, Min, Q, Value
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict, bilingual
from sousei.core.japanese_calendar import month_start, next_month
from sousei.core.models import MinimumWage, Region
from sousei.core.text import date_text, month_text
from sousei.people.models import Participant
from sousei.projects.models import Assignment, AssignmentRate
from sousei.work import notifications, pay
from sousei.work.models.payroll import PayLine, PayRun, PayRunStatus, PayStatement
from sousei.work.models.timesheets import RecordStatus, TimeBreak, TimeRecord

CHUNK = 1000  # assignments per read
# Corrections reach back as far as a wage claim does (労働基準法 第115条: 5 years, 3 for now
# under 附則 第143条第3項); older unpaid records are not looked at.
CORRECTIONS_YEARS = 3
WRITE_BATCH = 5000
APPROVED = RecordStatus.APPROVED


def month_given(value: dt.date | str) -> dt.date:
    """The first day of the month a caller named (a date or "YYYY-MM"), or a ValidationError
    on the month field that says how to write it."""
    try:
        return month_start(value)
    except ValueError:
        raise ValidationError(
            {"month": ValidationError(_("Give the month as YYYY-MM, e.g. 2026-12."), "month")}
        ) from None


@dataclass
class _Warnings:
    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, kind: str, message: Any, params: dict[str, Any], **ids: Any) -> None:
        both = bilingual(message, params)
        self.items.append({"kind": kind, **ids, "ja": both["ja"], "en": both["en"]})


@dataclass
class _Computed:
    statement: PayStatement
    lines: list[PayLine]
    record_ids: list[int]


def _schedule_of_rates(assignment_ids: Sequence[int]) -> dict[int, list[tuple[dt.date, int]]]:
    rates: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for assignment_id, day, rate in (
        AssignmentRate.objects.filter(assignment_id__in=assignment_ids)
        .order_by("assignment_id", "effective_from")
        .values_list("assignment_id", "effective_from", "hourly_rate_jpy")
    ):
        rates[assignment_id].append((day, rate))
    return rates


def _minimum_wages(region: Region) -> list[tuple[dt.date, int]]:
    return list(
        MinimumWage.objects.filter(prefecture=region.prefecture)
        .order_by("effective_from")
        .values_list("effective_from", "amount_jpy")
    )


def _work_days(
    records: Iterable[tuple[int, int, int, dt.date, dt.datetime, dt.datetime]],
    breaks: dict[int, list[tuple[dt.datetime, dt.datetime]]],
) -> dict[int, dict[int, list[tuple[int, pay.WorkDay]]]]:
    """participant → assignment → (record id, WorkDay), in the order read."""
    days: dict[int, dict[int, list[tuple[int, pay.WorkDay]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for record_id, participant_id, assignment_id, day, start, end in records:
        days[participant_id][assignment_id].append(
            (record_id, pay.WorkDay(day, start, end, tuple(breaks.get(record_id, ()))))
        )
    return days


def _names(assignment_ids: Iterable[int]) -> dict[int, tuple[str, str, int]]:
    """assignment id → (person's name, project title, participant id)."""
    return {
        a.pk: (a.participant.person.full_name, a.project.title, a.participant_id)
        for a in Assignment.objects.filter(pk__in=list(assignment_ids)).select_related(
            "participant__person", "project"
        )
    }


class _Violations:
    def __init__(self) -> None:
        self.found: list[tuple[int, pay.MinimumWageViolation]] = []
        self.problems: list[tuple[int, str]] = []

    def raise_if_any(self) -> None:
        if not self.found and not self.problems:
            return
        names = _names({a for a, _v in self.found} | {a for a, _p in self.problems})
        errors = [
            ValidationError(
                _(
                    "%(person)s (%(project)s) on %(day)s: the hourly rate ¥%(rate)s is below "
                    "the minimum wage ¥%(minimum)s in force that day (Minimum Wage Act art. 4). "
                    "Raise the assignment's rate from that day, then run the month again."
                ),
                code="below_minimum_wage",
                params={
                    "person": names[a][0],
                    "project": names[a][1],
                    "day": date_text(v.date),
                    "rate": f"{v.rate_jpy:,}",
                    "minimum": f"{v.minimum_jpy:,}",
                },
            )
            for a, v in self.found[:20]
        ]
        errors += [
            ValidationError(
                _("%(person)s (%(project)s): %(problem)s. Fix it, then run the month again."),
                code="cannot_pay",
                params={"person": names[a][0], "project": names[a][1], "problem": problem},
            )
            for a, problem in self.problems[:20]
        ]
        raise ValidationError({"month": errors})


def _compute_person(
    *,
    run: PayRun,
    participant_id: int,
    days: dict[int, list[tuple[int, pay.WorkDay]]],
    rates: dict[int, list[tuple[dt.date, int]]],
    wages: list[tuple[dt.date, int]],
    violations: _Violations,
) -> list[_Computed]:
    """One person's month over all their assignments (their hours count together for the
    8 h / 40 h / 60 h), one statement per assignment that has paid days. `days` holds each
    assignment's (record id, WorkDay), the straddling week's earlier days included."""
    region = run.region
    first = run.month
    week = first - dt.timedelta(days=(first.weekday() - region.pay_week_start) % 7)
    try:
        results = pay.pay_compute_person(
            days=[(a, d) for a, pairs in days.items() for _i, d in pairs if d.date >= first],
            prior_days=[
                (a, d) for a, pairs in days.items() for _i, d in pairs if week <= d.date < first
            ],
            rates={a: rates.get(a, []) for a in days},
            minimum_wage=wages,
            month=first,
            week_start=region.pay_week_start,
            weekly_day_off=region.statutory_day_off,
            explain=False,
        )
    except pay.BelowMinimumWageError as error:
        violations.found += [(v.source, v) for v in error.violations]
        return []
    except pay.PayInputError as error:
        violations.problems.append((min(days), str(error)))
        return []
    computed: list[_Computed] = []
    for assignment_id, pairs in sorted(days.items()):
        paid_here = [(i, d) for i, d in pairs if d.date >= first]
        if not paid_here:
            continue  # only the straddling week's earlier days: paid last month
        result = results[assignment_id]
        statement = PayStatement(
            region=region,
            pay_run=run,
            assignment_id=assignment_id,
            participant_id=participant_id,
            month=first,
            gross_jpy=result.gross_jpy,
            worked_minutes=result.worked_minutes,
            overtime_minutes=result.overtime_minutes,
            late_night_minutes=result.late_night_minutes,
            holiday_minutes=result.holiday_minutes,
            days_worked=len({d.date for _i, d in paid_here}),
        )
        lines = [
            PayLine(
                region=region,
                statement=statement,
                kind=line.kind,
                minutes=line.minutes,
                rate_jpy=line.rate_jpy,
                multiplier=line.multiplier,
                amount_jpy=line.amount_jpy,
                order=order,
            )
            for order, line in enumerate(result.lines)
        ]
        computed.append(_Computed(statement, lines, [record_id for record_id, _d in paid_here]))
    return computed


def _write(run: PayRun, computed: list[_Computed]) -> None:
    statements = [c.statement for c in computed]
    PayStatement.objects.bulk_create(statements, batch_size=WRITE_BATCH)
    lines: list[PayLine] = []
    for c in computed:
        for line in c.lines:
            line.statement = c.statement  # now with its id
            lines.append(line)
    PayLine.objects.bulk_create(lines, batch_size=WRITE_BATCH)


def _local_times(zone: str) -> tuple[Any, Any]:
    """Start and end as local wall-clock times, converted by PostgreSQL (AT TIME ZONE) so
    millions of rows need no conversion in Python; other databases convert in Python."""
    if connection.vendor != "postgresql":
        return F("start"), F("end")
    start, end = (
        Func(
            F(name),
            Value(zone),
            arg_joiner=" AT TIME ZONE ",
            template="(%(expressions)s)",
            output_field=DateTimeField(),
        )
        for name in ("start", "end")
    )
    return start, end


def _regular(
    run: PayRun, wages: list[tuple[dt.date, int]], violations: _Violations
) -> dict[int, _Computed]:
    """The month's approved, unpaid records, one statement per assignment, computed person by
    person (a person's assignments share the 8 h / 40 h), chunk by chunk: two queries per
    chunk (breaks, records in order), then one UPDATE marks them all paid. The region lock
    held by the caller keeps approvals out meanwhile, so the UPDATE's filter finds exactly
    the records that were read."""
    first, after = run.month, next_month(run.month)
    week_before = first - dt.timedelta(days=6)
    zone = run.region.timezone or "Asia/Tokyo"
    unpaid = Q(paid_in__isnull=True) | Q(paid_in=run)  # a recomputed draft's own records too
    payable = TimeRecord.objects.filter(
        unpaid, date__gte=first, date__lt=after, status=APPROVED, superseded=False
    )
    people = sorted(set(payable.values_list("participant_id", flat=True).distinct()))
    start_local, end_local = _local_times(zone)
    # The same days as moments, a day wider on each side whatever the zone (a record starts
    # on its work date): the (region, participant, start) index then reads the weeks paid,
    # not each person's whole history, however the planner guesses the chunk's rows.
    since = dt.datetime.combine(week_before - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    until = dt.datetime.combine(after + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    computed: dict[int, _Computed] = {}
    for start in range(0, len(people), CHUNK):
        chunk = people[start : start + CHUNK]
        wanted = Q(
            participant_id__in=chunk,
            status=APPROVED,
            superseded=False,
            start__gte=since,
            start__lt=until,
        ) & (
            (Q(date__gte=first, date__lt=after) & unpaid)
            | Q(date__gte=week_before, date__lt=first)  # the straddling week's earlier days
        )
        breaks: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
        for record_id, b0, b1 in (
            TimeBreak.objects.filter(record__in=TimeRecord.objects.filter(wanted).values("pk"))
            .annotate(local_start=start_local, local_end=end_local)
            .values_list("record_id", "local_start", "local_end")
        ):
            breaks[record_id].append((b0, b1))
        records = (
            TimeRecord.objects.filter(wanted)
            .annotate(local_start=start_local, local_end=end_local)
            .order_by("participant_id", "assignment_id", "start")
            .values_list(
                "id", "participant_id", "assignment_id", "date", "local_start", "local_end"
            )
        )
        by_person = _work_days(records.iterator(chunk_size=20_000), breaks)
        rates = _schedule_of_rates([a for days in by_person.values() for a in days])
        batch: list[_Computed] = []
        for participant_id in chunk:
            for result in _compute_person(
                run=run,
                participant_id=participant_id,
                days=by_person.get(participant_id, {}),
                rates=rates,
                wages=wages,
                violations=violations,
            ):
                batch.append(result)
                computed[result.statement.assignment_id] = result
        if not violations.found and not violations.problems:
            _write(run, batch)
    if not violations.found and not violations.problems:
        payable.filter(paid_in__isnull=True).update(paid_in=run)
    return computed


def _paid_so_far(assignment_id: int, month: dt.date) -> dict[tuple[str, int], tuple[int, int]]:
    """(kind, rate) → (minutes, yen) paid for `month` by completed runs, adjustments included."""
    paid: dict[tuple[str, int], tuple[int, int]] = defaultdict(lambda: (0, 0))
    for kind, rate, minutes, amount in PayLine.objects.filter(
        Q(statement__month=month, adjusts_month__isnull=True) | Q(adjusts_month=month),
        statement__assignment_id=assignment_id,
        statement__pay_run__status=PayRunStatus.COMPLETED,
    ).values_list("kind", "rate_jpy", "minutes", "amount_jpy"):
        before = paid[(kind, rate)]
        paid[(kind, rate)] = (before[0] + minutes, before[1] + amount)
    return paid


def _adjustments(
    run: PayRun,
    wages: list[tuple[dt.date, int]],
    computed: dict[int, _Computed],
    violations: _Violations,
    warnings: _Warnings,
) -> int:
    """Pay the approved, unpaid records of earlier, completed months as difference lines.

    The person's whole month is recomputed (all their assignments: a corrected day on one
    can move another's minutes past the 8th hour), and every assignment of theirs whose
    lines change gets the difference."""
    late = (
        TimeRecord.objects.filter(
            Q(paid_in__isnull=True) | Q(paid_in=run),
            date__gte=run.month.replace(year=run.month.year - CORRECTIONS_YEARS),
            date__lt=run.month,
            status=APPROVED,
            superseded=False,
        )
        .order_by()
        .values_list("assignment_id", "participant_id", "date")
    )
    months: dict[int, dict[dt.date, set[int]]] = defaultdict(lambda: defaultdict(set))
    for assignment_id, participant_id, day in late:
        months[participant_id][day.replace(day=1)].add(assignment_id)
    if not months:
        return 0
    completed = set(
        PayRun.objects.filter(status=PayRunStatus.COMPLETED).values_list("month", flat=True)
    )
    names = _names({a for by_month in months.values() for ids in by_month.values() for a in ids})
    region = run.region
    fresh: list[_Computed] = []
    touched: dict[int, _Computed] = {}
    late_ids: list[int] = []
    for participant_id, by_month in sorted(months.items()):
        for month, late_assignments in sorted(by_month.items()):
            if month not in completed:
                for assignment_id in sorted(late_assignments):
                    warnings.add(
                        "month_not_run",
                        _(
                            "%(person)s (%(project)s): approved days of %(month)s are not paid "
                            "because %(month)s has no completed pay run. Run and complete "
                            "%(month)s first."
                        ),
                        {
                            "person": names[assignment_id][0],
                            "project": names[assignment_id][1],
                            "month": month_text(month),
                        },
                        assignment_id=assignment_id,
                        participant_id=participant_id,
                    )
                continue
            now = _recompute_month(participant_id, month, region, wages, violations)
            if now is None:
                continue
            paid_before = set(
                PayStatement.objects.filter(
                    participant_id=participant_id,
                    pay_run__status=PayRunStatus.COMPLETED,
                )
                .filter(Q(month=month) | Q(lines__adjusts_month=month))
                .values_list("assignment_id", flat=True)
            )
            for assignment_id in sorted(set(now) | paid_before):
                should: dict[tuple[str, int], tuple[int, int]] = {
                    (line.kind, line.rate_jpy): (line.minutes, line.amount_jpy)
                    for line in (now[assignment_id].lines if assignment_id in now else ())
                }
                paid = _paid_so_far(assignment_id, month)
                target = computed.get(assignment_id)
                lines = _difference_lines(should, paid, month)
                if not lines:
                    continue
                if target is None:
                    target = _Computed(
                        PayStatement(
                            region=region,
                            pay_run=run,
                            assignment_id=assignment_id,
                            participant_id=participant_id,
                            month=run.month,
                            gross_jpy=0,
                            worked_minutes=0,
                            overtime_minutes=0,
                        ),
                        [],
                        [],
                    )
                    computed[assignment_id] = target
                    fresh.append(target)
                for line in lines:
                    line.region = region
                    line.statement = target.statement
                    line.order = len(target.lines)
                    target.lines.append(line)
                    target.statement.adjustment_jpy += line.amount_jpy
                    target.statement.gross_jpy += line.amount_jpy
                touched[assignment_id] = target
            late_ids.extend(
                TimeRecord.objects.filter(
                    Q(paid_in__isnull=True) | Q(paid_in=run),
                    participant_id=participant_id,
                    status=APPROVED,
                    superseded=False,
                    date__gte=month,
                    date__lt=next_month(month),
                ).values_list("pk", flat=True)
            )
    violations.raise_if_any()
    _write(run, fresh)  # new statements holding only adjustment lines
    fresh_ids = {id(c) for c in fresh}
    grown = [c for c in touched.values() if id(c) not in fresh_ids]
    PayLine.objects.bulk_create(
        [line for c in grown for line in c.lines if line.adjusts_month is not None],
        batch_size=WRITE_BATCH,
    )
    for c in grown:
        c.statement.save(update_fields=["gross_jpy", "adjustment_jpy"])
    for start in range(0, len(late_ids), 50_000):
        TimeRecord.objects.filter(pk__in=late_ids[start : start + 50_000]).update(paid_in=run)
    return len(late_ids)


def _recompute_month(
    participant_id: int,
    month: dt.date,
    region: Region,
    wages: list[tuple[dt.date, int]],
    violations: _Violations,
) -> dict[int, pay.PayStatement] | None:
    """A person's earlier month as it should have been paid, with the records as they stand
    now (corrections replace what they correct): one statement per assignment."""
    week = month - dt.timedelta(days=(month.weekday() - region.pay_week_start) % 7)
    current = list(
        TimeRecord.objects.filter(
            participant_id=participant_id,
            status=APPROVED,
            superseded=False,
            date__gte=week,
            date__lt=next_month(month),
        )
        .order_by("start")
        .prefetch_related("breaks")
    )
    days = [
        (
            r.assignment_id,
            pay.WorkDay(r.date, r.start, r.end, tuple((b.start, b.end) for b in r.breaks.all())),
        )
        for r in current
    ]
    rates = _schedule_of_rates(sorted({a for a, _d in days}))
    try:
        return pay.pay_compute_person(
            days=[(a, d) for a, d in days if d.date >= month],
            prior_days=[(a, d) for a, d in days if d.date < month],
            rates={a: rates.get(a, []) for a, _d in days},
            minimum_wage=wages,
            month=month,
            week_start=region.pay_week_start,
            weekly_day_off=region.statutory_day_off,
        )
    except pay.BelowMinimumWageError as error:
        violations.found += [(v.source, v) for v in error.violations]
    except pay.PayInputError as error:
        violations.problems.append((min(a for a, _d in days), str(error)))
    return None


def _difference_lines(
    should: dict[tuple[str, int], tuple[int, int]],
    paid: dict[tuple[str, int], tuple[int, int]],
    month: dt.date,
) -> list[PayLine]:
    """What is owed (or overpaid) per (kind, rate) for `month`, as unsaved adjustment lines."""
    lines: list[PayLine] = []
    for kind in pay.KIND_ORDER:
        for key in sorted(k for k in set(should) | set(paid) if k[0] == kind):
            minutes = should.get(key, (0, 0))[0] - paid.get(key, (0, 0))[0]
            amount = should.get(key, (0, 0))[1] - paid.get(key, (0, 0))[1]
            if minutes or amount:
                lines.append(
                    PayLine(
                        kind=kind,
                        minutes=minutes,
                        rate_jpy=key[1],
                        multiplier=pay.MULTIPLIERS[kind],
                        amount_jpy=amount,
                        order=0,
                        adjusts_month=month,
                    )
                )
    return lines


def _left_out(run: PayRun, warnings: _Warnings) -> int:
    """Warn about the month's records that are not approved (left out of the run)."""
    rows = (
        TimeRecord.objects.filter(
            date__gte=run.month, date__lt=next_month(run.month), superseded=False
        )
        .exclude(status=APPROVED)
        .values(
            "assignment_id",
            "participant_id",
            "week_start",
            "status",
            "participant__person__family_name",
            "participant__person__given_name",
            "assignment__project__title",
        )
        .annotate(records=Count("id"), first=Min("date"))
        .order_by("participant__person__family_name", "assignment_id", "week_start")
    )
    total = 0
    for row in rows:
        total += row["records"]
        warnings.add(
            "not_approved",
            _(
                "%(person)s (%(project)s), week from %(week)s: %(count)s records are "
                "%(status)s, not approved, and are left out. They are paid by a later run "
                "once the week is approved."
            ),
            {
                "person": f"{row['participant__person__family_name']} "
                f"{row['participant__person__given_name']}",
                "project": row["assignment__project__title"],
                "week": row["week_start"].isoformat(),
                "count": row["records"],
                "status": RecordStatus(row["status"]).label,
            },
            assignment_id=row["assignment_id"],
            participant_id=row["participant_id"],
        )
    return total


def _overtime_warnings(run: PayRun, computed: dict[int, _Computed], warnings: _Warnings) -> None:
    per_person: dict[int, int] = defaultdict(int)
    for c in computed.values():
        per_person[c.statement.participant_id] += c.statement.overtime_minutes
    over = {p: m for p, m in per_person.items() if m > pay.MONTHLY_OT_WARNING_AFTER}
    if not over:
        return
    people = {
        p.pk: p.person.full_name
        for p in Participant.objects.filter(pk__in=list(over)).select_related("person")
    }
    for participant_id, minutes in sorted(over.items()):
        warnings.add(
            "overtime_45h",
            _(
                "%(person)s worked %(hours)s hours of overtime in %(month)s, more than the "
                "45 hours a month of the 36 agreement (Labor Standards Act art. 36). Check the "
                "workload; the hours are paid."
            ),
            {
                "person": people.get(participant_id, str(participant_id)),
                "hours": f"{minutes // 60}:{minutes % 60:02d}",
                "month": month_text(run.month),
            },
            participant_id=participant_id,
        )


def pay_run_create(*, region: Region, month: dt.date | str, actor: User) -> PayRun:
    """Compute (or recompute) the month's draft pay run; a completed month is returned as it
    is. Raises ValidationError naming every day below the minimum wage (nothing stored)."""
    first = month_given(month)
    today = clock.today()
    if first > today.replace(day=1):
        raise ValidationError(
            {
                "month": ValidationError(
                    _("%(month)s has not started yet. Run pay for this month or an earlier one."),
                    code="future_month",
                    params={"month": month_text(first)},
                )
            }
        )
    started = time.perf_counter()
    with transaction.atomic():
        # One run of a region at a time: the region row is the lock.
        Region.objects.select_for_update().filter(pk=region.pk).first()
        run = PayRun.objects.filter(month=first).first()
        if run is not None and run.completed:
            return run
        if run is None:
            run = PayRun.objects.create(region=region, month=first, created_by=actor)
            action = "pay_run.create"
        else:
            # The draft's records stay marked and are paid again; only those replaced by a
            # correction since then lose the mark (the correction is paid instead).
            TimeRecord.objects.filter(paid_in=run, superseded=True).update(paid_in=None)
            PayLine.objects.filter(statement__pay_run=run).delete()
            PayStatement.objects.filter(pay_run=run).delete()
            action = "pay_run.recompute"
        run.region = region
        wages = _minimum_wages(region)
        violations = _Violations()
        warnings = _Warnings()
        computed = _regular(run, wages, violations)
        violations.raise_if_any()
        late = _adjustments(run, wages, computed, violations, warnings)
        left_out = _left_out(run, warnings)
        _overtime_warnings(run, computed, warnings)
        run.warnings = warnings.items
        run.statement_count = len(computed)
        run.gross_total_jpy = sum(c.statement.gross_jpy for c in computed.values())
        run.records_paid = sum(len(c.record_ids) for c in computed.values()) + late
        run.records_left_out = left_out
        run.computed_at = clock.now()
        run.compute_ms = int((time.perf_counter() - started) * 1000)
        run.created_by = actor
        run.save()
        audit_record(
            region=region,
            actor=actor,
            action=action,
            obj=run,
            changes={
                "month": f"{first:%Y-%m}",
                "statements": run.statement_count,
                "gross_total_jpy": run.gross_total_jpy,
                "records_paid": run.records_paid,
                "records_left_out": left_out,
                "warnings": len(run.warnings),
            },
        )
    return run


def pay_run_complete(*, run: PayRun, actor: User) -> PayRun:
    """Make a draft run final: lock the records it pays. Completing it again changes nothing."""
    with transaction.atomic():
        run = PayRun.objects.select_for_update().get(pk=run.pk)
        if run.completed:
            return run
        if run.computed_at is None:
            raise Conflict(_("The pay run has not been computed yet. Run the month first."))
        locked = TimeRecord.objects.filter(paid_in=run).update(locked=True)
        run.status = PayRunStatus.COMPLETED
        run.completed_at = clock.now()
        run.completed_by = actor
        run.save(update_fields=["status", "completed_at", "completed_by"])
        audit_record(
            region=run.region,
            actor=actor,
            action="pay_run.complete",
            obj=run,
            changes={
                "month": f"{run.month:%Y-%m}",
                "records_locked": locked,
                "gross_total_jpy": run.gross_total_jpy,
            },
        )
        domain_event_publish(
            kind="payrun.completed",
            region=run.region,
            payload={
                "payrun_id": run.pk,
                "month": f"{run.month:%Y-%m}",
                "statements": run.statement_count,
                "records_locked": locked,
                "status": run.status,
            },
        )
        # Only people with an account have an inbox to be told in.
        statements = PayStatement.objects.filter(
            pay_run=run, participant__person__user__isnull=False
        ).select_related("region", "assignment__project", "participant__person__user")
        for statement in statements.order_by("pk"):
            notifications.notify_pay_statement_ready(statement=statement)
    return run


def multiplier_text(value: Decimal) -> str:
    return f"{value:.2f}"
