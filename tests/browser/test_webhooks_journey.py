"""An operator adds a webhook endpoint from the office menu, copies its secret, sends a test
event to a receiver on this machine and finds it delivered in the log; the pages pass the
accessibility check.

Locators rely on structure (field ids, URLs, classes) rather than on wording."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from standardwebhooks import Webhook

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint
from sousei.webhooks.tests.helpers import run
from sousei.webhooks.tests.receiver import receiving
from tests.browser.axe import assert_accessible
from tests.browser.menu import menu_go
from tests.browser.test_spaces_journey import sign_in

pytestmark = pytest.mark.browser


def test_an_operator_adds_an_endpoint_and_sees_a_test_event_delivered(
    page: Page, live_server: LiveServer, cast: Cast, koga: Region, settings: Any
) -> None:
    settings.SOUSEI_WEBHOOK_LOCAL_URLS = True
    with receiving() as receiver:
        sign_in(page, live_server.url, "operator-koga")
        menu_go(page, "/r/koga/webhooks/")
        assert_accessible(page)
        page.locator("a[href='/r/koga/webhooks/new/']").first.click()
        page.locator("#id_url").fill(receiver.url)
        page.locator("#id_description").fill("市のダッシュボード")
        page.locator("input[value='booking.created']").check()
        assert_accessible(page)
        page.locator("form.form button[type=submit]").click()

        secret = page.locator("#secret").input_value()
        assert secret.startswith("whsec_")
        assert_accessible(page)
        page.locator("a[href^='/r/koga/webhooks/']").last.click()
        expect(page).to_have_url(re.compile(r"/r/koga/webhooks/\d+/$"))
        page.locator("form[action$='/test/'] button").click()
        with region_scope(koga):
            delivery = WebhookDelivery.objects.get()
            run(delivery)
            assert WebhookEndpoint.objects.get().secret == secret
        page.reload()
        expect(page.locator("tbody .badge--approved")).to_have_count(1)
        assert_accessible(page)
    [got] = receiver.received
    assert Webhook(secret).verify(got.body, got.headers)["type"] == "webhook.test"
