"""The permission matrix of tests/matrix/spaces.py (how it runs: cases.py)."""

from tests.matrix import spaces
from tests.matrix.cases import MatrixCases


class TestSpaces(MatrixCases):
    area = spaces.AREA
