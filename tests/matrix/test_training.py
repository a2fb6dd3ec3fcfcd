"""The permission matrix of tests/matrix/training.py (how it runs: cases.py)."""

from tests.matrix import training
from tests.matrix.cases import MatrixCases


class TestTraining(MatrixCases):
    area = training.AREA
