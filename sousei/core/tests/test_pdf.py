"""The PDF helpers: the embedded font is installed, text splits into the right fonts."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from sousei.core import pdf


def test_the_font_file_and_its_licence_are_installed() -> None:
    path = pdf.font_path()
    assert path.name == "ipaexg.ttf"
    assert (path.parent / "IPA_Font_License_Agreement_v1.0.txt").is_file()


def test_a_missing_font_says_how_to_fix_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "FONT_PACKAGE", "sousei_no_such_font_package")
    with pytest.raises(pdf.FontMissing, match="make install"):
        pdf.font_path()


def test_text_splits_into_latin_embedded_and_fallback_runs() -> None:
    assert list(pdf.runs("¥1,057 山田𠮷野 Power", pdf.SANS)) == [
        ("Helvetica", "¥1,057 "),
        ("IPAexGothic", "山田"),
        ("HeiseiKakuGo-W5-UTF16", "𠮷"),
        ("IPAexGothic", "野"),
        ("Helvetica", " Power"),
    ]


def test_bold_japanese_is_filled_and_stroked_and_still_extractable() -> None:
    buffer = BytesIO()
    canvas = pdf.new_canvas(buffer, pagesize=A4, dated=date(2026, 1, 5))
    pdf.draw(canvas, 50, 700, "総支給額 ¥78,945", pdf.SANS_BOLD, 12)
    canvas.showPage()
    canvas.save()
    page = PdfReader(BytesIO(buffer.getvalue())).pages[0]
    assert b"2 Tr" in page.get_contents().get_data()  # type: ignore[union-attr]
    assert "総支給額 ¥78,945" in page.extract_text()
