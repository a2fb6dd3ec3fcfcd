"""The permission matrix of tests/matrix/core.py (how it runs: cases.py)."""

from tests.matrix import core
from tests.matrix.cases import MatrixCases


class TestCore(MatrixCases):
    area = core.AREA
