"""The intake pages: public form, operator list and decision."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.people.models import Application, Participant
from sousei.people.tests.factories import ApplicationFactory
from sousei.people.tests.payloads import application_payload

pytestmark = pytest.mark.django_db


def test_the_form_stores_an_application_and_shows_a_receipt(koga: Region) -> None:
    client = Client()
    response = client.post("/r/koga/apply/", application_payload(koga, form=True))
    assert response.status_code == 302
    assert response.url == "/r/koga/apply/done/"  # type: ignore[attr-defined]
    with region_scope(koga):
        assert Application.objects.count() == 1
    assert client.get(response.url).status_code == 200  # type: ignore[attr-defined]


def test_the_form_shows_why_a_postal_code_is_refused_next_to_the_field(koga: Region) -> None:
    response = Client().post(
        "/r/koga/apply/", application_payload(koga, form=True, postal_code="811-3201")
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "福津市" in form.errors["postal_code"][0]
    assert "福津市" in response.content.decode()
    with region_scope(koga):
        assert not Application.objects.exists()


def test_the_form_speaks_english_when_asked(koga: Region) -> None:
    client = Client(headers={"accept-language": "en"})
    client.cookies["django_language"] = "en"
    response = client.post(
        "/r/koga/apply/", application_payload(koga, form=True, consent_program="")
    )
    assert "purpose of use" in response.context["form"].errors["consent_program"][0]


def test_the_list_page_runs_constant_queries(
    cast: Cast, koga: Region, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = Client()
    client.force_login(cast.user("operator"))
    client.get("/r/koga/applications/")
    with region_scope(koga):
        ApplicationFactory.create_batch(3, region=koga)
    # session + user + region + memberships + count + page ids + rows
    with django_assert_num_queries(7):
        page = client.get("/r/koga/applications/?status=submitted")
    assert page.context["page"].count == 3
    with region_scope(koga):
        ApplicationFactory.create_batch(60, region=koga)
    with django_assert_num_queries(7):
        page = client.get("/r/koga/applications/?status=submitted&page=2")
    assert page.context["page"].count == 63
    assert len(page.context["page"].items) == 13


def test_an_operator_accepts_on_the_detail_page(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        application = ApplicationFactory.create(region=koga)
    client = Client()
    client.force_login(cast.user("operator"))
    url = f"/r/koga/applications/{application.pk}/"
    response = client.post(url, {"decision": "accept", "reason": "説明会参加済み", "confirm": "on"})
    assert response.status_code == 302
    page = client.get(url)
    assert page.context["participant"] is not None
    with region_scope(koga):
        assert Participant.objects.count() == 1
        assert AuditEntry.objects.filter(action="application.accept").exists()


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_final_decision_asks_for_confirmation_first(
    cast: Cast, koga: Region, decision: str
) -> None:
    """Accepting and rejecting cannot be undone and e-mail the applicant: the box must be
    ticked. Waitlisting can still be changed, so it needs none."""
    with region_scope(koga):
        application = ApplicationFactory.create(region=koga)
    client = Client()
    client.force_login(cast.user("operator"))
    url = f"/r/koga/applications/{application.pk}/"
    response = client.post(url, {"decision": decision, "reason": "定員のため"})
    assert response.status_code == 422
    assert response.context["form"].errors["confirm"]
    assert 'name="confirm"' in response.content.decode()
    with region_scope(koga):
        application.refresh_from_db()
        assert application.status == "submitted"
        assert not Participant.objects.exists()
    assert client.post(url, {"decision": "waitlist", "reason": ""}).status_code == 302


def test_rejecting_on_the_page_without_reason_shows_the_error(cast: Cast, koga: Region) -> None:
    with region_scope(koga):
        application = ApplicationFactory.create(region=koga)
    client = Client()
    client.force_login(cast.user("operator"))
    response = client.post(
        f"/r/koga/applications/{application.pk}/", {"decision": "reject", "confirm": "on"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["reason"]
    application.refresh_from_db()
    assert application.status == "submitted"


def test_operators_export_the_filtered_list_as_csv(
    cast: Cast, koga: Region, fukutsu: Region
) -> None:
    with region_scope(koga):
        ApplicationFactory.create_batch(2, region=koga)
        ApplicationFactory.create(region=koga, status="waitlisted", person__family_name="唐津")
    with region_scope(fukutsu):
        ApplicationFactory.create(region=fukutsu, status="waitlisted")
    client = Client()
    client.force_login(cast.user("operator"))
    response = client.get("/r/koga/applications/export.csv?status=waitlisted")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    # Japanese headers and labels, not field names and codes.
    assert text.startswith("\ufeff受付番号,状況,応募日時,")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert "唐津" in lines[1]
    assert ",waitlisted," not in lines[1]
    assert "T" not in next(csv.reader(io.StringIO(lines[1])))[2]  # no ISO timestamp
    with region_scope(koga):
        [export] = AuditEntry.objects.filter(action="application.export")
    assert export.actor == cast.user("operator")
    assert export.changes == {"format": "csv", "status": "waitlisted", "q": ""}


def test_a_name_that_would_be_a_formula_is_exported_as_text(cast: Cast, koga: Region) -> None:
    """CSV injection: a cell starting with = + - @ runs as a formula in a spreadsheet."""
    with region_scope(koga):
        ApplicationFactory.create(
            region=koga, person__family_name='=HYPERLINK("http://evil.example","x")'
        )
    client = Client()
    client.force_login(cast.user("operator"))
    response = client.get("/r/koga/applications/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    row = next(csv.reader(io.StringIO(text.strip().splitlines()[1])))
    assert '\'=HYPERLINK("http://evil.example","x")' in row
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_form_reports_all_its_errors_in_one_round(koga: Region) -> None:
    """A missing name (the form's check) and a work status the program does not admit (the
    service's check) come back together, not one after the other."""
    body = application_payload(koga, form=True, work_status="full_time")
    body["family_name"] = ""
    response = Client().post("/r/koga/apply/", body)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "family_name" in errors
    assert "work_status" in errors
    with region_scope(koga):
        assert not Application.objects.exists()
