"""Admin for operators' bulk fixes. The admin works across regions, so only superusers
may use it; scopes are disabled for their requests by ScopesDisabledAdminMixin.

Every change made here is audited (AuditedAdminMixin): the region's audit log shows who
added, changed or deleted which record in the admin, and which fields changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest
from django.template.response import TemplateResponse

from sousei.core.audit import audit_record
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
from sousei.core.scoping import cross_region


def admin_regions(obj: models.Model) -> list[Region]:
    """The regions whose audit log shows an admin edit of `obj`: its own region; for a
    region-less record the regions it concerns (an organisation's, a user's or token's
    regions, a prefecture's minimum wage's); for the shared catalogue (tools, skills) and
    anything that concerns no region yet (a new account), every region."""
    with cross_region("an admin edit is audited in every region it concerns"):
        if isinstance(obj, Region):
            return [obj]
        region_id = getattr(obj, "region_id", None)
        if region_id is not None:
            return list(Region.objects.filter(pk=region_id))
        regions: Iterable[Region] = Region.objects.none()
        user = obj if isinstance(obj, User) else getattr(obj, "user", None)
        username = getattr(obj, "username", None)
        if user is None and isinstance(username, str):
            user = User.objects.filter(username=username).first()
        if isinstance(obj, Organization):
            regions = Region.objects.filter(
                pk__in=RegionOrganization.objects.filter(organization=obj).values("region_id")
            )
        elif isinstance(obj, MinimumWage):
            regions = Region.objects.filter(prefecture=obj.prefecture)
        elif isinstance(user, User):
            regions = Region.objects.filter(
                pk__in=Membership.objects.filter(user=user).values("region_id")
            )
        found = list(regions)
        return found or list(Region.objects.all())


def admin_audit(
    *,
    actor: User | AnonymousUser,
    action: str,
    obj: models.Model,
    fields: Iterable[str] = (),
    regions: list[Region] | None = None,
) -> None:
    """One audit entry per region the edit concerns (see admin_regions), with the names of
    the fields changed — never their values, which may be personal data."""
    details = {"fields": sorted(fields)} if fields else {}
    with cross_region("an admin edit is audited in every region it concerns"):
        for region in admin_regions(obj) if regions is None else regions:
            audit_record(region=region, actor=actor, action=action, obj=obj, changes=details)


class AuditedAdminMixin:
    """Audits what the admin adds, changes and deletes, inline rows included, with the
    signed-in superuser as the actor. The admin wraps its add, change and delete views in a
    transaction, so the entry and the edit are written together."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        admin_audit(
            actor=request.user,
            action="admin.change" if change else "admin.add",
            obj=obj,
            fields=form.changed_data,
        )

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseModelFormSet, change: bool
    ) -> None:
        # Inline rows to delete are audited before they go (their ids are still known).
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                admin_audit(actor=request.user, action="admin.delete", obj=deleted.instance)
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for new in formset.new_objects:
            admin_audit(actor=request.user, action="admin.add", obj=new)
        for changed, fields in formset.changed_objects:
            admin_audit(actor=request.user, action="admin.change", obj=changed, fields=fields)

    def _audit_deletion(self, request: HttpRequest, obj: Any) -> None:
        # Written before the row goes (its id is still known); a region being deleted
        # cannot hold an entry about itself.
        regions = [r for r in admin_regions(obj) if not (isinstance(obj, Region) and r == obj)]
        admin_audit(actor=request.user, action="admin.delete", obj=obj, regions=regions)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._audit_deletion(request, obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._audit_deletion(request, obj)
            super().delete_queryset(request, queryset)  # type: ignore[misc]


def _rendered(response: Any) -> Any:
    if isinstance(response, TemplateResponse) and not response.is_rendered:
        response.render()
    return response


class ScopesDisabledAdminMixin(AuditedAdminMixin):
    """Superusers fix data across regions in the admin; say so explicitly per request."""

    # The pages are rendered inside the block too: a TemplateResponse renders after the view
    # returns, and its form's choices (a resource's space, an inline's rows) query then.
    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        with cross_region("the superuser's admin lists every region's rows"):
            return _rendered(super().changelist_view(request, extra_context))  # type: ignore[misc]

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with cross_region("the superuser's admin edits a row of any region"):
            return _rendered(super().changeform_view(request, *args, **kwargs))  # type: ignore[misc]

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with cross_region("the superuser's admin deletes a row of any region"):
            return _rendered(super().delete_view(request, *args, **kwargs))  # type: ignore[misc]

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
class RegionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "slug", "name_ja", "name_en", "prefecture")
    search_fields = ("code", "slug", "name_ja", "name_en")


@admin.register(Organization)
class OrganizationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "name_en", "location")
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
class MinimumWageAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("prefecture", "amount_jpy", "effective_from")
    list_filter = ("prefecture",)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
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


def audit_library_admins() -> None:
    """Django's and the libraries' own admins registered before this module (users, groups,
    sign-in lockouts, task results) are registered again with the audit hooks mixed in, so
    that no change in the admin goes unaudited."""
    for model, model_admin in list(admin.site._registry.items()):
        if isinstance(model_admin, AuditedAdminMixin):
            continue
        audited = type(type(model_admin).__name__, (AuditedAdminMixin, type(model_admin)), {})
        admin.site.unregister(model)
        admin.site.register(model, audited)


audit_library_admins()
