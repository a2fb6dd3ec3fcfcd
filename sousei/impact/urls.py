"""Impact's pages under /r/<slug>/."""

from django.urls import path

from sousei.impact import views

urlpatterns = [
    path("impact/", views.impact_page, name="impact-page"),
    path("impact/targets/<int:year>/", views.impact_targets, name="impact-targets"),
    path("impact/residence/", views.residence_checks, name="impact-residence-checks"),
    path(
        "impact/residence/<int:check_id>/record/",
        views.residence_check_record,
        name="impact-residence-record",
    ),
    path(
        "impact/residence/<str:token>/",
        views.residence_answer,
        name="impact-residence-answer",
    ),
]
