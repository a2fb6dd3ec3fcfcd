"""Evaluation, career outcome and journey pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.careers import views

urlpatterns: list[URLPattern] = [
    path("evaluations/", views.evaluation_list, name="evaluation-list"),
    path(
        "assignments/<int:assignment_id>/evaluation/",
        views.evaluation_page,
        name="evaluation-form",
    ),
    path("careers/", views.career_list, name="career-list"),
    path(
        "participants/<int:participant_id>/career/",
        views.career_outcome,
        name="career-outcome",
    ),
    path(
        "participants/<int:participant_id>/journey/",
        views.participant_journey,
        name="participant-journey",
    ),
    path("journey/", views.my_journey, name="my-journey"),
]
