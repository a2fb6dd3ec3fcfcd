"""Schemathesis over the operations of tests/matrix/work_timesheets.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import work_timesheets


class TestWorkTimesheetsFuzz(FuzzCases):
    area = work_timesheets.AREA
