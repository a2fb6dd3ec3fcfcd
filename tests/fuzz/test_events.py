"""Schemathesis over the operations of tests/matrix/events.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import events


class TestEventsFuzz(FuzzCases):
    area = events.AREA
