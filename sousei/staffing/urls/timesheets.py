"""Time-record pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.staffing.views import timesheets as views

urlpatterns: list[URLPattern] = [
    path("work/", views.my_work, name="my-work"),
    path("work/<int:assignment_id>/", views.work_week, name="work-week"),
    path("work/<int:assignment_id>/submit/", views.work_week_submit, name="work-week-submit"),
    path(
        "work/<int:assignment_id>/records/<int:record_id>/delete/",
        views.work_record_delete,
        name="work-record-delete",
    ),
    path("approvals/", views.week_approvals, name="week-approvals"),
    path("approvals/<int:assignment_id>/", views.week_review, name="week-review"),
    path("approvals/<int:assignment_id>/approve/", views.week_approve, name="week-approve"),
    path("approvals/<int:assignment_id>/return/", views.week_return, name="week-return"),
]
