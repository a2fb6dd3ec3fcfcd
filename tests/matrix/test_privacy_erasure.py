"""The permission matrix of tests/matrix/privacy_erasure.py (how it runs: cases.py)."""

from tests.matrix import privacy_erasure
from tests.matrix.cases import MatrixCases


class TestPrivacyErasure(MatrixCases):
    area = privacy_erasure.AREA
