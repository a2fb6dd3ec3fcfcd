"""The admin shows every region's rows, so only superusers may open tenant tables there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from conftest import Cast
from sousei.core.tests.factories import UserFactory

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
