"""Evaluations and career outcomes in the admin, read-only for superusers."""

from __future__ import annotations

from django.contrib import admin

from sousei.careers.models import CareerOutcome, Evaluation
from sousei.core.admin import RecordAdmin


@admin.register(Evaluation)
class EvaluationAdmin(RecordAdmin):
    list_display = ("id", "participant", "region")
    list_filter = ("region",)
    raw_id_fields = ("participant",)


@admin.register(CareerOutcome)
class CareerOutcomeAdmin(RecordAdmin):
    list_display = ("id", "participant", "kind", "recorded_at", "region")
    list_filter = ("region", "kind")
    raw_id_fields = ("participant",)
