"""The impact report for the council as a PDF: A4 portrait, Japanese in the embedded IPAex
font (`sousei.core.pdf`), the region and period in the title, dated, every page numbered;
the KPIs with their grades, the funnel, employment, income, staying, hires, the monthly trend
(a bar chart and its table), the cohorts and the KPIs year by year, and the definitions on
the last page. Plain data in (`ImpactReport`), bytes out; no ORM.

Hidden figures are printed x, with the note saying why under each table that has one. The
canvas is reproducible (`pdf.new_canvas`: invariant, dated on the day the report was made),
so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from sousei.core import pdf
from sousei.impact.definitions import DAYS, PEOPLE, PERCENT, YEN
from sousei.impact.report import (
    TEXT,
    ImpactReport,
    Item,
    Table,
    cohort_table,
    day_text,
    definitions_table,
    figures_text,
    generated_text,
    hidden_note,
    kpi_history_table,
    kpi_table,
    month_text,
    period_text,
    stage_headings,
    title_text,
    trend_table,
    written,
)

PDF_TYPE = "application/pdf"
PAGE_SIZE = A4
MARGIN = 16 * mm
FONT = pdf.JAPANESE_FONT
_HEAD = colors.HexColor("#dde5f0")
_GRID = colors.HexColor("#9aa5b1")
_BAR = colors.HexColor("#1d5a96")


def _styles() -> dict[str, ParagraphStyle]:
    # Paragraphs look fonts up by family; IPAex has one weight, so it is every member.
    pdf.register_fonts()
    registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=9, leading=13, wordWrap="CJK", textColor=pdf.INK
    )
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=23, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=10.5),
        "muted": ParagraphStyle("muted", parent=base, textColor=pdf.MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.5),
        "def_title": ParagraphStyle("def_title", parent=base, fontSize=9, leading=12),
        "def_text": ParagraphStyle("def_text", parent=base, fontSize=8, leading=11),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _grid(
    headings: Sequence[str],
    rows: Sequence[Sequence[Item]],
    styles: Mapping[str, ParagraphStyle],
    *,
    widths: Sequence[float] | None = None,
    total: Sequence[Item] | None = None,
) -> PdfTable:
    """A table with a shaded heading row; numbers right-aligned, text wrapped."""
    cell = styles["cell"]
    data: list[list[Any]] = [[_p(h, cell) for h in headings]]
    body = [*rows, total] if total is not None else list(rows)
    for row in body:
        data.append(
            [_p(written(item), cell) if item.unit == TEXT else written(item) for item in row]
        )
    table = PdfTable(data, colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for column in range(len(headings)):
        units = {row[column].unit for row in body}
        if units and TEXT not in units:
            align = "CENTER" if units == {"grade"} else "RIGHT"
            commands.append(("ALIGN", (column, 1), (column, -1), align))
    if total is not None:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f2f4f7")))
    table.setStyle(TableStyle(commands))
    return table


def _with_note(
    table: Table, grid: PdfTable, styles: Mapping[str, ParagraphStyle]
) -> list[Flowable]:
    parts: list[Flowable] = [_p(table.title, styles["h2"]), grid]
    if table.anything_hidden:
        parts.append(_p(hidden_note(), styles["small"]))
    return parts


def _figure_table(
    title: str,
    headings: Sequence[str],
    rows: Sequence[Sequence[Item]],
    styles: Mapping[str, ParagraphStyle],
    widths: Sequence[float] | None = None,
) -> list[Flowable]:
    table = Table("figures", title, tuple(headings), tuple(tuple(r) for r in rows))
    return [KeepTogether(_with_note(table, _grid(headings, rows, styles, widths=widths), styles))]


def _value(summary: Mapping[str, Any], dotted: str) -> Any:
    value: Any = summary
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _sections(report: ImpactReport, styles: Mapping[str, ParagraphStyle]) -> list[Flowable]:
    s = report.summary
    width = PAGE_SIZE[0] - 2 * MARGIN
    parts: list[Flowable] = []

    kpis = kpi_table(report)
    parts.append(
        KeepTogether(
            _with_note(
                kpis,
                _grid(
                    kpis.headings,
                    kpis.rows,
                    styles,
                    widths=[width * 0.40, width * 0.16, width * 0.16, width * 0.16, width * 0.12],
                ),
                styles,
            )
        )
    )
    if not kpis.rows:
        parts.append(_p(_("No KPI targets are set for this fiscal year."), styles["muted"]))
    parts.append(
        _p(
            _("Grades: ◎ achieved, ○ at least 80 per cent, △ some progress, × none."),
            styles["small"],
        )
    )

    funnel_items = [Item(_value(s, f"funnel.{k}"), PEOPLE) for k in s["funnel"]]
    parts += _figure_table(_("Funnel"), stage_headings(), [funnel_items], styles)

    parts += _figure_table(
        _("Employment (就職率, MHLW definition) and income"),
        (_("Figure"), _("Value")),
        [
            (
                Item(_("Employed (insured)")),
                Item(_value(s, "employment_rate_mhlw.employed"), PEOPLE),
            ),
            (Item(_("Denominator")), Item(_value(s, "employment_rate_mhlw.denominator"), PEOPLE)),
            (
                Item(_("就職率 (MHLW definition)")),
                Item(_value(s, "employment_rate_mhlw.rate"), PERCENT),
            ),
            (Item(_("Before (median a month)")), Item(_value(s, "income.median_before_jpy"), YEN)),
            (Item(_("After (median a month)")), Item(_value(s, "income.median_after_jpy"), YEN)),
            (Item(_("Change (median a month)")), Item(_value(s, "income.median_change_jpy"), YEN)),
            (
                Item(_("Wages paid to residents")),
                Item(_value(s, "income.wages_paid_in_region_jpy"), YEN),
            ),
        ],
        styles,
        widths=[width * 0.6, width * 0.4],
    )

    wioa_rows = []
    for key, label, numerator, denominator in (
        ("employment_q2", _("Employment, 2nd quarter after exit"), "employed", "exiters"),
        ("employment_q4", _("Employment, 4th quarter after exit"), "employed", "exiters"),
        ("credential", _("Credential attainment (WIOA)"), "attained", "exiters"),
        ("skill_gains", _("Measurable skill gains (WIOA)"), "gained", "in_training"),
    ):
        wioa_rows.append(
            (
                Item(label),
                Item(_value(s, f"wioa.{key}.{numerator}"), PEOPLE),
                Item(_value(s, f"wioa.{key}.{denominator}"), PEOPLE),
                Item(_value(s, f"wioa.{key}.rate"), PERCENT),
            )
        )
    parts += _figure_table(
        _("WIOA-style figures"),
        (_("Figure"), _("People counted"), _("Out of"), pgettext("impact report", "Rate")),
        wioa_rows,
        styles,
        widths=[width * 0.46, width * 0.18, width * 0.18, width * 0.18],
    )
    parts.append(
        _p(
            _("Median earnings, 2nd quarter after exit: %(value)s")
            % {"value": written(Item(_value(s, "wioa.median_earnings_q2_jpy"), YEN))},
            styles["body"],
        )
    )

    staying_rows = [
        (
            Item(label),
            Item(_value(s, f"retention.months_{m}.asked"), PEOPLE),
            Item(_value(s, f"retention.months_{m}.answered"), PEOPLE),
            Item(_value(s, f"retention.months_{m}.staying"), PEOPLE),
            Item(_value(s, f"retention.months_{m}.rate"), PERCENT),
        )
        for m, label in ((6, _("6 months")), (12, _("12 months")))
    ]
    parts += _figure_table(
        _("Staying in the region (定住率)"),
        (_("After"), _("Asked"), _("Answered"), _("Staying"), pgettext("impact report", "Rate")),
        staying_rows,
        styles,
    )
    parts += _figure_table(
        _("Location-free hiring"),
        (
            _("Hires"),
            _("Hires living in the region"),
            _("Median days to hire"),
            _("Hires through events"),
        ),
        [
            (
                Item(_value(s, "hires.hires"), PEOPLE),
                Item(_value(s, "hires.in_region"), PEOPLE),
                Item(_value(s, "hires.median_days_to_hire"), DAYS),
                Item(_value(s, "hires.from_events"), PEOPLE),
            )
        ],
        styles,
    )

    trend = trend_table(report)
    parts.append(PageBreak())
    parts.append(_p(trend.title, styles["h2"]))
    parts.append(_wages_chart(report, width))
    parts += _with_note(
        trend, _grid(trend.headings, trend.rows, styles, total=trend.total), styles
    )[1:]

    cohorts = cohort_table(report)
    parts += _with_note(
        cohorts, _grid(cohorts.headings, cohorts.rows, styles, total=cohorts.total), styles
    )

    history = kpi_history_table(report)
    if history.rows:
        parts += _with_note(
            history,
            _grid(
                history.headings,
                history.rows,
                styles,
                widths=[
                    width * 0.1,
                    width * 0.34,
                    width * 0.14,
                    width * 0.14,
                    width * 0.16,
                    width * 0.12,
                ],
            ),
            styles,
        )
    return parts


def _wages_chart(report: ImpactReport, width: float) -> Drawing:
    """Wages paid to residents month by month, in 10,000 yen; a hidden month has no bar and
    its label is marked x."""
    months = report.trend["months"]
    height = 150.0
    drawing = Drawing(width, height)
    values = [row.get("wages_paid_jpy") for row in months.values()]
    labels = [
        month_text(key, report.language)[5:] if report.language == "ja" else key[5:]
        for key in months
    ]
    labels = [
        f"{label} x" if value is None else label
        for label, value in zip(labels, values, strict=True)
    ]
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 28
    chart.width, chart.height = width - 50, height - 50
    chart.data = [[None if v is None else v / 10_000 for v in values] or [0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    shown = [v / 10_000 for v in values if v is not None]
    if not shown or max(shown) == 0:
        chart.valueAxis.valueMax = 1
    chart.bars[0].fillColor = _BAR
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    drawing.add(
        String(0, height - 12, _("Wages paid to residents (10,000 yen)"), fontName=FONT, fontSize=8)
    )
    return drawing


def _definitions(styles: Mapping[str, ParagraphStyle]) -> list[Flowable]:
    table = definitions_table()
    width = PAGE_SIZE[0] - 2 * MARGIN
    data = [
        [_p(str(title.value), styles["def_title"]), _p(str(text.value), styles["def_text"])]
        for title, text in table.rows
    ]
    grid = PdfTable(data, colWidths=[width * 0.28, width * 0.72])
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, _GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return [PageBreak(), _p(table.title, styles["title"]), grid]


def report_pdf(report: ImpactReport) -> bytes:
    """The report's bytes: A4, Japanese (or English), the definitions on the last page."""
    with translation.override(report.language):
        styles = _styles()
        buffer = io.BytesIO()
        title = title_text(report)
        footer = _("%(title)s · made %(day)s") % {
            "title": title,
            "day": day_text(report.generated_at.date(), report.language),
        }

        def canvasmaker(target: Any, *, pagesize: tuple[float, float], **_options: Any) -> Canvas:
            return pdf.new_canvas(target, pagesize=pagesize, dated=report.generated_at.date())

        def on_page(canvas: Canvas, doc: SimpleDocTemplate) -> None:
            canvas.saveState()
            canvas.setFont(FONT, 7.5)
            canvas.setFillColor(pdf.MUTED)
            canvas.drawString(MARGIN, 9 * mm, footer)
            canvas.drawRightString(
                PAGE_SIZE[0] - MARGIN, 9 * mm, _("page %(page)s") % {"page": doc.page}
            )
            canvas.restoreState()

        doc = SimpleDocTemplate(
            buffer,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=16 * mm,
            title=title,
            author=report.region_name,
            subject=period_text(report),
            invariant=1,
            lang="ja" if report.language == "ja" else "en",
        )
        story: list[Flowable] = [
            _p(title, styles["title"]),
            _p(_("Period: %(period)s") % {"period": period_text(report)}, styles["body"]),
            _p(_("Made: %(moment)s") % {"moment": generated_text(report)}, styles["body"]),
            _p(figures_text(report), styles["muted"]),
            Spacer(0, 4),
            *_sections(report, styles),
            *_definitions(styles),
        ]
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvasmaker)
        return buffer.getvalue()
