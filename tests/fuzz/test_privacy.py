"""Schemathesis over the operations of tests/matrix/privacy.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import privacy


class TestPrivacyFuzz(FuzzCases):
    area = privacy.AREA
