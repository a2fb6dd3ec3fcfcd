"""events pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.events import views

urlpatterns: list[URLPattern] = [
    # Public
    path("events/", views.event_list, name="events"),
    path("events/<int:event_id>/", views.event_detail, name="event-detail"),
    path("events/my/<str:registration_token>/", views.registration_page, name="event-registration"),
    path(
        "events/my/<str:registration_token>/cancel/",
        views.registration_cancel,
        name="event-registration-cancel",
    ),
    path(
        "events/my/<str:registration_token>/confirm/",
        views.registration_confirm,
        name="event-registration-confirm",
    ),
    path(
        "events/my/<str:registration_token>/event.ics",
        views.registration_ics,
        name="event-registration-ics",
    ),
    path("events/my/<str:registration_token>/survey/", views.survey, name="event-survey"),
    # Event staff
    path("events/manage/", views.manage_list, name="event-manage-list"),
    path("events/manage/new/", views.event_create, name="event-create"),
    path("events/manage/calendar.ics", views.events_calendar, name="events-calendar"),
    path("events/manage/<int:event_id>/", views.event_manage, name="event-manage"),
    path("events/manage/<int:event_id>/edit/", views.event_edit, name="event-edit"),
    path("events/manage/<int:event_id>/check-in/", views.event_check_in, name="event-check-in"),
    path("events/manage/<int:event_id>/cancel/", views.event_cancel, name="event-cancel"),
    path(
        "events/manage/<int:event_id>/registrations/<int:registration_id>/cancel/",
        views.event_registration_cancel,
        name="event-registration-staff-cancel",
    ),
    path(
        "events/manage/<int:event_id>/survey/",
        views.event_survey_results,
        name="event-survey-results",
    ),
]
