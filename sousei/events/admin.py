"""Events and registrations in the admin, read-only for superusers (places, the waitlist and
check-in go through the services)."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import RecordAdmin
from sousei.events.models import Event, Registration


@admin.register(Event)
class EventAdmin(RecordAdmin):
    list_display = ("title", "kind", "starts_at", "status", "region")
    list_filter = ("region", "kind", "status")
    search_fields = ("title",)
    date_hierarchy = "starts_at"


@admin.register(Registration)
class RegistrationAdmin(RecordAdmin):
    list_display = ("id", "event", "person", "status", "created_at", "region")
    list_filter = ("region", "status")
    raw_id_fields = ("event", "person")
