"""Impact's pages under /r/<slug>/."""

from django.urls import path

from sousei.impact import views

urlpatterns = [
    path("impact/", views.impact_page, name="impact-page"),
    path(
        "impact/residence/<str:token>/",
        views.residence_answer,
        name="impact-residence-answer",
    ),
    # The report's downloads.
    path("impact/report.xlsx", views.impact_report_xlsx, name="impact-report-xlsx"),
    path("impact/report.pdf", views.impact_report_pdf, name="impact-report-pdf"),
]
