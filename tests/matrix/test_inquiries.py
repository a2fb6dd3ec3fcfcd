"""The permission matrix of tests/matrix/inquiries.py (how it runs: cases.py)."""

from tests.matrix import inquiries
from tests.matrix.cases import MatrixCases


class TestInquiries(MatrixCases):
    area = inquiries.AREA
