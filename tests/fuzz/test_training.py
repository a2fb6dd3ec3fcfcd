"""Schemathesis over the operations of tests/matrix/training.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import training


class TestTrainingFuzz(FuzzCases):
    area = training.AREA
