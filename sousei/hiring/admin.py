"""Openings, candidacies, offers and employees in the admin, read-only for superusers (stages,
scorecards, offers and hires go through the services, which keep the audit trail and the
funnel's tally)."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import RecordAdmin
from sousei.hiring.models import Candidacy, Employee, JobOpening, Offer


@admin.register(JobOpening)
class JobOpeningAdmin(RecordAdmin):
    list_display = ("title", "employer", "status", "region")
    list_filter = ("region", "status")
    search_fields = ("title",)


@admin.register(Candidacy)
class CandidacyAdmin(RecordAdmin):
    list_display = ("id", "opening", "person", "stage", "region")
    list_filter = ("region", "stage")
    raw_id_fields = ("opening", "person")


@admin.register(Offer)
class OfferAdmin(RecordAdmin):
    list_display = ("id", "candidacy", "status", "region")
    list_filter = ("region", "status")
    raw_id_fields = ("candidacy",)


@admin.register(Employee)
class EmployeeAdmin(RecordAdmin):
    list_display = ("id", "person", "opening", "region")
    list_filter = ("region",)
    raw_id_fields = ("person", "opening", "candidacy")
