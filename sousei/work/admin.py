"""Time records, week reviews and pay runs in the admin, read-only for superusers (pay is
computed and corrected only through the services, which keep the audit trail)."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import RecordAdmin
from sousei.work.models.payroll import PayRun, PayStatement
from sousei.work.models.timesheets import TimeRecord, WeekReview


@admin.register(TimeRecord)
class TimeRecordAdmin(RecordAdmin):
    list_display = ("id", "participant", "date", "status", "region")
    list_filter = ("region", "status")
    raw_id_fields = ("participant",)
    date_hierarchy = "date"


@admin.register(WeekReview)
class WeekReviewAdmin(RecordAdmin):
    list_display = ("id", "week_start", "status", "region")
    list_filter = ("region", "status")


@admin.register(PayRun)
class PayRunAdmin(RecordAdmin):
    list_display = ("month", "status", "created_at", "region")
    list_filter = ("region", "status")


@admin.register(PayStatement)
class PayStatementAdmin(RecordAdmin):
    list_display = ("id", "participant", "month", "region")
    list_filter = ("region",)
    raw_id_fields = ("participant",)
