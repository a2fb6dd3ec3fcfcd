"""/verify/: anyone types a certificate code and sees whether it is valid. Codes are short,
grouped and forgiving to type; codes issued before keep working; the check is no oracle."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.training.models import Certificate
from sousei.training.tests.test_pages import complete, enrol
from sousei.training.verification import MISS_LIMIT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def check(typed: str, address: str = "127.0.0.1") -> tuple[int, str]:
    response = Client(REMOTE_ADDR=address).get("/verify/", {"code": typed})
    return response.status_code, response.content.decode()


def test_the_form_is_there_for_anyone() -> None:
    response = Client().get("/verify/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="code"' in text
    assert '<label for="id_code">' in text


def test_a_new_certificate_has_a_short_grouped_code(cast: Cast, koga: Region) -> None:
    certificate = complete(koga, cast, enrol(koga, cast))
    assert len(certificate.code) == 14
    assert [len(group) for group in certificate.code.split("-")] == [4, 4, 4]


def test_the_code_is_found_however_it_is_typed(cast: Cast, koga: Region) -> None:
    certificate = complete(koga, cast, enrol(koga, cast))
    compact = certificate.code.replace("-", "")
    for typed in (
        certificate.code,
        certificate.code.lower(),
        compact.lower(),
        f"  {compact[:4]} {compact[4:8]} {compact[8:]} ",
    ):
        status, text = check(typed)
        assert status == 200, typed
        assert certificate.holder_name in text
        assert certificate.course_title in text
    assert Client().get(f"/verify/{certificate.code.lower()}/").status_code == 200


def test_a_code_issued_before_keeps_working_exactly_as_printed(cast: Cast, koga: Region) -> None:
    certificate = complete(koga, cast, enrol(koga, cast))
    with region_scope(koga):
        Certificate.objects.filter(pk=certificate.pk).update(code="q7Hc2Lw9XbT4mZk1RfN8Vd_x")
    assert check("q7Hc2Lw9XbT4mZk1RfN8Vd_x")[0] == 200
    assert Client().get("/verify/q7Hc2Lw9XbT4mZk1RfN8Vd_x/").status_code == 200
    assert check("Q7HC2LW9XBT4MZK1RFN8VD_X")[0] == 404


def test_malformed_and_unknown_codes_get_the_same_answer(koga: Region) -> None:
    unknown = check("ZZZZ-ZZZZ-ZZZZ")
    malformed = check("not a code!")
    assert unknown[0] == malformed[0] == 404
    assert "No certificate has this code." in unknown[1] or "この番号の修了証" in unknown[1]

    def alert(text: str) -> str:
        return text[text.index('role="alert"') : text.index("</div>", text.index('role="alert"'))]

    assert alert(unknown[1]) == alert(malformed[1])


def test_the_answers_are_in_the_readers_language(koga: Region) -> None:
    _status, japanese = check("ZZZZ-ZZZZ-ZZZZ")
    with translation.override("en"):
        english = Client(headers={"cookie": "django_language=en"}).get(
            "/verify/", {"code": "ZZZZ-ZZZZ-ZZZZ"}
        )
    assert "修了証" in japanese
    assert "No certificate has this code." in english.content.decode()


def test_an_empty_form_says_what_to_type(koga: Region) -> None:
    status, text = check("")
    assert status == 422
    assert "修了証に印字された番号" in text or "Type the code printed" in text


def test_too_many_misses_from_one_address_are_refused_even_for_a_real_code(
    cast: Cast, koga: Region
) -> None:
    certificate = complete(koga, cast, enrol(koga, cast))
    for n in range(MISS_LIMIT):
        assert check(f"ZZZZ-ZZZZ-{n:04d}")[0] == 404
    status, text = check(certificate.code)
    assert status == 429
    assert certificate.holder_name not in text
    assert Client().get(f"/verify/{certificate.code}/").status_code == 429
    # Another address is not held back.
    assert check(certificate.code, address="192.0.2.7")[0] == 200


def test_valid_checks_do_not_count_against_the_address(cast: Cast, koga: Region) -> None:
    certificate = complete(koga, cast, enrol(koga, cast))
    for _n in range(MISS_LIMIT + 5):
        assert check(certificate.code)[0] == 200
