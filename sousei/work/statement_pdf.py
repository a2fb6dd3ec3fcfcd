"""The pay statement (給与明細書) as a Japanese A4 PDF: plain data in, PDF bytes out.

No ORM here (the views build a :class:`StatementData` from a ``PayStatement``). Every line of
the statement is printed with its arithmetic — minutes × hourly rate × multiplier ÷ 60,
rounded half up once per line — so the person can check the gross by hand. Fonts are the
Adobe-Japan1 CID fonts registered by the certificate module (see its docstring for why).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from sousei.training.certificate_pdf import (  # the shared Japanese text helpers
    _GOTHIC,
    _GOTHIC_BOLD,
    _MINCHO,
    _draw,
    _register_fonts,
    format_date_ja,
)

_INK = HexColor("#1f2328")
_MUTED = HexColor("#5b6470")
_RULE = HexColor("#c9ced6")
_BAND = HexColor("#eef2f7")


@dataclass(frozen=True, slots=True)
class StatementLineData:
    kind_label: str  # Japanese, e.g. 時間外労働
    minutes: int
    rate_jpy: int
    multiplier: Decimal
    amount_jpy: int
    adjusts_month: date | None = None


@dataclass(frozen=True, slots=True)
class StatementData:
    month: date
    person_name: str
    person_kana: str
    participant_number: str
    project_title: str
    client_name: str
    region_name: str
    issuer: str
    days_worked: int
    worked_minutes: int
    overtime_minutes: int
    late_night_minutes: int
    holiday_minutes: int
    gross_jpy: int
    lines: tuple[StatementLineData, ...]
    completed_on: date | None = None


def yen(amount: int) -> str:
    return f"-¥{-amount:,}" if amount < 0 else f"¥{amount:,}"


def hours_minutes(minutes: int) -> str:
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60}時間{minutes % 60:02d}分"


def statement_filename(data: StatementData) -> str:
    safe = "".join(ch for ch in data.participant_number if ch.isalnum()) or "statement"
    return f"pay-statement-{data.month:%Y-%m}-{safe}.pdf"


def render_statement_pdf(data: StatementData) -> bytes:
    """One statement on A4 portrait pages (the lines continue on a new page if needed)."""
    _register_fonts()
    buffer = BytesIO()
    width, height = A4
    c = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, lang="ja", pdfVersion=(1, 5))
    stamp_day = data.completed_on or data.month
    stamp = f"D:{stamp_day:%Y%m%d}000000+09'00'"
    c.setDateFormatter(lambda *_parts: stamp)
    c.setTitle(f"給与明細書 {data.month.year}年{data.month.month}月分 {data.person_name}")
    c.setAuthor(data.issuer)
    c.setCreator("Sousei 創生")
    left, right = 48.0, width - 48.0

    y = height - 60
    _draw(c, left, y, "給与明細書", _MINCHO, 22)
    _draw(c, right, y, f"{data.month.year}年{data.month.month}月分", _MINCHO, 16, align="right")
    y -= 18
    _draw(c, left, y, "Pay statement (gross pay from approved time records)", _GOTHIC, 8.5, _MUTED)
    y -= 30

    rows = [
        ("氏名", f"{data.person_name}（{data.person_kana}）"),
        ("参加者番号", data.participant_number),
        ("案件", data.project_title),
        ("取引先", data.client_name),
        ("地域", data.region_name),
        ("支払者", data.issuer),
    ]
    for label, value in rows:
        _draw(c, left, y, label, _GOTHIC, 9.5, _MUTED)
        _draw(c, left + 78, y, value, _GOTHIC, 10.5)
        y -= 17
    y -= 8

    summary = [
        ("出勤日数", f"{data.days_worked}日"),
        ("総労働時間", hours_minutes(data.worked_minutes)),
        ("時間外", hours_minutes(data.overtime_minutes)),
        ("深夜", hours_minutes(data.late_night_minutes)),
        ("法定休日", hours_minutes(data.holiday_minutes)),
    ]
    box_w = (right - left) / len(summary)
    c.setFillColor(_BAND)
    c.rect(left, y - 34, right - left, 42, stroke=0, fill=1)
    for n, (label, value) in enumerate(summary):
        x = left + n * box_w + 8
        _draw(c, x, y - 6, label, _GOTHIC, 8.5, _MUTED)
        _draw(c, x, y - 24, value, _GOTHIC_BOLD, 10.5)
    y -= 62

    columns = [left, left + 170, left + 240, left + 300, left + 350]
    headers = ["区分", "時間", "時給", "割増率", "計算（分 × 時給 × 割増率 ÷ 60）"]

    def header(at: float) -> float:
        for x, text in zip(columns, headers, strict=True):
            _draw(c, x, at, text, _GOTHIC_BOLD, 9)
        _draw(c, right, at, "金額", _GOTHIC_BOLD, 9, align="right")
        c.setStrokeColor(_RULE)
        c.line(left, at - 6, right, at - 6)
        return at - 22

    y = header(y)
    for line in data.lines:
        if y < 120:
            c.showPage()
            y = header(height - 60)
        _draw(c, columns[0], y, line.kind_label, _GOTHIC, 9)
        _draw(c, columns[1], y, hours_minutes(line.minutes), _GOTHIC, 9)
        _draw(c, columns[2], y, yen(line.rate_jpy), _GOTHIC, 9)
        _draw(c, columns[3], y, f"{line.multiplier:.2f}", _GOTHIC, 9)
        formula = (
            f"{line.minutes:,}分 × {yen(line.rate_jpy)} × {line.multiplier:.2f} ÷ 60"
            if line.adjusts_month is None
            else f"{line.adjusts_month.year}年{line.adjusts_month.month}月分の訂正"
            "（再計算額 − 支払済み額）"
        )
        _draw(c, columns[4], y, formula, _GOTHIC, 8, _MUTED)
        _draw(c, right, y, yen(line.amount_jpy), _GOTHIC, 9.5, align="right")
        c.setStrokeColor(_RULE)
        c.line(left, y - 7, right, y - 7)
        y -= 21
    y -= 6
    _draw(c, columns[0], y, "総支給額", _GOTHIC_BOLD, 12)
    _draw(c, right, y, yen(data.gross_jpy), _GOTHIC_BOLD, 14, align="right")
    y -= 30

    notes = [
        "各行の金額は「分 × 時給 × 割増率 ÷ 60」を行ごとに1回、1円未満を四捨五入したものです。",
        "割増率: 時間外 1.25（月60時間超 1.50）、深夜（22時〜5時）+0.25、法定休日 1.35"
        "（労働基準法第37条、割増賃金令）。",
        "法定労働時間は1日8時間・1週40時間です（労働基準法第32条）。",
        "この明細は総支給額です。所得税・社会保険料などの控除は含みません（労働基準法第24条）。",
    ]
    for note in notes:
        if y < 50:
            c.showPage()
            y = height - 60
        _draw(c, left, y, note, _GOTHIC, 8, _MUTED)
        y -= 13
    if data.completed_on is not None:
        _draw(
            c, right, 36, f"確定日 {format_date_ja(data.completed_on)}", _GOTHIC, 8, align="right"
        )
    c.showPage()
    c.save()
    return buffer.getvalue()
