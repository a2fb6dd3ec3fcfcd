"""The certificate PDF: valid, one A4-landscape page, Japanese text that survives extraction.

The Japanese text is an embedded TrueType subset with a ToUnicode map (rare characters a CID
font with the UTF-16 CMap), so text extraction is reliable and the tests assert the real
strings (name, course, 修了証, hours, dates, code, URL) rather than something weaker.
Extraction may insert or drop spaces between separately drawn pieces (the letter-spaced
title, 姓 and 名, Latin and Japanese runs), so comparisons ignore whitespace.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import cast

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from sousei.training.certificate_pdf import (
    PAGE_SIZE,
    CertificateData,
    certificate_filename,
    render_certificate_pdf,
)

CODE = "q7Hc2Lw9XbT4mZk1RfN8Vd"
URL = f"https://sousei.example.jp/verify/{CODE}"


def make_data(**overrides: object) -> CertificateData:
    data = CertificateData(
        family_name="山田",
        given_name="花子",
        family_name_kana="ヤマダ",
        given_name_kana="ハナコ",
        course_title="Power Automate Desktop 業務自動化 実践コース",
        tool="Power Automate Desktop",
        vendor="Microsoft",
        total_hours=160,
        completed_on=date(2026, 12, 28),
        issuer="株式会社ソウセイ人材",
        region_name="古賀市",
        code=CODE,
        verification_url=URL,
    )
    return dataclasses.replace(data, **overrides)  # type: ignore[arg-type]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_certificate_pdf(make_data())


def test_is_a_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_one_a4_landscape_page(pdf: bytes) -> None:
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZE, abs=0.01)
    assert float(box.width) == pytest.approx(841.89, abs=0.01)
    assert float(box.height) == pytest.approx(595.28, abs=0.01)


def test_japanese_and_verification_text_is_extractable(pdf: bytes) -> None:
    text = squash(page_text(pdf))
    for expected in (
        "修了証",
        "CERTIFICATEOFCOMPLETION",
        "山田花子",
        "ヤマダ",
        "ハナコ",
        "あなたは下記の研修課程を修了したことをここに証します。",
        "PowerAutomateDesktop業務自動化実践コース",
        "Microsoft",
        "160時間",
        "160hours",
        "2026年12月28日",
        "2026-12-28",
        "28December2026",
        "古賀市",
        "株式会社ソウセイ人材",
        CODE,
        URL,
    ):
        assert expected in text, expected


STANDARD_FONTS = {"/Times-Roman", "/Times-Italic", "/Helvetica", "/Helvetica-Bold", "/Courier"}


def page_fonts(pdf: bytes) -> list[DictionaryObject]:
    resources = cast(DictionaryObject, PdfReader(BytesIO(pdf)).pages[0]["/Resources"])
    fonts = cast(DictionaryObject, resources["/Font"].get_object())
    return [cast(DictionaryObject, ref.get_object()) for ref in fonts.values()]


def test_the_japanese_font_is_embedded(pdf: bytes) -> None:
    """Every font is either one of the standard 14 every viewer has, or embedded: the
    Japanese text is a subset of IPAex Gothic carried in the file (FontFile2), so the
    certificate reads the same on a machine without Japanese fonts."""
    embedded = []
    for font in page_fonts(pdf):
        name = str(font["/BaseFont"])
        if name in STANDARD_FONTS:
            continue
        assert font["/Subtype"] == "/TrueType", name
        descriptor = cast(DictionaryObject, font["/FontDescriptor"].get_object())
        assert "/FontFile2" in descriptor, name
        assert "/ToUnicode" in font, name
        embedded.append(name)
    assert embedded
    # Subset names are a six-letter tag, a plus and the font's name.
    assert all(re.fullmatch(r"/[A-Z]{6}\+IPAexGothic", name) for name in embedded), embedded


def test_no_font_is_left_to_the_viewer_for_ordinary_names(pdf: bytes) -> None:
    assert not [font for font in page_fonts(pdf) if font["/Subtype"] == "/Type0"]


def test_characters_the_font_lacks_use_a_cid_font_with_the_utf16_cmap() -> None:
    """𠮷 is outside JIS X 0213 (IPAex has no glyph): it is drawn by the viewer's Japanese
    font through the UTF-16 CMap; with reportlab's default UCS-2 CMap it would be tofu."""
    pdf = render_certificate_pdf(make_data(family_name="𠮷野", family_name_kana="ヨシノ"))
    cid = {
        str(font["/BaseFont"]): str(font["/Encoding"])
        for font in page_fonts(pdf)
        if font["/Subtype"] == "/Type0"
    }
    assert cid == {"/HeiseiKakuGo-W5": "/UniJIS-UTF16-H"}


def test_supplementary_plane_characters_in_names_survive() -> None:
    pdf = render_certificate_pdf(make_data(family_name="𠮷野", family_name_kana="ヨシノ"))
    assert "𠮷野花子" in squash(page_text(pdf))


def test_supplementary_plane_characters_the_font_has_survive_too() -> None:
    """𠮟 is in IPAex, but a TrueType subset's ToUnicode map cannot name it: drawn by the
    CID font, it stays findable in the text."""
    pdf = render_certificate_pdf(make_data(given_name="𠮟子"))
    assert "山田𠮟子" in squash(page_text(pdf))


def test_a_plain_reportlab_registration_elsewhere_does_not_interfere() -> None:
    """Other code may register reportlab's own UnicodeCIDFont under the face name."""
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    pdf = render_certificate_pdf(make_data(family_name="𠮷野"))
    assert "𠮷野花子" in squash(page_text(pdf))


def test_metadata(pdf: bytes) -> None:
    meta = PdfReader(BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == "修了証 山田 花子 — Power Automate Desktop 業務自動化 実践コース"
    assert meta.author == "株式会社ソウセイ人材"
    assert meta.subject is not None
    assert "Certificate of Completion" in meta.subject
    assert "160時間" in meta.subject
    assert meta.creation_date is not None
    assert meta.creation_date.date() == date(2026, 12, 28)


def test_qr_code_encodes_the_verification_url(pdf: bytes, tmp_path: Path) -> None:
    """Decodes the printed QR code with zbar when available: proves it scans, not just draws."""
    pdftoppm, zbarimg = shutil.which("pdftoppm"), shutil.which("zbarimg")
    if pdftoppm is None or zbarimg is None:
        pytest.skip("pdftoppm (poppler-utils) and zbarimg (zbar-tools) are needed")
    source = tmp_path / "cert.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-png", "-r", "150", "-singlefile", str(source), str(tmp_path / "cert")],
        check=True,
        timeout=60,
    )
    result = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(tmp_path / "cert.png")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == [URL]


def test_output_is_deterministic(pdf: bytes) -> None:
    assert render_certificate_pdf(make_data()) == pdf
    assert render_certificate_pdf(make_data(code="other", verification_url="https://x/v")) != pdf


def test_long_values_wrap_and_stay_on_one_page() -> None:
    title = (
        "kintone と Power Apps で作る業務アプリ開発 — 要件整理から運用・保守まで徹底実践コース" * 2
    )
    pdf = render_certificate_pdf(
        make_data(
            course_title=title,
            family_name="ウィリアムズ=ゴンザレス",
            given_name="アレクサンドラ・マリア",
            issuer="株式会社ソウセイ・デジタル人材ソリューションズ 九州・福岡古賀オフィス",
            verification_url=f"https://certificates.sousei.example.jp/regions/koga/verify/{CODE}",
        )
    )
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    text = squash(page_text(pdf))
    assert "ウィリアムズ=ゴンザレスアレクサンドラ・マリア" in text
    # Wrapped over lines, but nothing is cut off.
    assert squash(title) in text


def test_decimal_hours_are_shown_without_trailing_zeros() -> None:
    pdf = render_certificate_pdf(make_data(total_hours=Decimal("157.50")))
    assert "157.5時間" in squash(page_text(pdf))


@pytest.mark.parametrize(
    "overrides",
    [{"code": " "}, {"family_name": ""}, {"verification_url": ""}, {"total_hours": 0}],
)
def test_incomplete_data_is_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"required fields|total_hours"):
        make_data(**overrides)


def test_filename_is_ascii_and_unique_per_code() -> None:
    assert certificate_filename(make_data()) == f"certificate-{CODE}.pdf"
    assert certificate_filename(make_data(code="a/b c")) == "certificate-abc.pdf"


def test_page_rasterises(pdf: bytes, tmp_path: Path) -> None:
    """Poppler draws the page: a sanity check that viewers can render it, not just parse it."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "cert.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-singlefile", str(source), str(tmp_path / "cert")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "cert.png") as image:
        width, height = image.size
        darkest, lightest = cast(tuple[int, int], image.convert("L").getextrema())
    # A4 landscape at 60 dpi is 701.6 × 496.1 px; poppler rounds either way.
    assert width == pytest.approx(702, abs=1)
    assert height == pytest.approx(496, abs=1)
    # Dark ink on light paper, not a blank page.
    assert darkest < 64
    assert lightest > 200
