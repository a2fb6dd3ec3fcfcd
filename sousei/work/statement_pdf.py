"""The pay statement (給与明細書) as a Japanese A4 PDF: plain data in, PDF bytes out.

No ORM here (the views build a :class:`StatementData` from a ``PayStatement``). Every line of
the statement is printed with its arithmetic — minutes × hourly rate × multiplier ÷ 60,
rounded half up once per line — so the person can check the gross by hand. Fonts and text
drawing come from :mod:`sousei.core.pdf` (Japanese embedded as IPAex Gothic), amounts, hours
and dates from :mod:`sousei.core.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4

from sousei.core.pdf import MUTED, SANS, SANS_BOLD, SERIF, draw, new_canvas
from sousei.core.text import format_date_ja, format_month_ja, hours_minutes_ja, yen

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


def statement_filename(data: StatementData) -> str:
    safe = "".join(ch for ch in data.participant_number if ch.isalnum()) or "statement"
    return f"pay-statement-{data.month:%Y-%m}-{safe}.pdf"


def render_statement_pdf(data: StatementData) -> bytes:
    """One statement on A4 portrait pages (the lines continue on a new page if needed)."""
    buffer = BytesIO()
    width, height = A4
    c = new_canvas(buffer, pagesize=A4, dated=data.completed_on or data.month)
    c.setTitle(f"給与明細書 {format_month_ja(data.month)}分 {data.person_name}")
    c.setAuthor(data.issuer)
    c.setCreator("Sousei 創生")
    left, right = 48.0, width - 48.0

    y = height - 60
    draw(c, left, y, "給与明細書", SERIF, 22)
    draw(c, right, y, f"{format_month_ja(data.month)}分", SERIF, 16, align="right")
    y -= 18
    draw(c, left, y, "Pay statement (gross pay from approved time records)", SANS, 8.5, MUTED)
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
        draw(c, left, y, label, SANS, 9.5, MUTED)
        draw(c, left + 78, y, value, SANS, 10.5)
        y -= 17
    y -= 8

    summary = [
        ("出勤日数", f"{data.days_worked}日"),
        ("総労働時間", hours_minutes_ja(data.worked_minutes)),
        ("時間外", hours_minutes_ja(data.overtime_minutes)),
        ("深夜", hours_minutes_ja(data.late_night_minutes)),
        ("法定休日", hours_minutes_ja(data.holiday_minutes)),
    ]
    box_w = (right - left) / len(summary)
    c.setFillColor(_BAND)
    c.rect(left, y - 34, right - left, 42, stroke=0, fill=1)
    for n, (label, value) in enumerate(summary):
        x = left + n * box_w + 8
        draw(c, x, y - 6, label, SANS, 8.5, MUTED)
        draw(c, x, y - 24, value, SANS_BOLD, 10.5)
    y -= 62

    columns = [left, left + 170, left + 240, left + 300, left + 350]
    headers = ["区分", "時間", "時給", "割増率", "計算（分 × 時給 × 割増率 ÷ 60）"]

    def header(at: float) -> float:
        for x, text in zip(columns, headers, strict=True):
            draw(c, x, at, text, SANS_BOLD, 9)
        draw(c, right, at, "金額", SANS_BOLD, 9, align="right")
        c.setStrokeColor(_RULE)
        c.line(left, at - 6, right, at - 6)
        return at - 22

    y = header(y)
    for line in data.lines:
        if y < 120:
            c.showPage()
            y = header(height - 60)
        draw(c, columns[0], y, line.kind_label, SANS, 9)
        draw(c, columns[1], y, hours_minutes_ja(line.minutes), SANS, 9)
        draw(c, columns[2], y, yen(line.rate_jpy), SANS, 9)
        draw(c, columns[3], y, f"{line.multiplier:.2f}", SANS, 9)
        formula = (
            f"{line.minutes:,}分 × {yen(line.rate_jpy)} × {line.multiplier:.2f} ÷ 60"
            if line.adjusts_month is None
            else f"{format_month_ja(line.adjusts_month)}分の訂正（再計算額 − 支払済み額）"
        )
        draw(c, columns[4], y, formula, SANS, 8, MUTED)
        draw(c, right, y, yen(line.amount_jpy), SANS, 9.5, align="right")
        c.setStrokeColor(_RULE)
        c.line(left, y - 7, right, y - 7)
        y -= 21
    y -= 6
    draw(c, columns[0], y, "総支給額", SANS_BOLD, 12)
    draw(c, right, y, yen(data.gross_jpy), SANS_BOLD, 14, align="right")
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
        draw(c, left, y, note, SANS, 8, MUTED)
        y -= 13
    if data.completed_on is not None:
        completed = format_date_ja(data.completed_on, weekday=False)
        draw(c, right, 36, f"確定日 {completed}", SANS, 8, align="right")
    c.showPage()
    c.save()
    return buffer.getvalue()
