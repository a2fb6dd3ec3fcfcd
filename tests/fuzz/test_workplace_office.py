"""Schemathesis over the operations of tests/matrix/workplace_office.py (how it runs: cases.py)."""

from tests.fuzz.cases import FuzzCases
from tests.matrix import workplace_office


class TestWorkplaceOfficeFuzz(FuzzCases):
    area = workplace_office.AREA
