"""Schemathesis over the operations of tests/matrix/hiring.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import hiring


class TestHiringFuzz(FuzzCases):
    area = hiring.AREA
