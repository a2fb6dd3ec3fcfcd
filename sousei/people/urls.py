"""Intake pages: the public application form and the operator's applications, mounted under
/r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.people import views

urlpatterns: list[URLPattern] = [
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.apply_done, name="apply-done"),
    path("profile/", views.profile, name="profile"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/export.csv", views.application_export, name="application-export"),
    path(
        "applications/<int:application_id>/",
        views.application_detail,
        name="application-detail",
    ),
]
