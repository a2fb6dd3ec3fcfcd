"""The permission matrix of tests/matrix/impact.py (how it runs: cases.py)."""

from tests.matrix import impact
from tests.matrix.cases import MatrixCases


class TestImpact(MatrixCases):
    area = impact.AREA
