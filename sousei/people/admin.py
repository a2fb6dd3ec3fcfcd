from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import ScopesDisabledAdminMixin
from sousei.people.models import Application, Consent, Participant, Person


@admin.register(Person)
class PersonAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("family_name", "given_name", "email", "city", "region")
    list_filter = ("region", "work_status")
    search_fields = ("family_name", "given_name", "family_name_kana", "email")


@admin.register(Application)
class ApplicationAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("id", "person", "status", "submitted_at", "region")
    list_filter = ("region", "status")
    raw_id_fields = ("person", "decided_by")


@admin.register(Consent)
class ConsentAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("person", "purpose", "granted", "wording_version", "recorded_at")
    raw_id_fields = ("person",)


@admin.register(Participant)
class ParticipantAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("person", "joined_at", "region")
    raw_id_fields = ("person", "application")
