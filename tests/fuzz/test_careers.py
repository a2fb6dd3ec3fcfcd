"""Schemathesis over the operations of tests/matrix/careers.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import careers


class TestCareersFuzz(FuzzCases):
    area = careers.AREA
