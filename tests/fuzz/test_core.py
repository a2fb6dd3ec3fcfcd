"""Schemathesis over the operations of tests/matrix/core.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import core


class TestCoreFuzz(FuzzCases):
    area = core.AREA
