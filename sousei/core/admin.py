"""Admin for operators' bulk fixes. The admin works across regions, so only superusers
may use it; scopes are disabled for their requests by ScopesDisabledAdminMixin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_scopes import scopes_disabled

from sousei.core.models import (
    ApiToken,
    AuditEntry,
    Membership,
    MinimumWage,
    Organization,
    OutboxMessage,
    Region,
    RegionOrganization,
)


class ScopesDisabledAdminMixin:
    """Superusers fix data across regions in the admin; say so explicitly per request."""

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        with scopes_disabled():
            return super().changelist_view(request, extra_context)  # type: ignore[misc]

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with scopes_disabled():
            return super().changeform_view(request, *args, **kwargs)  # type: ignore[misc]

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with scopes_disabled():
            return super().delete_view(request, *args, **kwargs)  # type: ignore[misc]

    def _superuser(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    # Every region's rows are visible here, so nothing short of a superuser may open them,
    # whatever model permissions a staff account was given.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._superuser(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._superuser(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._superuser(request)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "slug", "name_ja", "name_en", "prefecture")
    search_fields = ("code", "slug", "name_ja", "name_en")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "name_en")
    list_filter = ("kind",)
    search_fields = ("name", "name_en")


@admin.register(RegionOrganization)
class RegionOrganizationAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("organization", "region")
    list_filter = ("region",)


@admin.register(Membership)
class MembershipAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("user", "role", "region", "organization")
    list_filter = ("region", "role")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("at", "region", "actor", "action", "object_type", "object_id")
    list_filter = ("region", "action")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # the audit trail is written by services only, and never edited

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "region", "kind", "user", "email", "language", "sent_at")
    list_filter = ("region", "kind", "in_app", "by_email", "language")
    search_fields = ("email", "user__username", "subject")
    raw_id_fields = ("user",)

    # A message is what was said to someone: it is read here, never rewritten. An unsent one
    # may still be deleted (the task then finds nothing to send).
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    list_display = ("prefecture", "amount_jpy", "effective_from")
    list_filter = ("prefecture",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at")
    readonly_fields = ("digest", "prefix")


class RecordAdmin(ScopesDisabledAdminMixin, admin.ModelAdmin):
    """A region's records (bookings, enrolments, time records, candidacies …) as superusers
    see them: read-only, because the services enforce the rules and write the audit trail."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
