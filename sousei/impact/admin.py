"""Impact's records in the admin, read-only for superusers (the outcome records are rebuilt
from the program's records; targets and answers change through the services)."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import RecordAdmin
from sousei.impact.models import (
    EarlyLeaving,
    GradeRule,
    KpiTarget,
    OutcomeRecord,
    ResidenceCheck,
)


@admin.register(OutcomeRecord)
class OutcomeRecordAdmin(RecordAdmin):
    list_display = ("id", "track", "source_id", "person", "outcome_kind", "outcome_on", "region")
    list_filter = ("region", "track", "outcome_kind")
    raw_id_fields = ("person",)


@admin.register(ResidenceCheck)
class ResidenceCheckAdmin(RecordAdmin):
    list_display = ("id", "person", "months", "due_on", "asked_at", "answered_at", "region")
    list_filter = ("region", "months", "answered_via")
    raw_id_fields = ("person",)


@admin.register(KpiTarget)
class KpiTargetAdmin(RecordAdmin):
    list_display = ("id", "fiscal_year", "code", "target", "region")
    list_filter = ("region", "fiscal_year")


@admin.register(GradeRule)
class GradeRuleAdmin(RecordAdmin):
    list_display = ("id", "achieved_percent", "good_percent", "region")


@admin.register(EarlyLeaving)
class EarlyLeavingAdmin(RecordAdmin):
    list_display = ("id", "application", "reason", "recorded_at", "region")
    list_filter = ("region", "reason")
    raw_id_fields = ("application",)
