"""Japanese PDFs with reportlab: the embedded font, mixed Japanese/Latin text, line breaking.

The certificate (training) and the pay statement (work) draw with these helpers; both are
plain data in, PDF bytes out, so nothing here touches the ORM.

The Japanese font is embedded
-----------------------------
A PDF that names a font without embedding it is drawn with whatever the viewer substitutes,
and a viewer without a Japanese font draws nothing at all. So the Japanese text is set in
**IPAex Gothic** (IPAexゴシック, ``ipaexg.ttf``), embedded as a subset (only the glyphs used,
so a certificate stays a few tens of kB). reportlab can embed only TrueType (glyf) outlines,
not the CFF outlines of Noto Sans CJK / Source Han Sans, which rules out most Japanese fonts;
IPAex is TrueType-based.

The font comes from the PyPI package ``matplotlib-fontja``, which ships ``ipaexg.ttf``
(IPAex Gothic 004.01) unchanged, so ``make install`` brings it on any machine with Python:
no system font package is needed. Only the file is used; the package's Python module (which
configures matplotlib) is never imported. No PyPI package ships IPAex Mincho or another
TrueType Mincho, so every Japanese run is Gothic; the certificate keeps its formal look from
the serif (Times) Latin runs and its layout.

Licence: IPAex fonts are under the IPA Font License Agreement v1.0 (an OSI-approved licence).
It allows embedding the font in documents and distributing those documents freely; the
licence text is installed with the package (``matplotlib_fontja/fonts/``).

Two refinements over a plain TTFont:

* Latin runs (English lines, URLs, codes, ``¥78,945``, ``Power Automate`` inside a course
  title) are drawn in the standard Times/Helvetica/Courier fonts, which every PDF viewer must
  provide (the "standard 14"), so the English lines keep a serif, an italic and a fixed-width
  face that the Japanese font lacks.
* Characters the embedded font cannot carry fall back to reportlab's Adobe-Japan1 CID font
  ``HeiseiKakuGo-W5`` with the ``UniJIS-UTF16-H`` CMap (drawn with the viewer's Japanese
  font, not embedded). That covers names with characters outside JIS X 0213 such as 𠮷, and
  every character outside the Basic Multilingual Plane: reportlab writes a TrueType subset's
  ToUnicode map with 16-bit codes only, so such a character embedded from IPAex could not be
  copied or searched, and a certificate whose holder's name cannot be found in its text is
  worse than one whose rare character is drawn by the viewer. The UTF-16 CMap (not
  reportlab's default UCS-2) is what lets surrogate pairs map to their glyphs; it is
  predefined since PDF 1.5, hence :func:`new_canvas` writes PDF 1.5.

The fallback is registered under its own name (``HeiseiKakuGo-W5-UTF16``) so other code
registering reportlab's plain CID fonts cannot clash with it. Canvases run with
``invariant=1`` and a given creation date, so the same data always gives byte-identical PDFs
(no wall-clock timestamps or random document IDs).
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

__all__ = [
    "INK",
    "MONO",
    "MUTED",
    "SANS",
    "SANS_BOLD",
    "SERIF",
    "SERIF_ITALIC",
    "Face",
    "FontMissing",
    "draw",
    "fit_lines",
    "fit_size",
    "font_path",
    "new_canvas",
    "register_fonts",
    "show",
    "width",
    "wrap",
]

JAPANESE_FONT = "IPAexGothic"
FONT_PACKAGE = "matplotlib_fontja"
FONT_FILE = "fonts/ipaexg.ttf"

_FALLBACK_FACE = "HeiseiKakuGo-W5"
_FALLBACK_FONT = f"{_FALLBACK_FACE}-UTF16"
_CMAP = "UniJIS-UTF16-H"

INK = HexColor("#1f2328")
MUTED = HexColor("#5b6470")

# Stroke width of the emulated bold, as a share of the font size (IPAex has no bold weight).
_BOLD_STROKE = 0.035


class FontMissing(RuntimeError):
    """The Japanese font file is not installed (the environment was not set up by make)."""


def font_path() -> Path:
    """Where ipaexg.ttf is installed, found without importing the package that ships it."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / FONT_FILE
        if candidate.is_file():
            return candidate
    raise FontMissing(
        "PDFの日本語フォント（IPAexゴシック）が見つかりません。`make install` で依存パッケージ"
        f"（{FONT_PACKAGE.replace('_', '-')}）を入れ直してください。 / "
        "The Japanese PDF font (IPAex Gothic) is missing: run `make install` to reinstall "
        f"the dependencies ({FONT_PACKAGE.replace('_', '-')})."
    )


class _UTF16CIDFont(UnicodeCIDFont):
    """reportlab's UnicodeCIDFont, declared with the UTF-16 CMap (see the module docstring).

    reportlab already encodes the text as UTF-16BE; only the CMap name written into the font
    dictionary changes, so supplementary-plane characters (𠮷) map to their glyphs.
    """

    def __init__(self, face: str) -> None:
        super().__init__(face)
        self.encodingName = _CMAP
        # Its own name, so a plain UnicodeCIDFont(face) registered elsewhere in the process
        # neither replaces this one nor is replaced by it. The PDF's BaseFont still comes from
        # the face, so viewers see the standard font name.
        self.name = self.fontName = f"{face}-UTF16"


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register the embedded font and the fallback once per process.

    Returns the code points the embedded font draws (Basic Multilingual Plane only, see the
    module docstring); everything else non-Latin goes to the fallback."""
    font = TTFont(JAPANESE_FONT, str(font_path()))
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFont(_UTF16CIDFont(_FALLBACK_FACE))
    return frozenset(code for code in font.face.charToGlyph if code <= 0xFFFF)


def new_canvas(target: IO[bytes], *, pagesize: tuple[float, float], dated: date) -> Canvas:
    """A canvas for a reproducible Japanese document, its creation date set to `dated` (JST).

    invariant=1 would otherwise stamp 2000-01-01; the document's own date is both
    deterministic and what a reader of the file's properties expects to see."""
    register_fonts()
    canvas = Canvas(
        target, pagesize=pagesize, invariant=1, pageCompression=1, lang="ja", pdfVersion=(1, 5)
    )
    stamp = f"D:{dated:%Y%m%d}000000+09'00'"
    canvas.setDateFormatter(lambda *_parts: stamp)
    return canvas


@dataclass(frozen=True, slots=True)
class Face:
    """A text style: the standard font for Latin runs, and whether Japanese runs are bold.

    Japanese runs are always the embedded IPAex Gothic; the face decides the Latin font
    and the emulated bold."""

    latin: str
    bold: bool = False


SERIF = Face("Times-Roman")
SERIF_ITALIC = Face("Times-Italic")
SANS = Face("Helvetica")
SANS_BOLD = Face("Helvetica-Bold", bold=True)
MONO = Face("Courier")


def _is_latin(char: str) -> bool:
    """True when the standard (WinAnsi) fonts can draw the character."""
    if ord(char) > 0x24F:
        return False
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def runs(text: str, face: Face) -> Iterator[tuple[str, str]]:
    """Split text into (font name, run) pieces: Latin, embedded Japanese, or fallback."""
    embedded = register_fonts()

    def font_of(char: str) -> str:
        if _is_latin(char):
            return face.latin
        return JAPANESE_FONT if ord(char) in embedded else _FALLBACK_FONT

    for font, chars in itertools.groupby(text, key=font_of):
        yield font, "".join(chars)


def width(text: str, face: Face, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs(text, face))


def show(text_object: PDFTextObject, text: str, face: Face, size: float) -> None:
    """Add mixed Japanese/Latin text to a text object, run by run.

    One text object holds all runs, so viewers and text extraction see a single string.
    Bold Japanese runs are filled and stroked (render mode 2) with the line width the caller
    set, since the font has no bold weight; Latin runs use the face's bold font instead."""
    for font, run in runs(text, face):
        text_object.setFont(font, size)
        if face.bold:
            text_object.setTextRenderMode(0 if font == face.latin else 2)
        text_object.textOut(run)


def draw(
    c: Canvas,
    x: float,
    y: float,
    text: str,
    face: Face,
    size: float,
    color: Color = INK,
    align: str = "left",
) -> float:
    """Draw mixed Japanese/Latin text; returns its width so callers can place what follows."""
    text_width = width(text, face, size)
    if align == "center":
        x -= text_width / 2
    elif align == "right":
        x -= text_width
    if face.bold:
        # The stroke colour and width of the emulated bold are graphics state: scope them.
        c.saveState()
        c.setStrokeColor(color)
        c.setLineWidth(size * _BOLD_STROKE)
    c.setFillColor(color)
    text_object = c.beginText(x, y)
    show(text_object, text, face, size)
    c.drawText(text_object)
    if face.bold:
        c.restoreState()
        c.setFillColor(color)
    return text_width


def fit_size(text: str, face: Face, size: float, min_size: float, max_width: float) -> float:
    """The largest size (in 0.5 pt steps) at which the text fits, but not below min_size."""
    while size > min_size and width(text, face, size) > max_width:
        size -= 0.5
    return max(size, min_size)


# Latin words (with a following space) stay together; everything else may break per character.
_TOKEN = re.compile(r"[\x21-\x7e]+ ?|.", re.DOTALL)
_WORD = re.compile(r"\S+\s*")
# Characters that must not start a line (a minimal 禁則処理).
_NO_LINE_START = set("、。，．）」』】〕〉》・ー：；？！,.)]}")


def _greedy(tokens: list[str], face: Face, size: float, max_width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in tokens:
        candidate = line + token
        if line and width(candidate.rstrip(), face, size) > max_width:
            if token[0] in _NO_LINE_START and len(line) > 1:
                line, token = line[:-1], line[-1] + token
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def wrap(text: str, face: Face, size: float, max_width: float, *, anywhere: bool) -> list[str]:
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
        lines for lines in candidates if all(width(x, face, size) <= max_width for x in lines)
    ]
    # Fewest lines wins; on a tie the earlier (gentler) way of breaking.
    return min(fitting, key=len) if fitting else candidates[-1]


def fit_lines(
    text: str,
    face: Face,
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
    that, every line is still returned: a crowded document is better than one that silently
    drops part of a course title or a company name.
    """
    fitted = fit_size(text, face, size, min_size, max_width)
    if width(text, face, fitted) <= max_width:
        return fitted, [text]
    floor = min_size * 0.75
    while True:
        lines = wrap(text, face, fitted, max_width, anywhere=anywhere)
        if len(lines) <= max_lines or fitted <= floor:
            return fitted, lines
        fitted -= 0.5
