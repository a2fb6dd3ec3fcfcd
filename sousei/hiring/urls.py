"""Hiring pages, mounted under /r/<slug>/: the public jobs pages (jobs/…), the candidate's
own applications, and the operators' pages (hiring/…)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.hiring.views import public
from sousei.hiring.views import staff as views

urlpatterns: list[URLPattern] = [
    # Public
    path("jobs/", public.job_list, name="job-list"),
    path("jobs/<int:opening_id>/", public.job_detail, name="job-detail"),
    path("jobs/<int:opening_id>/apply/", public.job_apply, name="job-apply"),
    path("jobs/<int:opening_id>/apply/done/", public.job_apply_done, name="job-apply-done"),
    path("jobs/offer/<str:offer_token>/", public.offer_answer, name="job-offer-answer"),
    path("employers/<int:organization_id>/", public.employer_detail, name="employer-detail"),
    path("employers/<int:organization_id>/edit/", views.employer_edit, name="employer-edit"),
    # Candidates
    path("my-applications/", public.my_applications, name="my-applications"),
    # Operators
    path("hiring/openings/", views.opening_list, name="opening-list"),
    path("hiring/openings/new/", views.opening_create, name="opening-create"),
    path("hiring/openings/<int:opening_id>/", views.opening_detail, name="opening-detail"),
    path("hiring/openings/<int:opening_id>/edit/", views.opening_edit, name="opening-edit"),
    path("hiring/openings/<int:opening_id>/status/", views.opening_status, name="opening-status"),
    path("hiring/candidacies/<int:candidacy_id>/", views.candidacy_detail, name="candidacy-detail"),
    path(
        "hiring/candidacies/<int:candidacy_id>/move/",
        views.candidacy_move,
        name="candidacy-move",
    ),
    path("hiring/candidacies/<int:candidacy_id>/cv.pdf", views.candidacy_cv, name="candidacy-cv"),
    path(
        "hiring/candidacies/<int:candidacy_id>/interviews/new/",
        views.interview_create,
        name="interview-create",
    ),
    path("hiring/candidacies/<int:candidacy_id>/offer/", views.offer_create, name="offer-create"),
    path(
        "hiring/interviews/<int:interview_id>/invite.ics",
        views.interview_ics,
        name="interview-ics",
    ),
    path(
        "hiring/interviews/<int:interview_id>/scorecard/",
        views.scorecard_create,
        name="scorecard-create",
    ),
    path("hiring/offers/<int:offer_id>/approve/", views.offer_approve, name="offer-approve"),
    path("hiring/funnel/", views.funnel, name="recruiting-funnel"),
    path("hiring/funnel.csv", views.funnel_csv, name="recruiting-funnel-csv"),
]
