"""The report's downloads, from the page and the API: the files with their names, the period
read from the query, the export audited, a bad period explained, nobody else let in."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import Cast, bearer_client
from sousei.core import clock
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.impact.report_xlsx import XLSX_TYPE
from sousei.impact.tests.factories import completed_cohort

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 12, 3, 9))):
        yield D(2026, 12, 3)


@pytest.fixture
def placed(koga: Region) -> Region:
    with region_scope(koga):
        completed_cohort(koga, completers=5, placed=2)
    return koga


def signed_in(cast: Cast, role: str) -> Client:
    client = Client()
    client.force_login(cast.user(role))
    return client


def page_url(region: Region, form: str, query: str = "") -> str:
    return reverse(f"impact-report-{form}", kwargs={"slug": region.slug}) + query


def api_url(region: Region, form: str, query: str = "") -> str:
    return f"/api/v1/regions/{region.slug}/impact/report.{form}{query}"


def exports(region: Region) -> list[AuditEntry]:
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(region=region, action="impact.report_export").order_by("id")
        )


def test_the_page_downloads_the_workbook_of_the_period_asked(placed: Region, cast: Cast) -> None:
    response = signed_in(cast, "municipality").get(
        page_url(placed, "xlsx", "?from=2026-04-01&to=2026-12-03")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="impact-koga-2026-04-01_2026-12-03.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    book = load_workbook(io.BytesIO(response.content))
    assert book["概要"]["A3"].value == "期間：2026年4月1日〜2026年12月3日（期間別）"


def test_without_a_period_the_download_covers_this_fiscal_year_to_date(
    placed: Region, cast: Cast
) -> None:
    response = signed_in(cast, "operator").get(page_url(placed, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "impact-koga-2026-04-01_2026-12-03.pdf" in response["Content-Disposition"]
    first = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "2026年4月1日〜2026年12月3日" in first


def test_the_api_gives_the_city_the_same_hidden_figures(placed: Region, cast: Cast) -> None:
    client = bearer_client(cast.user("municipality"))
    response = client.get(api_url(placed, "xlsx", "?from=2026-04-01&to=2027-03-31&cohort=1"))
    assert response.status_code == 200
    assert "impact-koga-2026-04-01_2027-03-31.xlsx" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content))["概要"].iter_rows(values_only=True))
    assert ("ファネル", "有償案件に参画", "x", "人") in rows
    assert "コホート別" in rows[2][0]
    pdf = client.get(api_url(placed, "pdf"))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-1.5")


def test_every_export_is_audited_with_its_period_and_format(placed: Region, cast: Cast) -> None:
    signed_in(cast, "municipality").get(page_url(placed, "pdf", "?from=2026-05-01"))
    bearer_client(cast.user("operator")).get(api_url(placed, "xlsx"))
    entries = exports(placed)
    assert [(e.actor, e.changes["format"]) for e in entries] == [
        (cast.user("municipality"), "pdf"),
        (cast.user("operator"), "xlsx"),
    ]
    assert entries[0].changes["from"] == "2026-05-01"
    assert entries[0].changes["exact"] is False
    assert entries[1].changes["exact"] is True


def test_a_backwards_period_is_explained_not_guessed(placed: Region, cast: Cast) -> None:
    query = "?from=2026-12-01&to=2026-04-01"
    page = signed_in(cast, "municipality").get(page_url(placed, "pdf", query))
    assert page.status_code == 422
    assert "期間の終わりが始まりより前です" in page.content.decode()
    api = bearer_client(cast.user("municipality")).get(api_url(placed, "xlsx", query))
    assert api.status_code == 422
    assert exports(placed) == []


@pytest.mark.parametrize("query", ["?from=9999-01-01", "?to=x%00y", "?cohort=maybe", "?from="])
def test_hostile_periods_never_break_a_download(placed: Region, cast: Cast, query: str) -> None:
    assert signed_in(cast, "municipality").get(page_url(placed, "xlsx", query)).status_code in (
        200,
        422,
    )
    api = bearer_client(cast.user("municipality")).get(api_url(placed, "pdf", query))
    assert api.status_code in (200, 422)


def test_only_operators_and_the_city_of_the_region_download(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    for form in ("xlsx", "pdf"):
        for role in ("participant", "client", "candidate"):
            assert signed_in(cast, role).get(page_url(koga, form)).status_code == 403
            assert bearer_client(cast.user(role)).get(api_url(koga, form)).status_code == 403
        assert signed_in(cast, "municipality").get(page_url(fukutsu, form)).status_code == 404
        city = bearer_client(cast.user("municipality"))
        assert city.get(api_url(fukutsu, form)).status_code == 404
        assert "/login/" in Client().get(page_url(koga, form))["Location"]
        assert Client().get(api_url(koga, form)).status_code == 401


def test_the_openapi_document_gives_the_files_media_types(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    xlsx = paths["/api/v1/regions/{slug}/impact/report.xlsx"]["get"]
    pdf = paths["/api/v1/regions/{slug}/impact/report.pdf"]["get"]
    assert XLSX_TYPE in xlsx["responses"]["200"]["content"]
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    assert {p["name"] for p in pdf["parameters"]} >= {"slug", "from", "to", "cohort"}
