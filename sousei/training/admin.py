"""Training in the admin, for superusers: the tool and skill catalogue may be fixed here;
courses, pools, enrolments and certificates are read-only (the services keep seats, plans
and the audit trail right)."""

from __future__ import annotations

from django.contrib import admin

from sousei.core.admin import AuditedAdminMixin, RecordAdmin
from sousei.training.models import (
    Certificate,
    Course,
    Enrolment,
    LicencePool,
    Skill,
    ToolProduct,
)


@admin.register(ToolProduct)
class ToolProductAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Skill)
class SkillAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code",)
    search_fields = ("code",)


@admin.register(Course)
class CourseAdmin(RecordAdmin):
    list_display = ("title", "product", "region", "created_at")
    list_filter = ("region",)
    search_fields = ("title",)


@admin.register(LicencePool)
class LicencePoolAdmin(RecordAdmin):
    list_display = ("id", "product", "region")
    list_filter = ("region",)


@admin.register(Enrolment)
class EnrolmentAdmin(RecordAdmin):
    list_display = ("id", "participant", "course", "status", "region")
    list_filter = ("region", "status")
    raw_id_fields = ("participant", "course")


@admin.register(Certificate)
class CertificateAdmin(RecordAdmin):
    list_display = ("code", "region")
    list_filter = ("region",)
    search_fields = ("code",)
