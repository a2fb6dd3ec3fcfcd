"""Schemathesis over the operations of tests/matrix/projects.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import projects


class TestProjectsFuzz(FuzzCases):
    area = projects.AREA
