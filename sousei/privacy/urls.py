"""Privacy pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.privacy.erasure import views as erasure_views

urlpatterns: list[URLPattern] = [
    path("privacy/erasures/", erasure_views.erasure_list, name="privacy-erasures"),
    path(
        "privacy/persons/<int:person_id>/",
        erasure_views.person_privacy,
        name="privacy-person",
    ),
]
