"""Spaces pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.spaces import views

urlpatterns: list[URLPattern] = [
    path("spaces/", views.space_list, name="space-list"),
    path("spaces/<int:space_id>/", views.space_calendar, name="space-calendar"),
    path("spaces/<int:space_id>/today/", views.space_today, name="space-today"),
    path("spaces/<int:space_id>/settings/", views.space_settings, name="space-settings"),
    path("bookings/", views.my_bookings, name="my-bookings"),
    path("bookings/new/", views.booking_new, name="booking-new"),
    path("bookings/<int:booking_id>/", views.booking_detail, name="booking-detail"),
    path("bookings/<int:booking_id>/cancel/", views.booking_cancel, name="booking-cancel"),
    path(
        "bookings/<int:booking_id>/check-in/",
        views.booking_action,
        {"action": "check-in"},
        name="booking-check-in",
    ),
    path(
        "bookings/<int:booking_id>/check-out/",
        views.booking_action,
        {"action": "check-out"},
        name="booking-check-out",
    ),
    path(
        "bookings/<int:booking_id>/no-show/",
        views.booking_action,
        {"action": "no-show"},
        name="booking-no-show",
    ),
    path("spaces/check-in/", views.check_in, name="space-check-in"),
    path("spaces/check-in/<str:code>/", views.check_in_code, name="space-check-in-code"),
]
