"""Training pages, mounted under /r/<slug>/ by sousei/urls.py."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
