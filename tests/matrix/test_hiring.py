"""The permission matrix of tests/matrix/hiring.py (how it runs: cases.py)."""

from tests.matrix import hiring
from tests.matrix.cases import MatrixCases


class TestHiring(MatrixCases):
    area = hiring.AREA
