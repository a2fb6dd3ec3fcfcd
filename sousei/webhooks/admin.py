"""Webhook endpoints and deliveries in the admin, read-only, for superusers.

Endpoints are added, changed and rotated on the operators' pages (their URL is checked
against private addresses there, and the secret is shown once); deliveries are written by the
sending code. The admin only shows them, without the secret."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sousei.core.admin import ScopesDisabledAdminMixin
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint


class ReadOnlyAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin):
    list_display = ("url", "enabled", "allows_personal_data", "failing_since", "region")
    list_filter = ("region", "enabled")
    search_fields = ("url", "description")
    exclude = ("secret",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("id", "endpoint", "status", "attempts", "last_status_code", "created_at")
    list_filter = ("region", "status")
    raw_id_fields = ("endpoint", "message", "replay_of")
