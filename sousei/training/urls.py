"""Training pages, mounted under /r/<slug>/ by sousei/urls.py; `public_urlpatterns` (the
certificate check, outside any region) are mounted at verify/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.training import verification, views, views_live

urlpatterns: list[URLPattern] = [
    path("courses/", views.course_list, name="course-list"),
    path("courses/new/", views.course_create, name="course-create"),
    path("courses/<int:course_id>/", views.course_detail, name="course-detail"),
    path("courses/<int:course_id>/edit/", views.course_edit, name="course-edit"),
    path("enrolments/new/", views.enrolment_create, name="enrolment-create"),
    path("enrolments/<int:enrolment_id>/", views.enrolment_detail, name="enrolment-detail"),
    path(
        "enrolments/<int:enrolment_id>/progress/",
        views.enrolment_progress,
        name="enrolment-progress",
    ),
    path(
        "enrolments/<int:enrolment_id>/assessment/",
        views.enrolment_assessment,
        name="enrolment-assessment",
    ),
    path(
        "enrolments/<int:enrolment_id>/complete/",
        views.enrolment_complete,
        name="enrolment-complete",
    ),
    path("enrolments/<int:enrolment_id>/replan/", views.enrolment_replan, name="enrolment-replan"),
    path(
        "enrolments/<int:enrolment_id>/withdraw/",
        views.enrolment_withdraw,
        name="enrolment-withdraw",
    ),
    path("licences/", views.pool_list, name="pool-list"),
    path("licences/<int:pool_id>/", views.pool_detail, name="pool-detail"),
    path("at-risk/", views.at_risk_list, name="at-risk"),
    path("learners/", views.learners, name="learners"),
    path("learning/", views.my_learning, name="my-learning"),
    path("learning/<int:enrolment_id>/", views.my_enrolment, name="my-enrolment"),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="certificate-pdf"),
    path("live/", views_live.live_session_list, name="live-session-list"),
    path("live/new/", views_live.live_session_create, name="live-session-create"),
    path("live/<int:session_id>/", views_live.live_session_detail, name="live-session-detail"),
    path("live/<int:session_id>/join/", views_live.live_session_join, name="live-session-join"),
    path("live/<int:session_id>/session.ics", views_live.live_session_ics, name="live-session-ics"),
    path(
        "live/<int:session_id>/attendance/<int:enrolment_id>/",
        views_live.live_attendance_record,
        name="live-attendance-record",
    ),
    path("live/<int:session_id>/close/", views_live.live_session_close, name="live-session-close"),
    path(
        "live/<int:session_id>/cancel/", views_live.live_session_cancel, name="live-session-cancel"
    ),
]

# Mounted at verify/ (outside /r/<slug>/): anyone checks a certificate by its unguessable code.
public_urlpatterns: list[URLPattern] = [
    path("", verification.certificate_check, name="certificate-check"),
    path("<str:code>/", verification.certificate_verify, name="certificate-verify"),
]
