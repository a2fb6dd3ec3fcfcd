"""The permission matrix of tests/matrix/accounts.py (how it runs: cases.py)."""

from tests.matrix import accounts
from tests.matrix.cases import MatrixCases


class TestAccounts(MatrixCases):
    area = accounts.AREA
