"""The certificate of completion (修了証) as a PDF: plain data in, PDF bytes out.

This module knows nothing about the ORM on purpose. The training services build a
:class:`CertificateData` from a ``Certificate`` row and its enrolment, and views or tasks call
:func:`render_certificate_pdf`; that keeps the layout testable without a database and lets the
same function serve the participant's download and an email attachment.

Fonts and text drawing come from :mod:`sousei.core.pdf`: the Japanese text is IPAex Gothic,
embedded as a subset, so the certificate reads the same in every viewer; English lines are
set in Times (serif and italic) and the code in Courier. The canvas runs with
``invariant=1`` and the creation date is the completion date, so the same data always gives
byte-identical PDFs (no wall-clock timestamps or random document IDs), which makes caching
and tests easy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from sousei.core import pdf
from sousei.core.pdf import INK, MONO, MUTED, SANS, SANS_BOLD, SERIF, SERIF_ITALIC
from sousei.core.text import format_date_en, format_date_ja, hours_number

__all__ = [
    "PAGE_SIZE",
    "CertificateData",
    "certificate_filename",
    "render_certificate_pdf",
]

#: A4 landscape, in points (841.89 × 595.28).
PAGE_SIZE: tuple[float, float] = landscape(A4)

DEFAULT_PROGRAM_NAME = "デジタル人材育成プログラム"

_NAVY = HexColor("#1d3557")
_GOLD = HexColor("#a8844a")
_PAPER = HexColor("#fdfbf5")


@dataclass(frozen=True, slots=True)
class CertificateData:
    """Everything printed on one certificate, already resolved to plain values.

    ``code`` is the unguessable verification code and ``verification_url`` the absolute URL of
    the public ``/verify/<code>`` page; both are printed and the URL is also the QR code, so a
    reader of a paper copy can check it. ``region_name`` is the municipality running the
    program (e.g. 古賀市) and ``issuer`` the operator company that issues the certificate.
    """

    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    course_title: str
    tool: str
    vendor: str
    total_hours: int | Decimal
    completed_on: date
    issuer: str
    region_name: str
    code: str
    verification_url: str
    program_name: str = DEFAULT_PROGRAM_NAME

    def __post_init__(self) -> None:
        # A certificate with a blank name or code is a bug upstream; fail loudly rather than
        # hand someone a document that looks official but proves nothing.
        required = {
            "family_name": self.family_name,
            "course_title": self.course_title,
            "issuer": self.issuer,
            "region_name": self.region_name,
            "code": self.code,
            "verification_url": self.verification_url,
        }
        blank = [name for name, value in required.items() if not value.strip()]
        if blank:
            raise ValueError(f"修了証の必須項目が空です / required fields are blank: {blank}")
        if Decimal(self.total_hours) <= 0:
            raise ValueError(
                f"総学習時間は正の数にしてください / total_hours must be positive, "
                f"got {self.total_hours}"
            )

    @property
    def holder_name(self) -> str:
        """姓 名, separated by a space as the design asks for names."""
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def holder_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}".strip()


def certificate_filename(data: CertificateData) -> str:
    """An ASCII file name for Content-Disposition, unique per certificate."""
    safe_code = re.sub(r"[^A-Za-z0-9_-]", "", data.code) or "certificate"
    return f"certificate-{safe_code}.pdf"


# --- drawing -----------------------------------------------------------------------------


def _draw_frame(c: Canvas, width: float, height: float) -> None:
    """Paper tone, a navy outer rule, a fine gold inner rule and gold corner brackets."""
    c.setFillColor(_PAPER)
    c.rect(0, 0, width, height, stroke=0, fill=1)

    c.setStrokeColor(_NAVY)
    c.setLineWidth(2.4)
    c.rect(18, 18, width - 36, height - 36, stroke=1, fill=0)
    c.setStrokeColor(_GOLD)
    c.setLineWidth(0.7)
    c.rect(24, 24, width - 48, height - 48, stroke=1, fill=0)

    c.setLineWidth(1.4)
    inset, arm = 31.0, 38.0
    for cx, cy, dx, dy in (
        (inset, inset, 1, 1),
        (width - inset, inset, -1, 1),
        (inset, height - inset, 1, -1),
        (width - inset, height - inset, -1, -1),
    ):
        c.line(cx, cy, cx + dx * arm, cy)
        c.line(cx, cy, cx, cy + dy * arm)
        _diamond(c, cx + dx * 7, cy + dy * 7, 2.6)


def _diamond(c: Canvas, x: float, y: float, r: float) -> None:
    path = c.beginPath()
    path.moveTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r, y)
    path.close()
    c.setFillColor(_GOLD)
    c.drawPath(path, stroke=0, fill=1)


def _draw_spaced(
    c: Canvas, cx: float, y: float, text: str, face: pdf.Face, size: float, gap: float, color: Color
) -> None:
    """Centred text with letter spacing, for the title lines.

    Drawn as one text object with character spacing (not glyph by glyph) so that copying or
    extracting the title gives 修了証, not 修 / 了 / 証 on separate lines.
    """
    spaced = pdf.width(text, face, size) + gap * (len(text) - 1)
    # Character spacing is graphics state that outlives the text object: scope it with q/Q.
    c.saveState()
    text_object = c.beginText(cx - spaced / 2, y)
    text_object.setCharSpace(gap)
    c.setFillColor(color)
    pdf.show(text_object, text, face, size)
    c.drawText(text_object)
    c.restoreState()


def _draw_heading(c: Canvas, cx: float) -> None:
    _draw_spaced(c, cx, 486, "修了証", SERIF, 44, 26, _NAVY)
    _draw_spaced(c, cx, 462, "CERTIFICATE OF COMPLETION", SERIF, 11.5, 2.6, _GOLD)
    c.setStrokeColor(_GOLD)
    c.setLineWidth(0.6)
    c.line(cx - 120, 449, cx - 10, 449)
    c.line(cx + 10, 449, cx + 120, 449)
    _diamond(c, cx, 449, 3.2)


def _draw_holder(c: Canvas, data: CertificateData, cx: float, max_width: float) -> None:
    """姓 名 large with the kana centred over each part, like furigana, and 殿 after it."""
    gap_ratio = 0.5  # the space between family and given name, in ems
    full = f"{data.family_name}{data.given_name}"
    size = pdf.fit_size(full, SERIF, 34, 18, max_width - 80)
    family_w = pdf.width(data.family_name, SERIF, size)
    given_w = pdf.width(data.given_name, SERIF, size)
    gap = size * gap_ratio if data.given_name else 0
    total = family_w + gap + given_w
    x = cx - total / 2
    baseline = 382

    kana_size = 11.0
    kana_y = baseline + size * 0.95
    parts = [
        (data.family_name, data.family_name_kana, x, family_w),
        (data.given_name, data.given_name_kana, x + family_w + gap, given_w),
    ]
    # Kana first, then the name: the order they are read in, and the order text extraction
    # and screen readers see them (ヤマダ ハナコ / 山田 花子), instead of interleaved.
    for part, kana, left, part_w in parts:
        if part and kana:
            ks = pdf.fit_size(kana, SANS, kana_size, 7, max(part_w, 1) + size)
            pdf.draw(c, left + part_w / 2, kana_y, kana, SANS, ks, MUTED, "center")
    for part, _kana, left, _part_w in parts:
        if part:
            pdf.draw(c, left, baseline, part, SERIF, size, INK)

    pdf.draw(c, x + total + 12, baseline, "殿", SERIF, 16, INK)

    c.setStrokeColor(_GOLD)
    c.setLineWidth(0.8)
    half = min(max(total / 2 + 50, 170), max_width / 2)
    c.line(cx - half, baseline - 11, cx + half, baseline - 11)


def _draw_statement(c: Canvas, cx: float) -> None:
    pdf.draw(
        c,
        cx,
        335,
        "あなたは下記の研修課程を修了したことをここに証します。",
        SERIF,
        14.5,
        INK,
        "center",
    )
    pdf.draw(
        c,
        cx,
        317,
        "This is to certify that the person named above has completed the training course below.",
        SERIF_ITALIC,
        10,
        MUTED,
        "center",
    )


def _draw_label(c: Canvas, x_right: float, y: float, ja: str, en: str) -> None:
    en_w = pdf.width(en, SANS, 7.5)
    pdf.draw(c, x_right, y, en, SANS, 7.5, MUTED, "right")
    pdf.draw(c, x_right - en_w - 6, y, ja, SANS_BOLD, 9.5, _NAVY, "right")


def _draw_details(c: Canvas, data: CertificateData, cx: float, right_edge: float) -> None:
    """The course, tool, hours and date as a two-column table centred under the statement."""
    label_right = cx - 78
    value_x = cx - 62
    max_width = right_edge - value_x
    y = 276.0

    size, lines = pdf.fit_lines(data.course_title, SERIF, 17, 12, max_width)
    _draw_label(c, label_right, y, "研修課程", "Course")
    for index, line in enumerate(lines):
        pdf.draw(c, value_x, y - index * (size + 3), line, SERIF, size, INK)
    y -= (len(lines) - 1) * (size + 3) + 29

    tool = data.tool
    if data.vendor and data.vendor not in tool:
        tool = f"{tool}（{data.vendor}）"
    tool_size = pdf.fit_size(tool, SERIF, 12.5, 9, max_width)
    _draw_label(c, label_right, y, "使用ツール", "Tool")
    pdf.draw(c, value_x, y, tool, SERIF, tool_size, INK)
    y -= 27

    hours = hours_number(data.total_hours)
    _draw_label(c, label_right, y, "総学習時間", "Total hours")
    w = pdf.draw(c, value_x, y, f"{hours}時間", SERIF, 13, INK)
    unit = "hour" if hours == "1" else "hours"
    pdf.draw(c, value_x + w + 10, y, f"{hours} {unit}", SERIF_ITALIC, 9.5, MUTED)
    y -= 27

    day = data.completed_on
    _draw_label(c, label_right, y, "修了日", "Date of completion")
    w = pdf.draw(c, value_x, y, format_date_ja(day, weekday=False), SERIF, 13, INK)
    english = f"{format_date_en(day)} ({day.isoformat()})"
    pdf.draw(c, value_x + w + 10, y, english, SERIF_ITALIC, 9.5, MUTED)


def _draw_qr(c: Canvas, value: str, x: float, y: float, size: float) -> None:
    """The verification URL as a QR code, level M so a worn print still scans."""
    widget = QrCodeWidget(value, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    c.setFillColor(white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    renderPDF.draw(drawing, c, x, y)


def _draw_verification(c: Canvas, data: CertificateData, left: float, max_width: float) -> None:
    """Bottom left: QR code, certificate number and URL, so a paper copy can be checked."""
    qr_size = 84.0
    _draw_qr(c, data.verification_url, left, 46, qr_size)

    x = left + qr_size + 12
    width = max_width - qr_size - 12
    y = 116.0
    _draw_label_left(c, x, y, "証明書番号", "Certificate No.")
    y -= 13
    code_size, code_lines = pdf.fit_lines(data.code, MONO, 10, 7, width, anywhere=True)
    for line in code_lines:
        pdf.draw(c, x, y, line, MONO, code_size, _NAVY)
        y -= code_size + 2
    y -= 8
    _draw_label_left(c, x, y, "真正性の確認", "Verify at")
    y -= 12
    url_size, url_lines = pdf.fit_lines(data.verification_url, SANS, 8.5, 6.5, width, anywhere=True)
    for line in url_lines:
        pdf.draw(c, x, y, line, SANS, url_size, _NAVY)
        y -= url_size + 2
    y -= 3
    pdf.draw(
        c,
        x,
        max(y, 40),
        "QRコードまたは上記URLで、この修了証が有効であることを確認できます。",
        SANS,
        6.5,
        MUTED,
    )


def _draw_label_left(c: Canvas, x: float, y: float, ja: str, en: str) -> None:
    w = pdf.draw(c, x, y, ja, SANS_BOLD, 8, _NAVY)
    pdf.draw(c, x + w + 5, y, en, SANS, 7, MUTED)


def _draw_issuer(c: Canvas, data: CertificateData, right: float, max_width: float) -> None:
    """Bottom right: who issues the certificate, in the order a Japanese certificate reads.

    Laid out bottom-up from a fixed last baseline, so a company name that wraps grows the
    block upwards into free space instead of into the page border.
    """
    issuer_size, issuer_lines = pdf.fit_lines(data.issuer, SERIF, 17, 11, max_width)
    leading = issuer_size + 3
    y = 62.0 + (len(issuer_lines) - 1) * leading
    line_y = 62.0 - 8
    for line in issuer_lines:
        pdf.draw(c, right, y, line, SERIF, issuer_size, INK, "right")
        y -= leading
    c.setStrokeColor(_GOLD)
    c.setLineWidth(0.6)
    c.line(right - max_width * 0.75, line_y, right, line_y)

    y = 62.0 + (len(issuer_lines) - 1) * leading + issuer_size + 10
    program = f"{data.region_name} {data.program_name}".strip()
    program_size = pdf.fit_size(program, SERIF, 11.5, 8, max_width)
    pdf.draw(c, right, y, program, SERIF, program_size, INK, "right")

    y += 20
    en_w = pdf.width("Issued by", SANS, 7)
    pdf.draw(c, right, y, "Issued by", SANS, 7, MUTED, "right")
    pdf.draw(c, right - en_w - 5, y, "発行", SANS_BOLD, 8, _NAVY, "right")


def _metadata(data: CertificateData) -> dict[str, Any]:
    hours = hours_number(data.total_hours)
    return {
        "title": f"修了証 {data.holder_name} — {data.course_title}",
        "author": data.issuer,
        "subject": (
            f"Certificate of Completion / 修了証: {data.course_title} ({hours}時間), "
            f"{format_date_ja(data.completed_on, weekday=False)}, {data.region_name}"
        ),
        "keywords": f"修了証, certificate of completion, {data.code}",
        "creator": "Sousei 創生",
    }


def render_certificate_pdf(data: CertificateData) -> bytes:
    """Render one certificate as a single A4-landscape page and return the PDF bytes.

    Pure and deterministic: the same data gives the same bytes, and nothing is read from or
    written to disk, so callers can cache the result or regenerate it on every download.
    """
    buffer = BytesIO()
    width, height = PAGE_SIZE
    c = pdf.new_canvas(buffer, pagesize=PAGE_SIZE, dated=data.completed_on)
    meta = _metadata(data)
    c.setTitle(meta["title"])
    c.setAuthor(meta["author"])
    c.setSubject(meta["subject"])
    c.setKeywords(meta["keywords"])
    c.setCreator(meta["creator"])

    cx = width / 2
    margin = 52.0
    _draw_frame(c, width, height)
    _draw_heading(c, cx)
    _draw_holder(c, data, cx, width - 2 * margin)
    _draw_statement(c, cx)
    _draw_details(c, data, cx, width - margin)
    _draw_verification(c, data, margin, cx - margin + 40)
    _draw_issuer(c, data, width - margin, 300)

    c.showPage()
    c.save()
    return buffer.getvalue()


def _sample() -> CertificateData:
    """Demo data for eyeballing the layout (``python -m sousei.training.certificate_pdf``)."""
    return CertificateData(
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
        code="q7Hc2Lw9XbT4mZk1RfN8Vd",
        verification_url="https://sousei.example.jp/verify/q7Hc2Lw9XbT4mZk1RfN8Vd",
    )


if __name__ == "__main__":  # pragma: no cover - a developer's preview, not used by the app
    import sys

    target = sys.argv[1] if len(sys.argv) > 1 else "certificate.pdf"
    with open(target, "wb") as handle:
        handle.write(render_certificate_pdf(_sample()))
    print(target)
