"""Schemathesis over the operations of tests/matrix/workplace_chat.py (how it runs: cases.py),
less the live stream: it never ends, so a WSGI call cannot read it to its end; the stream's
input (a region and a Last-Event-ID) is tested in sousei/workplace/tests/test_stream.py."""

import pytest

from tests.fuzz.cases import FuzzCases, operations_of
from tests.matrix import workplace_chat

STREAM = ("GET", "/api/v1/regions/{slug}/stream")


class TestWorkplaceChatFuzz(FuzzCases):
    area = workplace_chat.AREA

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        from tests.test_permission_matrix import AREAS

        operations = [op for op in operations_of(self.area, AREAS) if op != STREAM]
        metafunc.parametrize("operation", operations, ids=[f"{m} {p}" for m, p in operations])
        metafunc.parametrize("role", ["operator", "participant"])
