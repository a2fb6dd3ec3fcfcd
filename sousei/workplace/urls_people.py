"""Onboarding and 1-on-1 pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.workplace.views import people as views

urlpatterns: list[URLPattern] = [
    path("workplace/onboarding/", views.onboarding_list, name="onboarding-list"),
    path(
        "workplace/onboarding/templates/", views.onboarding_templates, name="onboarding-templates"
    ),
    path(
        "workplace/onboarding/templates/steps/<int:item_id>/remove/",
        views.onboarding_template_item_remove,
        name="onboarding-template-item-remove",
    ),
    path(
        "workplace/onboarding/<int:checklist_id>/",
        views.onboarding_detail,
        name="onboarding-detail",
    ),
    path(
        "workplace/onboarding/<int:checklist_id>/steps/<int:item_id>/",
        views.onboarding_item,
        name="onboarding-item",
    ),
    path("workplace/one-on-ones/", views.one_on_one_list, name="one-on-one-list"),
    path("workplace/one-on-ones/new/", views.one_on_one_create, name="one-on-one-create"),
    path(
        "workplace/one-on-ones/<int:series_id>/", views.one_on_one_detail, name="one-on-one-detail"
    ),
    path(
        "workplace/one-on-ones/<int:series_id>/agenda/",
        views.one_on_one_agenda,
        name="one-on-one-agenda",
    ),
    path(
        "workplace/one-on-ones/<int:series_id>/agenda/<int:item_id>/",
        views.one_on_one_agenda_item,
        name="one-on-one-agenda-item",
    ),
    path(
        "workplace/one-on-ones/<int:series_id>/actions/",
        views.one_on_one_action,
        name="one-on-one-action",
    ),
    path(
        "workplace/one-on-ones/<int:series_id>/actions/<int:item_id>/",
        views.one_on_one_action_item,
        name="one-on-one-action-item",
    ),
    path(
        "workplace/one-on-ones/<int:series_id>/meetings/<int:meeting_id>/notes/",
        views.one_on_one_notes,
        name="one-on-one-notes",
    ),
    path(
        "workplace/one-on-ones/<int:series_id>/meetings/<int:meeting_id>/held/",
        views.one_on_one_hold,
        name="one-on-one-hold",
    ),
]
