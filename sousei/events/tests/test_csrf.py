"""An anonymous registrant's token-only calls need no CSRF cookie: the token in the body is
what authenticates them, as the API guide says. Calls made with a signed-in session keep
their CSRF protection."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.events.models import Registration, RegistrationStatus
from sousei.events.tests.factories import event, register

BASE = "/api/v1/regions/koga/registrations"


def post(client: Client, url: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(url, body, content_type="application/json", headers=headers)


def status_of(koga: Region, registration: Registration) -> str:
    with region_scope(koga):
        return Registration.objects.get(pk=registration.pk).status


@pytest.fixture
def holder_and_waiting(koga: Region) -> tuple[Registration, Registration]:
    with region_scope(koga):
        internship = event(koga, capacity=1)
        return register(internship, 1), register(internship, 2)


def test_a_registrant_cancels_and_confirms_with_the_token_alone(
    koga: Region, holder_and_waiting: tuple[Registration, Registration]
) -> None:
    holder, waiting = holder_and_waiting
    browser = Client(enforce_csrf_checks=True)  # no CSRF cookie, no session
    cancelled = post(browser, f"{BASE}/{holder.pk}/cancel", {"token": holder.token})
    assert cancelled.status_code == 200, cancelled.content
    assert status_of(koga, waiting) == RegistrationStatus.OFFERED
    confirmed = post(browser, f"{BASE}/{waiting.pk}/confirm", {"token": waiting.token})
    assert confirmed.status_code == 200, confirmed.content
    assert status_of(koga, waiting) == RegistrationStatus.CONFIRMED


def test_a_visitor_with_an_anonymous_session_still_needs_no_csrf_token(
    koga: Region, holder_and_waiting: tuple[Registration, Registration]
) -> None:
    holder, _waiting = holder_and_waiting
    browser = Client(enforce_csrf_checks=True)
    browser.post("/i18n/setlang/", {"language": "en"})  # cookies of an anonymous visitor
    browser.get(f"/r/koga/events/my/{holder.token}/")
    cancelled = post(browser, f"{BASE}/{holder.pk}/cancel", {"token": holder.token})
    assert cancelled.status_code == 200, cancelled.content


def test_a_signed_in_session_still_needs_the_csrf_token(
    koga: Region, cast: Cast, holder_and_waiting: tuple[Registration, Registration]
) -> None:
    holder, _waiting = holder_and_waiting
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(cast.user("operator"))
    # A forged cross-site request rides on the operator's session: refused, nothing changes.
    forged = post(staff, f"{BASE}/{holder.pk}/cancel", {"token": "", "reason": "forged"})
    assert forged.status_code == 403
    assert status_of(koga, holder) == RegistrationStatus.CONFIRMED
    # The same call from the site's own page, with the CSRF cookie and header, goes through.
    staff.get("/r/koga/events/manage/")
    csrf = staff.cookies["csrftoken"].value
    allowed = post(staff, f"{BASE}/{holder.pk}/cancel", {"token": ""}, X_CSRFToken=csrf)
    assert allowed.status_code == 200, allowed.content
    assert status_of(koga, holder) == RegistrationStatus.CANCELLED


def test_signed_in_only_calls_answer_anonymous_callers_401_not_403(koga: Region) -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/regions/koga/events", {}, content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize("token", ["wrong", "a\x00b", "\ud800", "é" * 10, "x" * 65])
def test_a_wrong_token_of_any_shape_answers_404(
    koga: Region, holder_and_waiting: tuple[Registration, Registration], token: str
) -> None:
    holder, _waiting = holder_and_waiting
    response = post(Client(), f"{BASE}/{holder.pk}/cancel", {"token": token})
    assert response.status_code in (404, 422)
    assert status_of(koga, holder) == RegistrationStatus.CONFIRMED
