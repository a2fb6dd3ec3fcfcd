"""The contact forms, the confirmation page, the office's inbox and an inquiry's page."""

from __future__ import annotations

from typing import Any

from django.test import Client

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.scoping import region_scope
from sousei.inquiries.models import Inquiry, InquiryStatus
from sousei.inquiries.services import RATE_LIMIT
from sousei.inquiries.tests.factories import FORM, inquiry, with_office


def send(client: Client, url: str = "/r/koga/contact/", **changes: Any) -> Any:
    return client.post(url, {**FORM, **changes})


def count(region: Region) -> int:
    with region_scope(region):
        return Inquiry.objects.count()


def test_the_contact_page_shows_the_office_and_links_the_privacy_policy(
    client: Client, koga: Region
) -> None:
    with_office(koga)
    page = client.get("/r/koga/contact/").content.decode()
    assert "092-555-0123" in page
    assert 'href="/r/koga/privacy/"' in page
    # The honeypot is labelled, out of the tab order and hidden from screen readers.
    assert 'class="hp-field" aria-hidden="true"' in page
    assert 'tabindex="-1"' in page


def test_the_footer_of_a_region_page_shows_the_office(client: Client, koga: Region) -> None:
    with_office(koga)
    page = client.get("/r/koga/events/").content.decode()
    assert "office-koga@miraiworks.example.jp" in page


def test_a_company_sends_an_inquiry_and_gets_the_confirmation(client: Client, koga: Region) -> None:
    response = send(client)
    assert response.status_code == 302
    assert response["Location"] == "/r/koga/contact/sent/"
    assert count(koga) == 1
    assert client.get(response["Location"]).status_code == 200


def test_the_acknowledgement_is_in_the_language_of_the_page(client: Client, koga: Region) -> None:
    client.cookies["django_language"] = "en"
    send(client)
    with region_scope(koga):
        ack = OutboxMessage.objects.get(kind="inquiry_acknowledged")
    assert ack.language == "en"
    assert ack.subject.startswith("We have received your inquiry")


def test_a_bot_gets_the_same_confirmation_and_nothing_is_kept(client: Client, koga: Region) -> None:
    response = send(client, website="https://spam.example/")
    assert response.status_code == 302
    assert response["Location"] == "/r/koga/contact/sent/"
    assert count(koga) == 0


def test_without_consent_the_form_says_why_and_keeps_nothing(client: Client, koga: Region) -> None:
    response = send(client, consent_privacy_policy="")
    assert response.status_code == 422
    assert 'id="id_consent_privacy_policy_error"' in response.content.decode()
    assert count(koga) == 0


def test_a_nul_byte_or_a_megabyte_is_refused_on_the_form(client: Client, koga: Region) -> None:
    assert send(client, name="見本\x00一郎").status_code == 422
    assert send(client, message="x" * 1_000_000).status_code == 422
    assert count(koga) == 0


def test_the_sixth_inquiry_in_an_hour_is_refused_with_a_reason(
    client: Client, koga: Region
) -> None:
    client.cookies["django_language"] = "en"
    for number in range(RATE_LIMIT):
        assert send(client, email=f"s{number}@example.jp").status_code == 302
    refused = send(client, email="more@example.jp")
    assert refused.status_code == 422
    assert "Wait an hour" in refused.content.decode()
    assert count(koga) == RATE_LIMIT


def test_the_program_wide_form_sends_to_the_chosen_region(
    client: Client, koga: Region, fukutsu: Region
) -> None:
    page = client.get("/contact/").content.decode()
    assert "福津市" in page
    assert "古賀市" in page
    response = send(client, "/contact/", region="fukutsu")
    assert response["Location"] == "/r/fukutsu/contact/sent/"
    assert (count(koga), count(fukutsu)) == (0, 1)
    assert send(client, "/contact/", region="nowhere").status_code == 422


def test_the_inbox_counts_filters_and_searches(
    cast: Cast, client: Client, koga: Region, django_assert_num_queries: Any
) -> None:
    with region_scope(koga):
        for number in range(3):
            inquiry(koga, organisation=f"会社{number}", email=f"c{number}@example.jp")
        inquiry(koga, organisation="九州みらい大学", kind="student")
    client.force_login(cast.user("operator"))
    client.get("/r/koga/inquiries/")  # warm the session and the menu's URL cache
    # The same queries whatever the number of inquiries: the session, the user, their roles,
    # the region, the counts, then the page's count, ids and rows.
    with django_assert_num_queries(8):
        page = client.get("/r/koga/inquiries/?status=new")
    assert page.status_code == 200
    assert page.context["counts"] == {"all": 4, "new": 4, "answered": 0, "closed": 0}
    found = client.get("/r/koga/inquiries/?q=みらい").context["page"]
    assert [i.organisation for i in found.items] == ["九州みらい大学"]
    assert client.get("/r/koga/inquiries/?status=closed").context["page"].count == 0


def test_the_operator_answers_and_closes_on_the_inquiry_page(
    cast: Cast, client: Client, koga: Region
) -> None:
    with region_scope(koga):
        received = inquiry(koga)
    client.force_login(cast.user("operator"))
    url = f"/r/koga/inquiries/{received.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "reply", "body": ""}).status_code == 422
    assert client.post(url, {"action": "reply", "body": "ご連絡します。"}).status_code == 302
    with region_scope(koga):
        received.refresh_from_db()
        assert received.status == InquiryStatus.ANSWERED
        assert OutboxMessage.objects.filter(kind="inquiry_reply", email=received.email).exists()
    assert (
        client.post(url, {"action": "notes", "body": "x", "notes": "折り返し済み"}).status_code
        == 302
    )
    assert client.post(f"{url}close/").status_code == 302
    with region_scope(koga):
        received.refresh_from_db()
    assert received.status == InquiryStatus.CLOSED
    assert received.notes == "折り返し済み"


def test_the_operator_sets_the_office_contact(cast: Cast, client: Client, koga: Region) -> None:
    client.force_login(cast.user("operator"))
    url = "/r/koga/inquiries/office/"
    refused = client.post(url, {"office_phone": "call us"})
    assert refused.status_code == 422
    saved = client.post(
        url, {"office_name": "事務局", "office_phone": "092-555-0123", "office_email": ""}
    )
    assert saved.status_code == 302
    koga.refresh_from_db()
    assert koga.office_phone == "092-555-0123"
    assert koga.office_name == "事務局"


def test_the_dashboard_queues_the_new_inquiries(cast: Cast, client: Client, koga: Region) -> None:
    with region_scope(koga):
        inquiry(koga)
    client.force_login(cast.user("operator"))
    queue = client.get("/r/koga/dashboard/").context["queue"]
    item = next(work for work in queue if work.name == "inquiries.new")
    assert item.count == 1
    assert item.href == "/r/koga/inquiries/?status=new"
