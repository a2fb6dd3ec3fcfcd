"""The certificate of completion (修了証) as a PDF: plain data in, PDF bytes out.

This module knows nothing about the ORM on purpose. The training services build a
:class:`CertificateData` from a ``Certificate`` row and its enrolment, and views or tasks call
:func:`render_certificate_pdf`; that keeps the layout testable without a database and lets the
same function serve the participant's download and an email attachment.

Fonts — why the Adobe-Japan1 CID fonts and not an embedded TrueType font
--------------------------------------------------------------------------
The certificate has to show Japanese correctly in common viewers (Acrobat, browsers'
built-in viewers, macOS Preview, poppler) on machines without extra fonts. Embedding a
Japanese font would be the most faithful option, but none is available to us: reportlab ships
only the Latin Vera fonts, nothing else in the virtualenv or the Python standard environment
contains a Japanese TrueType font, and the system's Noto CJK fonts (when present at all) are
OpenType/CFF, which reportlab cannot embed ("postscript outlines are not supported"). Adding a
font package would be a new dependency and several megabytes in every PDF.

So the Japanese text uses reportlab's built-in CID fonts ``HeiseiMin-W3`` (明朝, for the title,
the name and the course) and ``HeiseiKakuGo-W5`` (ゴシック, for labels). They are standard
Adobe-Japan1 fonts that viewers map to a Japanese font of their own (Acrobat through its Asian
font pack, pdf.js/PDFium/Preview/poppler through built-in CMaps and the system's CJK font), so
nothing is embedded and the file stays around 10 kB. The trade-off: the exact glyph shapes are
the viewer's, and a machine with no Japanese font at all cannot draw them. If the project ever
adds a TrueType (glyf-outline) Japanese font such as IPAex, embedding it is the upgrade path.

Two refinements over reportlab's defaults:

* The CMap is ``UniJIS-UTF16-H`` instead of reportlab's ``UniJIS-UCS2-H``. reportlab writes
  UTF-16 either way; with the UCS-2 CMap, characters outside the BMP (surrogate pairs) come out
  as tofu boxes. Names such as 𠮷野 use exactly those characters, and a certificate that
  misprints the holder's name is worse than none. UTF-16 CMaps are predefined since PDF 1.5
  and known to Acrobat, pdf.js, PDFium and poppler; text extraction (pypdf, pdftotext) reads
  them as UTF-16 too.
* Latin runs (the English lines, the URL, the code, ``Power Automate`` inside a course title)
  are drawn in the standard Times/Helvetica/Courier fonts. Viewers substitute the CID fonts
  with their own Japanese font whose Latin glyphs do not match the Heisei widths written in the
  PDF, which makes Latin text in a CID font look unevenly spaced.

Fonts are registered once per process (:func:`_register_fonts` is cached), under their own
names (``HeiseiMin-W3-UTF16``) so other code registering reportlab's plain CID fonts cannot
clash with them. The canvas runs with ``invariant=1`` and the creation date is the completion
date, so the same data always gives byte-identical PDFs (no wall-clock timestamps or random
document IDs), which makes caching and tests easy.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
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
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "PAGE_SIZE",
    "CertificateData",
    "certificate_filename",
    "format_date_en",
    "format_date_ja",
    "format_hours",
    "render_certificate_pdf",
]

#: A4 landscape, in points (841.89 × 595.28).
PAGE_SIZE: tuple[float, float] = landscape(A4)

DEFAULT_PROGRAM_NAME = "デジタル人材育成プログラム"

_MINCHO_CID = "HeiseiMin-W3"
_GOTHIC_CID = "HeiseiKakuGo-W5"
_CMAP = "UniJIS-UTF16-H"

_NAVY = HexColor("#1d3557")
_GOLD = HexColor("#a8844a")
_INK = HexColor("#1f2328")
_MUTED = HexColor("#5b6470")
_PAPER = HexColor("#fdfbf5")

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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


def format_hours(hours: int | Decimal) -> str:
    """160 → "160", Decimal("157.50") → "157.5": no trailing zeros on a certificate."""
    value = Decimal(hours)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def format_date_ja(day: date) -> str:
    """2026年12月28日 — without the weekday, as certificates are usually dated."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_date_en(day: date) -> str:
    """28 December 2026, built by hand so the server's locale cannot change it."""
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def certificate_filename(data: CertificateData) -> str:
    """An ASCII file name for Content-Disposition, unique per certificate."""
    safe_code = re.sub(r"[^A-Za-z0-9_-]", "", data.code) or "certificate"
    return f"certificate-{safe_code}.pdf"


# --- fonts -------------------------------------------------------------------------------


class _UTF16CIDFont(UnicodeCIDFont):
    """reportlab's UnicodeCIDFont, declared with the UTF-16 CMap (see the module docstring).

    reportlab already encodes the text as UTF-16BE; only the CMap name written into the font
    dictionary changes, so supplementary-plane characters (𠮷) map to their glyphs.
    """

    def __init__(self, face: str) -> None:
        super().__init__(face)
        self.encodingName = _CMAP
        # Registered under its own name so a plain UnicodeCIDFont("HeiseiMin-W3") registered
        # elsewhere in the process neither replaces this one nor is replaced by it. The PDF's
        # BaseFont still comes from the face, so viewers see the standard font name.
        self.name = self.fontName = f"{face}-UTF16"


@functools.cache
def _register_fonts() -> None:
    """Register the two Japanese CID fonts with reportlab once per process."""
    for face in (_MINCHO_CID, _GOTHIC_CID):
        pdfmetrics.registerFont(_UTF16CIDFont(face))


@dataclass(frozen=True, slots=True)
class _Face:
    """A Japanese CID font paired with the standard font used for its Latin runs."""

    cjk: str
    latin: str


_MINCHO = _Face(f"{_MINCHO_CID}-UTF16", "Times-Roman")
_MINCHO_ITALIC = _Face(_MINCHO.cjk, "Times-Italic")
_GOTHIC = _Face(f"{_GOTHIC_CID}-UTF16", "Helvetica")
_GOTHIC_BOLD = _Face(_GOTHIC.cjk, "Helvetica-Bold")
_MONO = _Face(_GOTHIC.cjk, "Courier")


def _is_latin(char: str) -> bool:
    """True when the standard (WinAnsi) fonts can draw the character."""
    if ord(char) > 0x24F:
        return False
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _runs(text: str, face: _Face) -> Iterator[tuple[str, str]]:
    """Split text into (font name, run) pieces: Latin runs in the Latin font, the rest CJK."""
    for latin, chars in itertools.groupby(text, key=_is_latin):
        yield (face.latin if latin else face.cjk), "".join(chars)


def _width(text: str, face: _Face, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, font, size) for font, run in _runs(text, face))


def _draw(
    c: Canvas,
    x: float,
    y: float,
    text: str,
    face: _Face,
    size: float,
    color: Color = _INK,
    align: str = "left",
) -> float:
    """Draw mixed Japanese/Latin text; returns its width so callers can place what follows."""
    width = _width(text, face, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    c.setFillColor(color)
    # One text object for all runs, so viewers and text extraction see a single string.
    text_object = c.beginText(x, y)
    for font, run in _runs(text, face):
        text_object.setFont(font, size)
        text_object.textOut(run)
    c.drawText(text_object)
    return width


def _fit_size(text: str, face: _Face, size: float, min_size: float, max_width: float) -> float:
    """The largest size (in 0.5 pt steps) at which the text fits, but not below min_size."""
    while size > min_size and _width(text, face, size) > max_width:
        size -= 0.5
    return max(size, min_size)


# Latin words (with a following space) stay together; everything else may break per character.
_TOKEN = re.compile(r"[\x21-\x7e]+ ?|.", re.DOTALL)
_WORD = re.compile(r"\S+\s*")
# Characters that must not start a line (a minimal 禁則処理).
_NO_LINE_START = set("、。，．）」』】〕〉》・ー：；？！,.)]}")


def _greedy(tokens: list[str], face: _Face, size: float, max_width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in tokens:
        candidate = line + token
        if line and _width(candidate.rstrip(), face, size) > max_width:
            if token[0] in _NO_LINE_START and len(line) > 1:
                line, token = line[:-1], line[-1] + token
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _wrap(text: str, face: _Face, size: float, max_width: float, *, anywhere: bool) -> list[str]:
    """Greedy line breaking, preferring the gentlest break that fits.

    Breaking at spaces keeps 株式会社… 九州オフィス or a course's phrases intact; otherwise break
    between Japanese characters but never inside a Latin word; per character only as a last
    resort, or always when ``anywhere`` (URLs and codes, where no break is better than another).
    """
    if anywhere:
        return _greedy(list(text), face, size, max_width)
    candidates = [
        _greedy(tokens, face, size, max_width)
        for tokens in (_WORD.findall(text), _TOKEN.findall(text), list(text))
    ]
    fitting = [
        lines for lines in candidates if all(_width(x, face, size) <= max_width for x in lines)
    ]
    # Fewest lines wins; on a tie the earlier (gentler) way of breaking.
    return min(fitting, key=len) if fitting else candidates[-1]


def _fit_lines(
    text: str,
    face: _Face,
    size: float,
    min_size: float,
    max_width: float,
    *,
    max_lines: int = 2,
    anywhere: bool = False,
) -> tuple[float, list[str]]:
    """Size and lines for a value that must never be cut off.

    Prefer one line, shrinking down to ``min_size``; then wrap at ``min_size``; if that needs
    more than ``max_lines`` lines, keep shrinking down to three quarters of ``min_size``. Past
    that, every line is still returned: a crowded certificate is better than one that silently
    drops part of a course title or a company name.
    """
    fitted = _fit_size(text, face, size, min_size, max_width)
    if _width(text, face, fitted) <= max_width:
        return fitted, [text]
    floor = min_size * 0.75
    while True:
        lines = _wrap(text, face, fitted, max_width, anywhere=anywhere)
        if len(lines) <= max_lines or fitted <= floor:
            return fitted, lines
        fitted -= 0.5


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
    c: Canvas, cx: float, y: float, text: str, face: _Face, size: float, gap: float, color: Color
) -> None:
    """Centred text with letter spacing, for the title lines.

    Drawn as one text object with character spacing (not glyph by glyph) so that copying or
    extracting the title gives 修了証, not 修 / 了 / 証 on separate lines.
    """
    width = _width(text, face, size) + gap * (len(text) - 1)
    # Character spacing is graphics state that outlives the text object: scope it with q/Q.
    c.saveState()
    text_object = c.beginText(cx - width / 2, y)
    text_object.setCharSpace(gap)
    c.setFillColor(color)
    for font, run in _runs(text, face):
        text_object.setFont(font, size)
        text_object.textOut(run)
    c.drawText(text_object)
    c.restoreState()


def _draw_heading(c: Canvas, cx: float) -> None:
    _draw_spaced(c, cx, 486, "修了証", _MINCHO, 44, 26, _NAVY)
    _draw_spaced(c, cx, 462, "CERTIFICATE OF COMPLETION", _MINCHO, 11.5, 2.6, _GOLD)
    c.setStrokeColor(_GOLD)
    c.setLineWidth(0.6)
    c.line(cx - 120, 449, cx - 10, 449)
    c.line(cx + 10, 449, cx + 120, 449)
    _diamond(c, cx, 449, 3.2)


def _draw_holder(c: Canvas, data: CertificateData, cx: float, max_width: float) -> None:
    """姓 名 large with the kana centred over each part, like furigana, and 殿 after it."""
    gap_ratio = 0.5  # the space between family and given name, in ems
    full = f"{data.family_name}{data.given_name}"
    size = _fit_size(full, _MINCHO, 34, 18, max_width - 80)
    family_w = _width(data.family_name, _MINCHO, size)
    given_w = _width(data.given_name, _MINCHO, size)
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
            ks = _fit_size(kana, _GOTHIC, kana_size, 7, max(part_w, 1) + size)
            _draw(c, left + part_w / 2, kana_y, kana, _GOTHIC, ks, _MUTED, "center")
    for part, _kana, left, _part_w in parts:
        if part:
            _draw(c, left, baseline, part, _MINCHO, size, _INK)

    _draw(c, x + total + 12, baseline, "殿", _MINCHO, 16, _INK)

    c.setStrokeColor(_GOLD)
    c.setLineWidth(0.8)
    half = min(max(total / 2 + 50, 170), max_width / 2)
    c.line(cx - half, baseline - 11, cx + half, baseline - 11)


def _draw_statement(c: Canvas, cx: float) -> None:
    _draw(
        c,
        cx,
        335,
        "あなたは下記の研修課程を修了したことをここに証します。",
        _MINCHO,
        14.5,
        _INK,
        "center",
    )
    _draw(
        c,
        cx,
        317,
        "This is to certify that the person named above has completed the training course below.",
        _MINCHO_ITALIC,
        10,
        _MUTED,
        "center",
    )


def _draw_label(c: Canvas, x_right: float, y: float, ja: str, en: str) -> None:
    en_w = _width(en, _GOTHIC, 7.5)
    _draw(c, x_right, y, en, _GOTHIC, 7.5, _MUTED, "right")
    _draw(c, x_right - en_w - 6, y, ja, _GOTHIC_BOLD, 9.5, _NAVY, "right")


def _draw_details(c: Canvas, data: CertificateData, cx: float, right_edge: float) -> None:
    """The course, tool, hours and date as a two-column table centred under the statement."""
    label_right = cx - 78
    value_x = cx - 62
    max_width = right_edge - value_x
    y = 276.0

    size, lines = _fit_lines(data.course_title, _MINCHO, 17, 12, max_width)
    _draw_label(c, label_right, y, "研修課程", "Course")
    for index, line in enumerate(lines):
        _draw(c, value_x, y - index * (size + 3), line, _MINCHO, size, _INK)
    y -= (len(lines) - 1) * (size + 3) + 29

    tool = data.tool
    if data.vendor and data.vendor not in tool:
        tool = f"{tool}（{data.vendor}）"
    tool_size = _fit_size(tool, _MINCHO, 12.5, 9, max_width)
    _draw_label(c, label_right, y, "使用ツール", "Tool")
    _draw(c, value_x, y, tool, _MINCHO, tool_size, _INK)
    y -= 27

    hours = format_hours(data.total_hours)
    _draw_label(c, label_right, y, "総学習時間", "Total hours")
    w = _draw(c, value_x, y, f"{hours}時間", _MINCHO, 13, _INK)
    unit = "hour" if hours == "1" else "hours"
    _draw(c, value_x + w + 10, y, f"{hours} {unit}", _MINCHO_ITALIC, 9.5, _MUTED)
    y -= 27

    day = data.completed_on
    _draw_label(c, label_right, y, "修了日", "Date of completion")
    w = _draw(c, value_x, y, format_date_ja(day), _MINCHO, 13, _INK)
    english = f"{format_date_en(day)} ({day.isoformat()})"
    _draw(c, value_x + w + 10, y, english, _MINCHO_ITALIC, 9.5, _MUTED)


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
    code_size, code_lines = _fit_lines(data.code, _MONO, 10, 7, width, anywhere=True)
    for line in code_lines:
        _draw(c, x, y, line, _MONO, code_size, _NAVY)
        y -= code_size + 2
    y -= 8
    _draw_label_left(c, x, y, "真正性の確認", "Verify at")
    y -= 12
    url_size, url_lines = _fit_lines(data.verification_url, _GOTHIC, 8.5, 6.5, width, anywhere=True)
    for line in url_lines:
        _draw(c, x, y, line, _GOTHIC, url_size, _NAVY)
        y -= url_size + 2
    y -= 3
    _draw(
        c,
        x,
        max(y, 40),
        "QRコードまたは上記URLで、この修了証が有効であることを確認できます。",
        _GOTHIC,
        6.5,
        _MUTED,
    )


def _draw_label_left(c: Canvas, x: float, y: float, ja: str, en: str) -> None:
    w = _draw(c, x, y, ja, _GOTHIC_BOLD, 8, _NAVY)
    _draw(c, x + w + 5, y, en, _GOTHIC, 7, _MUTED)


def _draw_issuer(c: Canvas, data: CertificateData, right: float, max_width: float) -> None:
    """Bottom right: who issues the certificate, in the order a Japanese certificate reads.

    Laid out bottom-up from a fixed last baseline, so a company name that wraps grows the
    block upwards into free space instead of into the page border.
    """
    issuer_size, issuer_lines = _fit_lines(data.issuer, _MINCHO, 17, 11, max_width)
    leading = issuer_size + 3
    y = 62.0 + (len(issuer_lines) - 1) * leading
    line_y = 62.0 - 8
    for line in issuer_lines:
        _draw(c, right, y, line, _MINCHO, issuer_size, _INK, "right")
        y -= leading
    c.setStrokeColor(_GOLD)
    c.setLineWidth(0.6)
    c.line(right - max_width * 0.75, line_y, right, line_y)

    y = 62.0 + (len(issuer_lines) - 1) * leading + issuer_size + 10
    program = f"{data.region_name} {data.program_name}".strip()
    program_size = _fit_size(program, _MINCHO, 11.5, 8, max_width)
    _draw(c, right, y, program, _MINCHO, program_size, _INK, "right")

    y += 20
    en_w = _width("Issued by", _GOTHIC, 7)
    _draw(c, right, y, "Issued by", _GOTHIC, 7, _MUTED, "right")
    _draw(c, right - en_w - 5, y, "発行", _GOTHIC_BOLD, 8, _NAVY, "right")


def _metadata(data: CertificateData) -> dict[str, Any]:
    hours = format_hours(data.total_hours)
    return {
        "title": f"修了証 {data.holder_name} — {data.course_title}",
        "author": data.issuer,
        "subject": (
            f"Certificate of Completion / 修了証: {data.course_title} ({hours}時間), "
            f"{format_date_ja(data.completed_on)}, {data.region_name}"
        ),
        "keywords": f"修了証, certificate of completion, {data.code}",
        "creator": "Sousei 創生",
    }


def render_certificate_pdf(data: CertificateData) -> bytes:
    """Render one certificate as a single A4-landscape page and return the PDF bytes.

    Pure and deterministic: the same data gives the same bytes, and nothing is read from or
    written to disk, so callers can cache the result or regenerate it on every download.
    """
    _register_fonts()
    buffer = BytesIO()
    width, height = PAGE_SIZE
    # PDF 1.5 because the UTF-16 CMaps were predefined from 1.5 on.
    c = Canvas(
        buffer, pagesize=PAGE_SIZE, invariant=1, pageCompression=1, lang="ja", pdfVersion=(1, 5)
    )
    # invariant=1 would stamp 2000-01-01 as the creation date; the completion date (JST) is
    # both deterministic and what a reader of the file's properties expects to see.
    stamp = f"D:{data.completed_on:%Y%m%d}000000+09'00'"
    c.setDateFormatter(lambda *_parts: stamp)
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
