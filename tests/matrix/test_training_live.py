"""The permission matrix of tests/matrix/training_live.py (how it runs: cases.py)."""

from tests.matrix import training_live
from tests.matrix.cases import MatrixCases


class TestTrainingLive(MatrixCases):
    area = training_live.AREA
