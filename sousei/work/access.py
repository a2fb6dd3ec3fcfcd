"""Which assignments' time records and which pay statements a caller may see or act on,
shared by the pages and the API.

The assignments themselves are read through projects' `StaffingReader`: operators see every
one, a client user those on their companies' projects, a participant their own. On top of
that, time is recorded by the assignment's participant (or an operator for them), weeks are
decided by the project's client (or an operator), and a pay statement is read by its
participant once its run is completed (operators any). Anything else answers 404, on pages
and API alike, as an object of another region would.
"""

from __future__ import annotations

from django.http import Http404

from sousei.core.roles import Role
from sousei.projects.access import StaffingReader, assignment_visible
from sousei.projects.models import Assignment
from sousei.work.models.payroll import PayStatement
from sousei.work.models.timesheets import TimeRecord
from sousei.work.selectors import payroll as pay_selectors


def assignment_to_record(reader: StaffingReader, assignment_id: int) -> Assignment:
    """The assignment if the caller records time for it: its participant, or an operator."""
    assignment = assignment_visible(reader, assignment_id)
    if reader.sees_everything or reader.is_participant_of(assignment):
        return assignment
    raise Http404("No such assignment.")


def assignment_to_decide(reader: StaffingReader, assignment_id: int) -> Assignment:
    """The assignment if the caller approves its weeks: the project's client, or an
    operator."""
    assignment = assignment_visible(reader, assignment_id)
    if reader.sees_everything or reader.is_client_of(assignment.project):
        return assignment
    raise Http404("No such assignment.")


def time_record_visible(reader: StaffingReader, assignment_id: int, record_id: int) -> TimeRecord:
    """A time record of an assignment the caller records time for."""
    assignment = assignment_to_record(reader, assignment_id)
    record = TimeRecord.objects.filter(assignment=assignment, pk=record_id).first()
    if record is None:
        raise Http404("No such time record.")
    record.assignment = assignment  # already read: spare the caller a query
    return record


def statement_visible(reader: StaffingReader, statement_id: int) -> PayStatement:
    """A pay statement with its lines: an operator any, a participant their own of a
    completed run."""
    holder_id = None if Role.OPERATOR in reader.roles else reader.user_id
    return pay_selectors.statement_get(statement_id=statement_id, holder_id=holder_id)
