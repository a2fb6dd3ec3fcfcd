"""The recruiting pages: one module per area, mounted under /r/<slug>/ by sousei/urls.py."""

from __future__ import annotations

from django.urls import URLPattern

from sousei.recruiting.urls import events, hiring

urlpatterns: list[URLPattern] = [
    *events.urlpatterns,
    *hiring.urlpatterns,
]
