"""The privacy pages: the operators' queue and a request's page, the policy pages, and the
person's own privacy page (consents, requests, download)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from conftest import Cast
from sousei.core import clock
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose, Person
from sousei.people.tests.factories import PersonFactory
from sousei.privacy.demo import seed_privacy
from sousei.privacy.models import PolicyVersion, PrivacyRequest, RequestKind, RequestStatus
from sousei.privacy.services.requests import privacy_request_file

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 10))


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen_at(NOW), translation.override("ja"):
        yield


@pytest.fixture
def person(koga: Region, cast: Cast) -> Person:
    with region_scope(koga):
        made: Person = PersonFactory.create(region=koga, user=cast.user("participant"))
        Consent.objects.create(
            region=koga,
            person=made,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
        seed_privacy(region=koga, operator=cast.user("operator"))
    return made


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _file(person: Person, cast: Cast, kind: str = RequestKind.CORRECTION) -> PrivacyRequest:
    with region_scope(person.region):
        return privacy_request_file(person=person, kind=kind, note="", actor=cast.user("operator"))


# --- policy ---------------------------------------------------------------------------------


def test_the_region_policy_shows_the_version_in_force_citing_appi(person: Person) -> None:
    page = Client().get("/r/koga/privacy/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "個人情報の取扱いについて" in text
    for article in ("法第17条", "法第23条", "法第27条", "法第33条", "法第35条"):
        assert article in text
    assert "古賀市" in text


def test_a_consent_links_the_policy_version_it_agreed_to(person: Person) -> None:
    page = Client().get(f"/r/koga/privacy/v/{CONSENT_WORDING_VERSION}/")
    assert page.status_code == 200
    assert Client().get("/r/koga/privacy/v/1999-01-01/").status_code == 404


def test_a_region_without_a_policy_points_to_the_program_page(fukutsu: Region) -> None:
    page = Client().get("/r/fukutsu/privacy/")
    assert page.status_code == 200
    assert 'href="/privacy/"' in page.content.decode()


def test_the_program_page_lists_every_regions_policy(koga: Region, fukutsu: Region) -> None:
    text = Client().get("/privacy/").content.decode()
    assert "/r/koga/privacy/" in text
    assert "/r/fukutsu/privacy/" in text


def test_the_demo_seed_is_idempotent(person: Person, cast: Cast) -> None:
    with region_scope(person.region):
        again = seed_privacy(region=person.region, operator=cast.user("operator"))
        assert again.policies == 1
        assert PolicyVersion.objects.get().version == CONSENT_WORDING_VERSION


def test_the_application_form_links_the_policy_it_asks_consent_to(person: Person) -> None:
    text = Client().get("/r/koga/apply/").content.decode()
    assert f"/r/koga/privacy/v/{CONSENT_WORDING_VERSION}/" in text


# --- the operators' queue -----------------------------------------------------------------


def test_the_queue_lists_requests_with_due_dates_and_marks_overdue_ones(
    person: Person, cast: Cast, django_assert_num_queries: Any
) -> None:
    client = _client(cast.user("operator"))
    _file(person, cast)
    client.get("/r/koga/privacy/requests/")
    with django_assert_num_queries(7):
        page = client.get("/r/koga/privacy/requests/")
    for _n in range(4):
        _file(person, cast)
    with clock.frozen_at(NOW - dt.timedelta(days=20)):
        _file(person, cast)
    with django_assert_num_queries(7):
        page = client.get("/r/koga/privacy/requests/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "badge--waitlisted" in text
    assert "2026年12月15日" in text
    overdue = client.get("/r/koga/privacy/requests/?overdue=on").content.decode()
    assert overdue.count("privacy/requests/") < text.count("privacy/requests/")


def test_an_operator_records_a_request_received_by_phone(person: Person, cast: Cast) -> None:
    client = _client(cast.user("operator"))
    form = {"email": person.email.upper(), "kind": "erasure", "channel": "phone", "note": "電話"}
    response = client.post("/r/koga/privacy/requests/", form)
    assert response.status_code == 302
    with region_scope(person.region):
        made = PrivacyRequest.objects.get(kind="erasure")
    assert made.channel == "phone"
    assert made.on_behalf is True
    assert response["Location"] == f"/r/koga/privacy/requests/{made.pk}/"


def test_a_request_for_an_unknown_address_is_refused_with_the_reason(
    person: Person, cast: Cast
) -> None:
    client = _client(cast.user("operator"))
    with translation.override("en"):
        response = client.post(
            "/r/koga/privacy/requests/",
            {"email": "nobody@example.jp", "kind": "erasure", "channel": "phone"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 422
    with region_scope(person.region):
        assert not PrivacyRequest.objects.filter(kind="erasure").exists()


def test_an_operator_takes_up_and_completes_a_correction_on_its_page(
    person: Person, cast: Cast
) -> None:
    request = _file(person, cast)
    client = _client(cast.user("operator"))
    path = f"/r/koga/privacy/requests/{request.pk}/"
    assert client.get(path).status_code == 200
    assert client.post(path, {"action": "start"}).status_code == 302
    done = client.post(path, {"action": "complete", "town": "", "given_name": "華子"})
    assert done.status_code == 302
    with region_scope(person.region):
        request.refresh_from_db()
        person.refresh_from_db()
        assert request.status == RequestStatus.COMPLETED
        assert person.given_name == "華子"
        assert AuditEntry.objects.filter(action="person.correct").exists()
    page = client.get(path).content.decode()
    assert "badge--completed" in page


def test_a_refusal_without_a_reason_is_refused_on_the_page(person: Person, cast: Cast) -> None:
    request = _file(person, cast, RequestKind.ERASURE)
    client = _client(cast.user("operator"))
    path = f"/r/koga/privacy/requests/{request.pk}/"
    assert client.post(path, {"action": "refuse", "reason": ""}).status_code == 422
    assert client.post(path, {"action": "refuse", "reason": "法定保存期間中"}).status_code == 302
    with region_scope(person.region):
        request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED


def test_an_operator_downloads_the_persons_export_from_the_request(
    person: Person, cast: Cast
) -> None:
    request = _file(person, cast, RequestKind.DISCLOSURE)
    response = _client(cast.user("operator")).get(
        f"/r/koga/privacy/requests/{request.pk}/export.zip"
    )
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "manifest.json" in names
    assert "koga/person.json" in names


def test_the_dashboard_queue_counts_open_requests(person: Person, cast: Cast) -> None:
    _file(person, cast)
    page = _client(cast.user("operator")).get("/r/koga/dashboard/").content.decode()
    assert "/r/koga/privacy/requests/" in page


# --- the person's own page ----------------------------------------------------------------


def test_the_person_sees_their_consents_with_the_wording_version(
    person: Person, cast: Cast
) -> None:
    page = _client(cast.user("participant")).get("/account/privacy/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f"/r/koga/privacy/v/{CONSENT_WORDING_VERSION}/" in text
    assert "account/privacy/withdraw/" in text


def test_the_person_withdraws_sharing_with_the_city_at_once(person: Person, cast: Cast) -> None:
    client = _client(cast.user("participant"))
    response = client.post(
        "/account/privacy/withdraw/",
        {"person": person.pk, "purpose": ConsentPurpose.SHARE_WITH_MUNICIPALITY},
    )
    assert response.status_code == 302
    with region_scope(person.region):
        assert Consent.objects.get(person=person).withdrawn_at == NOW
        assert PrivacyRequest.objects.get(person=person).kind == RequestKind.CONSENT_WITHDRAWAL


def test_a_person_cannot_withdraw_someone_elses_consent(person: Person, cast: Cast) -> None:
    client = _client(cast.user("trainer"))
    client.post(
        "/account/privacy/withdraw/",
        {"person": person.pk, "purpose": ConsentPurpose.SHARE_WITH_MUNICIPALITY},
    )
    with region_scope(person.region):
        assert Consent.objects.get(person=person).withdrawn_at is None


def test_the_person_asks_for_an_erasure_from_their_page(person: Person, cast: Cast) -> None:
    client = _client(cast.user("participant"))
    response = client.post(
        "/account/privacy/", {"person": person.pk, "kind": "erasure", "note": "退会します"}
    )
    assert response.status_code == 302
    with region_scope(person.region):
        made = PrivacyRequest.objects.get(person=person)
    assert made.on_behalf is False
    assert made.status == RequestStatus.RECEIVED


def test_the_person_downloads_their_data_at_once_and_the_request_records_it(
    person: Person, cast: Cast
) -> None:
    client = _client(cast.user("participant"))
    response = client.post("/account/privacy/disclose/")
    assert response["Location"] == "/account/privacy/export.zip"
    download = client.get("/account/privacy/export.zip")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    with region_scope(person.region):
        made = PrivacyRequest.objects.get(person=person)
        assert made.kind == RequestKind.DISCLOSURE
        assert made.status == RequestStatus.COMPLETED
        assert AuditEntry.objects.filter(action="privacy.export", actor=person.user).exists()


def test_someone_on_record_nowhere_sees_an_empty_privacy_page(cast: Cast) -> None:
    page = _client(cast.outsider).get("/account/privacy/")
    assert page.status_code == 200
    with scopes_disabled():
        assert not PrivacyRequest.objects.exists()
