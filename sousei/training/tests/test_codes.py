"""Certificate codes: short, grouped, and forgiving to type."""

from __future__ import annotations

import re

from sousei.training.codes import ALPHABET, code_candidates, code_new


def test_a_new_code_is_three_groups_of_four_crockford_characters() -> None:
    codes = {code_new() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code)


def test_typing_is_forgiving() -> None:
    for typed in (
        "K7QM-3R9D-X2PF",
        "k7qm3r9dx2pf",
        " k7qm 3r9d x2pf ",
        "K7QM–3R9D—X2PF",
        "K7QM－3R9D－X2PF",
    ):
        assert code_candidates(typed) == ["K7QM-3R9D-X2PF"], typed
    # Crockford reads O as zero and I, L as one.
    assert code_candidates("oI1L-0000-0000") == ["0111-0000-0000"]


def test_an_old_code_is_kept_exactly_as_issued() -> None:
    old = "q7Hc2Lw9XbT4mZk1RfN8Vd_x"
    assert code_candidates(old) == [old]
    assert code_candidates(f" {old} ") == [old]


def test_what_cannot_be_a_code_is_no_candidate() -> None:
    for typed in ("", "K7QM-3R9D", "K7QM-3R9D-X2PU", "x" * 1000, "<script>", "K7QM-3R9D-X2PF-A"):
        assert code_candidates(typed) == [], typed
