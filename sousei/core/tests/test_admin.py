"""The admin shows every region's rows, so only superusers may open tenant tables there."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.forms import MultiWidget
from django.test import Client, RequestFactory

from conftest import Cast
from sousei.core.models import AuditEntry, Membership, Region
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.core.tests.factories import UserFactory
from sousei.spaces.tests import factories as spaces_factories

pytestmark = pytest.mark.django_db


def test_staff_with_model_permissions_still_cannot_open_tenant_tables(cast: Cast) -> None:
    staff = UserFactory.create(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="people"))
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/people/application/").status_code == 403


def test_a_superuser_sees_every_region(cast: Cast) -> None:
    admin = UserFactory.create(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/core/membership/")
    assert page.status_code == 200
    assert "operator-koga" in page.content.decode()
    assert "operator-fukutsu" in page.content.decode()


def test_every_admin_list_opens_for_a_superuser_and_records_are_read_only(cast: Cast) -> None:
    from django.contrib import admin as django_admin

    from sousei.core.admin import RecordAdmin

    root = UserFactory.create(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    for model, model_admin in django_admin.site._registry.items():
        meta = model._meta
        page = client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert page.status_code == 200, f"{meta.label}: {page.status_code}"
        if isinstance(model_admin, RecordAdmin):
            add = client.get(f"/admin/{meta.app_label}/{meta.model_name}/add/")
            assert add.status_code == 403, meta.label


# --- every change in the admin is audited ---------------------------------------------------


def root_client() -> tuple[Client, User]:
    root = UserFactory.create(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    return client, root


def admin_entries(region: Region, action: str) -> list[AuditEntry]:
    with region_scope(region):
        return list(AuditEntry.objects.filter(action=action).order_by("id"))


def form_data(response: Any) -> dict[str, Any]:
    """What the change page would post back unchanged: the form's and inlines' values."""
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += list(formset.forms)
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    for form in forms:
        for name, field in form.fields.items():
            with scopes_disabled():
                value = form[name].value()
            if isinstance(field.widget, MultiWidget):
                for index, part in enumerate(field.widget.decompress(value) or ()):
                    data[f"{form.add_prefix(name)}_{index}"] = "" if part is None else part
            elif value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[form.add_prefix(name)] = value
    return data


def test_a_change_in_the_admin_is_audited_with_the_fields_changed(cast: Cast, koga: Region) -> None:
    client, root = root_client()
    with region_scope(koga):
        membership = Membership.objects.get(user=cast.user("trainer"))
    response = client.post(
        f"/admin/core/membership/{membership.pk}/change/",
        {"user": membership.user_id, "role": "space_manager", "region": koga.pk},
    )
    assert response.status_code == 302
    [entry] = admin_entries(koga, "admin.change")
    assert entry.actor == root
    assert (entry.object_type, entry.object_id) == ("core.membership", str(membership.pk))
    assert entry.changes == {"fields": ["role"]}


def test_a_bulk_delete_in_the_admin_audits_each_row(cast: Cast, koga: Region) -> None:
    client, root = root_client()
    with region_scope(koga):
        doomed = list(
            Membership.objects.filter(role__in=["trainer", "client"]).values_list("pk", flat=True)
        )
    response = client.post(
        "/admin/core/membership/",
        {"action": "delete_selected", "_selected_action": doomed, "post": "yes"},
    )
    assert response.status_code == 302
    entries = admin_entries(koga, "admin.delete")
    assert sorted(int(e.object_id) for e in entries) == sorted(doomed)
    assert {e.actor for e in entries} == {root}


def test_inline_rows_added_in_the_admin_are_audited(koga: Region) -> None:
    client, _root = root_client()
    with region_scope(koga):
        space = spaces_factories.space(koga)
    page = client.get(f"/admin/spaces/space/{space.pk}/change/")
    data = form_data(page)
    data |= {
        "resources-TOTAL_FORMS": "1",
        "resources-0-kind": "desk",
        "resources-0-name": "デスク1",
        "resources-0-capacity": "1",
        "resources-0-position": "0",
        "resources-0-active": "on",
        "resources-0-region": koga.pk,
        "resources-0-space": space.pk,
    }
    response = client.post(f"/admin/spaces/space/{space.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    [added] = admin_entries(koga, "admin.add")
    assert added.object_type == "spaces.resource"
    assert added.changes == {}


def test_making_a_user_superuser_is_audited_in_their_regions(cast: Cast, koga: Region) -> None:
    client, _root = root_client()
    user = cast.user("trainer")
    page = client.get(f"/admin/auth/user/{user.pk}/change/")
    data = form_data(page) | {"is_superuser": "on", "is_staff": "on"}
    response = client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302
    [entry] = admin_entries(koga, "admin.change")
    assert entry.object_type == "auth.user"
    assert {"is_staff", "is_superuser"} <= set(entry.changes["fields"])


def test_every_admin_that_can_change_data_is_audited(db: None) -> None:
    from django.contrib import admin as django_admin

    from sousei.core.admin import AuditedAdminMixin

    root = UserFactory.create(username="root", is_staff=True, is_superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = root
    for model, model_admin in django_admin.site._registry.items():
        writes = (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
        if writes:
            assert isinstance(model_admin, AuditedAdminMixin), model._meta.label
