"""The permission matrix of tests/matrix/workplace_people.py (how it runs: cases.py)."""

from tests.matrix import workplace_people
from tests.matrix.cases import MatrixCases


class TestWorkplacePeople(MatrixCases):
    area = workplace_people.AREA
