"""The permission matrix of tests/matrix/work_payroll.py (how it runs: cases.py)."""

from tests.matrix import work_payroll
from tests.matrix.cases import MatrixCases


class TestWorkPayroll(MatrixCases):
    area = work_payroll.AREA
