"""The permission matrix of tests/matrix/privacy_breach.py (how it runs: cases.py)."""

from tests.matrix import privacy_breach
from tests.matrix.cases import MatrixCases


class TestPrivacyBreach(MatrixCases):
    area = privacy_breach.AREA
