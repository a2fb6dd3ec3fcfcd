"""Project pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.projects import views

urlpatterns: list[URLPattern] = [
    path("projects/", views.project_list, name="project-list"),
    path("projects/new/", views.project_new, name="project-new"),
    path("projects/<int:project_id>/", views.project_detail, name="project-detail"),
    path("projects/<int:project_id>/assign/", views.project_assign, name="project-assign"),
    path("staffing/proposal/", views.proposal_page, name="proposal"),
    path(
        "staffing/proposal/<int:proposal_id>/accept/",
        views.proposal_accept_view,
        name="proposal-accept",
    ),
]
