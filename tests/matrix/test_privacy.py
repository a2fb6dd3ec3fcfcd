"""The permission matrix of tests/matrix/privacy.py (how it runs: cases.py)."""

from tests.matrix import privacy
from tests.matrix.cases import MatrixCases


class TestPrivacy(MatrixCases):
    area = privacy.AREA
