"""Privacy requests and policy versions in the admin, read-only for superusers (requests are
answered on their page, where the answer is audited and the person told)."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import RecordAdmin
from sousei.privacy.models import PolicyVersion, PrivacyRequest


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(RecordAdmin):
    list_display = ("id", "kind", "status", "received_at", "due_on", "region")
    list_filter = ("region", "kind", "status")
    raw_id_fields = ("person",)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(RecordAdmin):
    list_display = ("id", "version", "effective_from", "region")
    list_filter = ("region",)
