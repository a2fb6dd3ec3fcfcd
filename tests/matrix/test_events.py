"""The permission matrix of tests/matrix/events.py (how it runs: cases.py)."""

from tests.matrix import events
from tests.matrix.cases import MatrixCases


class TestEvents(MatrixCases):
    area = events.AREA
