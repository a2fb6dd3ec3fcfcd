"""Inquiries pages, mounted under /r/<slug>/; `site_urlpatterns` is the program-wide contact
form at /contact/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.inquiries import views

urlpatterns: list[URLPattern] = [
    # Public
    path("contact/", views.region_contact, name="region-contact"),
    path("contact/sent/", views.region_contact_done, name="region-contact-done"),
    # The office
    path("inquiries/", views.inquiry_inbox, name="inquiry-inbox"),
    path("inquiries/office/", views.office_contact_edit, name="office-contact-edit"),
    path("inquiries/<int:inquiry_id>/", views.inquiry_detail, name="inquiry-detail"),
    path("inquiries/<int:inquiry_id>/close/", views.inquiry_close, name="inquiry-close"),
]

site_urlpatterns: list[URLPattern] = [
    path("contact/", views.site_contact, name="contact"),
]
