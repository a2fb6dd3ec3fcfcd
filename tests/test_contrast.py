"""Buttons people can see: the ghost button (white text, no background) is made for the dark
site header; anywhere on a page it was white on white (削除 on a work day, 公開ページ on an
opening, 下書きを再計算 on a pay run)."""

from __future__ import annotations

from pathlib import Path

SOUSEI = Path(__file__).resolve().parent.parent / "sousei"


def test_ghost_buttons_stay_in_the_site_header() -> None:
    users = sorted(
        str(path.relative_to(SOUSEI))
        for path in SOUSEI.rglob("*.html")
        if "button--ghost" in path.read_text(encoding="utf-8")
    )
    assert users == ["templates/base.html"]
    css = (SOUSEI / "static" / "sousei" / "site.css").read_text(encoding="utf-8")
    ghost_rules = [line for line in css.splitlines() if ".button--ghost" in line]
    assert ghost_rules
    assert all(line.startswith(".site-tools .button--ghost") for line in ghost_rules)
