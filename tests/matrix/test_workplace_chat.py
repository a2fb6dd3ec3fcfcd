"""The permission matrix of tests/matrix/workplace_chat.py (how it runs: cases.py)."""

from tests.matrix import workplace_chat
from tests.matrix.cases import MatrixCases


class TestWorkplaceChat(MatrixCases):
    area = workplace_chat.AREA
