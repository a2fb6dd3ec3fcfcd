"""Spaces, their resources and (read-only) bookings in the admin, for superusers.

Bookings are made, cancelled and checked in through the services (pages and API), which
enforce the opening hours and the no-overlap rule and write the audit trail; the admin only
shows them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sousei.core.admin import ScopesDisabledAdminMixin
from sousei.spaces.models import Booking, Resource, Space


class ResourceInline(admin.TabularInline):
    model = Resource
    fields = ("kind", "name", "capacity", "position", "active", "region")
    extra = 0


@admin.register(Space)
class SpaceAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("name", "address", "active", "region")
    list_filter = ("region", "active")
    search_fields = ("name", "address")
    inlines = [ResourceInline]


@admin.register(Resource)
class ResourceAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "capacity", "space", "active", "region")
    list_filter = ("region", "kind", "active")
    search_fields = ("name",)


@admin.register(Booking)
class BookingAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("id", "resource", "starts_at", "ends_at", "purpose", "status", "holder")
    list_filter = ("region", "status", "kind")
    search_fields = ("purpose", "check_in_code")
    raw_id_fields = ("resource", "holder", "created_by")
    date_hierarchy = "starts_at"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
