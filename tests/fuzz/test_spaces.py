"""Schemathesis over the operations of tests/matrix/spaces.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import spaces


class TestSpacesFuzz(FuzzCases):
    area = spaces.AREA
