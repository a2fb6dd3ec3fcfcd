"""The staffing pages: one module per area, mounted under /r/<slug>/ by sousei/urls.py."""

from __future__ import annotations

from django.urls import URLPattern

from sousei.staffing.urls import careers, payroll, projects, timesheets

urlpatterns: list[URLPattern] = [
    *projects.urlpatterns,
    *timesheets.urlpatterns,
    *payroll.urlpatterns,
    *careers.urlpatterns,
]
