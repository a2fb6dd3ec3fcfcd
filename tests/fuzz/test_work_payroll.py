"""Schemathesis over the operations of tests/matrix/work_payroll.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import work_payroll


class TestWorkPayrollFuzz(FuzzCases):
    area = work_payroll.AREA
