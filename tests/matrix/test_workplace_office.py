"""The permission matrix of tests/matrix/workplace_office.py (how it runs: cases.py)."""

from tests.matrix import workplace_office
from tests.matrix.cases import MatrixCases


class TestWorkplaceOffice(MatrixCases):
    area = workplace_office.AREA
