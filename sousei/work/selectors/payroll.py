"""Reads of pay runs and pay statements. Call inside the region scope. Participants see only
statements of completed runs."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sousei.work.models.payroll import PayLine, PayRun, PayRunStatus, PayStatement


def pay_runs() -> QuerySet[PayRun]:
    return PayRun.objects.select_related("created_by", "completed_by").order_by("-month")


def pay_run_get(*, run_id: int) -> PayRun:
    found = pay_runs().filter(pk=run_id).first()
    if found is None:
        raise Http404("No such pay run.")
    return found


def statements_of_run(*, run: PayRun) -> QuerySet[PayStatement]:
    """The run's statements with project, person and lines (three queries however many)."""
    return (
        PayStatement.objects.filter(pay_run=run)
        .select_related("assignment__project", "participant__person")
        .prefetch_related(Prefetch("lines", queryset=PayLine.objects.order_by("order")))
        .order_by("participant__person__family_name_kana", "participant_id", "assignment_id")
    )


def statements_of(*, user: User) -> QuerySet[PayStatement]:
    """The user's own statements of completed runs, newest month first."""
    return (
        PayStatement.objects.filter(
            participant__person__user=user, pay_run__status=PayRunStatus.COMPLETED
        )
        .select_related("assignment__project", "participant__person", "pay_run")
        .prefetch_related(Prefetch("lines", queryset=PayLine.objects.order_by("order")))
        .order_by("-month", "assignment_id")
    )


def statement_get(*, statement_id: int, holder_id: int | None) -> PayStatement:
    """One statement with its lines: the user `holder_id`'s own (completed runs), or any when
    it is None (the operator; work/access.py decides which)."""
    base = (
        PayStatement.objects.select_related(
            "assignment__project__client", "participant__person", "pay_run"
        )
        .prefetch_related(Prefetch("lines", queryset=PayLine.objects.order_by("order")))
        .filter(pk=statement_id)
    )
    if holder_id is not None:
        base = base.filter(
            participant__person__user_id=holder_id, pay_run__status=PayRunStatus.COMPLETED
        )
    found = base.first()
    if found is None:
        raise Http404("No such pay statement.")
    return found


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def pay_statements_of_person(*, person_id: int) -> QuerySet[PayStatement]:
    """The person's statements with what their PDF prints (lines, run, project, client)."""
    return (
        PayStatement.objects.filter(participant__person_id=person_id)
        .select_related("region", "pay_run", "participant__person", "assignment__project__client")
        .prefetch_related("lines")
        .order_by("month", "id")
    )
