"""The permission matrix of tests/matrix/projects.py (how it runs: cases.py)."""

from tests.matrix import projects
from tests.matrix.cases import MatrixCases


class TestProjects(MatrixCases):
    area = projects.AREA
