"""The permission matrix of tests/matrix/work_timesheets.py (how it runs: cases.py)."""

from tests.matrix import work_timesheets
from tests.matrix.cases import MatrixCases


class TestWorkTimesheets(MatrixCases):
    area = work_timesheets.AREA
