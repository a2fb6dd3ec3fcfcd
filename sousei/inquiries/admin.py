"""Inquiries in the admin, read-only, for superusers: they are received, answered and closed
through the services (the inbox and the API), which send the e-mails and write the audit
trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sousei.core.admin import ScopesDisabledAdminMixin
from sousei.inquiries.models import Inquiry, InquiryReply


class ReadOnlyAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Inquiry)
class InquiryAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "organisation", "status", "received_at", "region")
    list_filter = ("region", "status", "kind")
    date_hierarchy = "received_at"


@admin.register(InquiryReply)
class InquiryReplyAdmin(ReadOnlyAdmin):
    list_display = ("id", "inquiry", "sent_at", "by", "region")
    list_filter = ("region",)
    raw_id_fields = ("inquiry", "by")
