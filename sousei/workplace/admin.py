"""The workplace's records in the admin, read-only for superusers. Presence, chat and
private notes stay out: the admin is for bulk fixes, not for reading people's conversations."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import RecordAdmin
from sousei.workplace.models import OnboardingChecklist, OneOnOneSeries, Room, Team, TeamMember


@admin.register(Team)
class TeamAdmin(RecordAdmin):
    list_display = ("id", "name", "kind", "region")
    list_filter = ("region", "kind")


@admin.register(TeamMember)
class TeamMemberAdmin(RecordAdmin):
    list_display = ("id", "team", "user", "manager", "joined_on", "left_on", "region")
    list_filter = ("region",)
    raw_id_fields = ("team", "user", "manager", "person")


@admin.register(Room)
class RoomAdmin(RecordAdmin):
    list_display = ("id", "name", "kind", "region")
    list_filter = ("region", "kind")


@admin.register(OnboardingChecklist)
class OnboardingChecklistAdmin(RecordAdmin):
    list_display = ("id", "source", "source_id", "start_date", "completed_at", "region")
    list_filter = ("region", "source")


@admin.register(OneOnOneSeries)
class OneOnOneSeriesAdmin(RecordAdmin):
    list_display = ("id", "manager", "member", "cadence", "active", "region")
    list_filter = ("region", "cadence")
    raw_id_fields = ("manager", "member")
