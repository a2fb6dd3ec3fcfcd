"""Client projects and assignments in the admin, read-only for superusers (the services check
minimum wages and headcount and write the audit trail)."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import RecordAdmin
from sousei.projects.models import Assignment, AssignmentProposal, ClientProject


@admin.register(ClientProject)
class ClientProjectAdmin(RecordAdmin):
    list_display = ("title", "status", "starts_on", "region")
    list_filter = ("region", "status")
    search_fields = ("title",)


@admin.register(Assignment)
class AssignmentAdmin(RecordAdmin):
    list_display = ("id", "project", "participant", "starts_on", "status", "region")
    list_filter = ("region", "status")
    raw_id_fields = ("project", "participant")


@admin.register(AssignmentProposal)
class AssignmentProposalAdmin(RecordAdmin):
    list_display = ("id", "status", "created_at", "region")
    list_filter = ("region", "status")
