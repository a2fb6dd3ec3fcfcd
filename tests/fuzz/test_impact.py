"""Schemathesis over the operations of tests/matrix/impact.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import impact


class TestImpactFuzz(FuzzCases):
    area = impact.AREA
