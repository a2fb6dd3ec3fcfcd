"""The council's report: the workbook (a sheet per table, Japanese headings, yen as numbers)
and the PDF (A4, the embedded Japanese font, dated, the definitions last), both hiding
exactly what the city's summary hides, built in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.impact import selectors
from sousei.impact.definitions import definitions, figures
from sousei.impact.report import ImpactReport
from sousei.impact.report_pdf import report_pdf
from sousei.impact.report_xlsx import report_workbook
from sousei.impact.services import kpi_targets_set
from sousei.impact.tests.factories import completed_cohort

pytestmark = pytest.mark.django_db
D = dt.date
OPERATOR = Reader(user_id=1, roles=frozenset({Role.OPERATOR}))
CITY = Reader(user_id=2, roles=frozenset({Role.MUNICIPALITY}))
FY2026 = selectors.SummaryPeriod(D(2026, 4, 1), D(2027, 2, 15))


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2027, 2, 15, 9, 30))):
        yield D(2027, 2, 15)


@pytest.fixture
def graded(koga: Region, cast: Cast) -> Region:
    """Five completed in FY2026, two of them placed on paid work (hidden from the city)."""
    with region_scope(koga):
        completed_cohort(koga, completers=5, placed=2)
        kpi_targets_set(
            region=koga,
            fiscal_year=2026,
            targets={"completers": 6, "placed": 3, "income_change_median": 30_000},
            actor=cast.user("operator"),
        )
    return koga


def report_of(region: Region, reader: Reader) -> ImpactReport:
    with region_scope(region):
        return selectors.impact_report(region=region, period=FY2026, reader=reader)


def sheet_rows(book: Any, name: str) -> list[tuple[Any, ...]]:
    return list(book[name].iter_rows(values_only=True))


def row_of(rows: list[tuple[Any, ...]], label: str) -> tuple[Any, ...]:
    return next(row for row in rows if label in row)


def funnel_line(text: str) -> list[str]:
    """The funnel's six values as the PDF's text gives them (a cell a line, after the
    section's title and its six headings)."""
    lines = text.splitlines()
    start = lines.index("ファネル")
    return lines[start + 7 : start + 13]


def pdf_pages(body: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


# --- the workbook ---------------------------------------------------------------------------


def test_the_workbook_has_a_sheet_per_table_with_japanese_headings(graded: Region) -> None:
    book = load_workbook(io.BytesIO(report_workbook(report_of(graded, OPERATOR))))
    assert book.sheetnames == ["概要", "KPI", "KPI推移", "ファネル(コホート)", "月次推移", "定義"]
    summary = sheet_rows(book, "概要")
    # Title rows: the region, the period, the moment it was made.
    assert "古賀市" in summary[0][0]
    assert summary[2][0] == "期間：2026年4月1日〜2027年2月15日（期間別）"
    assert summary[3][0] == "作成：2027年2月15日 09:30"
    assert ("区分", "指標", "値", "単位") in summary
    assert ("ファネル", "研修修了", 5, "人") in summary
    assert ("ファネル", "有償案件に参画", 2, "人") in summary
    kpis = sheet_rows(book, "KPI")
    assert ("指標", "目標", "実績", "目標に対する割合(%)", "評価") in kpis
    assert row_of(kpis, "研修修了者数")[1:] == (6, 5, 83, "○")
    cohorts = sheet_rows(book, "ファネル(コホート)")
    assert row_of(cohorts, "2026年度")[1:] == (5, 5, 5, 5, 2, 5)
    assert row_of(cohorts, "合計")[1:] == (5, 5, 5, 5, 2, 5)
    months = sheet_rows(book, "月次推移")
    assert (row_of(months, "月")[:7]) == (
        "月",
        "申込",
        "受講決定",
        "研修開始",
        "研修修了",
        "有償案件に参画",
        "進路決定",
    )
    assert row_of(months, "2026年7月")[4] == 5  # the five completed in July
    definitions = sheet_rows(book, "定義")
    assert any(row[0] and "就職率" in row[0] for row in definitions)
    assert any(row[0] and "秘匿" in row[0] for row in definitions)


def test_yen_are_integers_with_a_yen_format(graded: Region) -> None:
    book = load_workbook(io.BytesIO(report_workbook(report_of(graded, OPERATOR))))
    sheet = book["概要"]
    cell = next(row[2] for row in sheet.iter_rows() if row[1].value == "変化（月額中央値）")
    assert cell.value == 50_000  # changes of 30k..70k: the median is 50,000
    assert isinstance(cell.value, int)
    assert "¥" in cell.number_format


def test_the_city_sees_x_in_the_workbook_where_the_summary_hides(graded: Region) -> None:
    report = report_of(graded, CITY)
    assert report.summary["funnel"]["placed"] is None
    assert "funnel.placed" in report.summary["suppressed"]
    book = load_workbook(io.BytesIO(report_workbook(report)))
    summary = sheet_rows(book, "概要")
    assert ("ファネル", "有償案件に参画", "x", "人") in summary
    assert any(row[0] and "x：秘匿" in str(row[0]) for row in summary)
    assert "秘匿" in summary[4][0]
    # The KPI measured by it is hidden too, grade and all; the cohorts' 2 placed as well.
    assert row_of(sheet_rows(book, "KPI"), "有償案件への参画者数")[1:] == (3, "x", "x", "x")
    assert row_of(sheet_rows(book, "ファネル(コホート)"), "2026年度")[5] == "x"
    # Nowhere in the workbook is the hidden 2 written as a number of people placed.
    for name in ("概要", "ファネル(コホート)"):
        for row in sheet_rows(book, name):
            if "有償案件に参画" in row or "2026年度" in row:
                assert 2 not in row


# --- the PDF --------------------------------------------------------------------------------


def test_the_pdf_is_a4_dated_with_the_font_embedded(graded: Region) -> None:
    body = report_pdf(report_of(graded, OPERATOR))
    reader = PdfReader(io.BytesIO(body))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )
    fonts = [
        font.get_object()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    ]
    embedded = [
        font
        for font in fonts
        if "/FontDescriptor" in font and "/FontFile2" in font["/FontDescriptor"]
    ]
    assert any("IPAexGothic" in str(font["/BaseFont"]) for font in embedded)
    first = reader.pages[0].extract_text()
    assert "古賀市" in first
    assert "2026年4月1日〜2027年2月15日" in first
    assert "作成：2027年2月15日" in first
    assert str(reader.metadata.get("/CreationDate", "")).startswith("D:20270215")  # type: ignore[union-attr]


def test_the_definitions_are_on_the_last_page(graded: Region) -> None:
    pages = pdf_pages(report_pdf(report_of(graded, OPERATOR)))
    assert len(pages) >= 2
    last = pages[-1]
    assert "定義" in last
    assert "雇用保険" in last  # 就職率's definition
    assert "秘匿" in last
    assert all("雇用保険の適用される仕事" not in page for page in pages[:-1])


def test_the_pdf_shows_grades_and_the_funnel(graded: Region) -> None:
    text = "\n".join(pdf_pages(report_pdf(report_of(graded, OPERATOR))))
    assert "○" in text  # 5 of 6 completers
    assert "◎" in text  # the median change of ¥50,000 against ¥30,000
    assert funnel_line(text) == ["5", "5", "5", "5", "2", "5"]
    assert "¥50,000" in text


def test_the_city_sees_x_in_the_pdf_where_the_summary_hides(graded: Region) -> None:
    text = "\n".join(pdf_pages(report_pdf(report_of(graded, CITY))))
    assert funnel_line(text) == ["5", "5", "5", "5", "x", "5"]
    assert "秘匿" in text


def test_the_same_data_gives_the_same_bytes(graded: Region) -> None:
    report = report_of(graded, CITY)
    assert report_pdf(report) == report_pdf(report)


def test_an_empty_region_still_makes_both_files(koga: Region) -> None:
    report = report_of(koga, CITY)
    assert pdf_pages(report_pdf(report))
    assert load_workbook(io.BytesIO(report_workbook(report))).sheetnames[0] == "概要"


def test_the_report_is_a_fixed_number_of_queries(
    koga: Region, cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    with region_scope(koga):
        completed_cohort(koga, completers=3, placed=3)
        kpi_targets_set(
            region=koga, fiscal_year=2026, targets={"completers": 3}, actor=cast.user("operator")
        )
    with django_assert_max_num_queries(14) as few:
        report_of(koga, CITY)
    with region_scope(koga):
        completed_cohort(koga, completers=40, placed=20, first_id=100)
        for year in (2024, 2025):
            kpi_targets_set(
                region=koga,
                fiscal_year=year,
                targets={"completers": 3, "placed": 2},
                actor=cast.user("operator"),
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        report = report_of(koga, CITY)
    assert [line.fiscal_year for line in report.kpi_history] == [2024, 2024, 2025, 2025, 2026]


def test_every_figure_the_summary_hides_is_x_in_the_workbook_and_no_other(
    graded: Region,
) -> None:
    report = report_of(graded, CITY)
    rows = sheet_rows(load_workbook(io.BytesIO(report_workbook(report))), "概要")
    with translation.override("ja"):
        listed = figures()
    values = {str(f.label): row[2] for f in listed for row in rows if row[1] == str(f.label)}
    assert len(values) == len(listed)
    hidden = set(report.summary["suppressed"])
    for figure in listed:
        written = values[str(figure.label)]
        assert (written == "x") == (figure.name in hidden), figure.name


def test_the_definitions_page_holds_every_definition(graded: Region) -> None:
    last = pdf_pages(report_pdf(report_of(graded, CITY)))[-1].replace("\n", "")
    with translation.override("ja"):
        for title, _text in definitions():
            assert title in last


def test_the_report_can_be_made_in_english(graded: Region) -> None:
    with region_scope(graded):
        report = selectors.impact_report(region=graded, period=FY2026, reader=CITY, language="en")
    book = load_workbook(io.BytesIO(report_workbook(report)))
    assert book.sheetnames[0] == "Summary"
    assert book["Summary"]["A1"].value.startswith("Koga City")
    assert "1 April 2026 to 15 February 2027" in pdf_pages(report_pdf(report))[0]
