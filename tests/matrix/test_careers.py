"""The permission matrix of tests/matrix/careers.py (how it runs: cases.py)."""

from tests.matrix import careers
from tests.matrix.cases import MatrixCases


class TestCareers(MatrixCases):
    area = careers.AREA
