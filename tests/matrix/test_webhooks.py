"""The permission matrix of tests/matrix/webhooks.py (how it runs: cases.py)."""

from tests.matrix import webhooks
from tests.matrix.cases import MatrixCases


class TestWebhooks(MatrixCases):
    area = webhooks.AREA
