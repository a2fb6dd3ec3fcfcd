"""Impact's pages under /r/<slug>/, and the comparison of regions at the site's root."""

from django.urls import path

from sousei.impact import views

# Pages that name no region: the comparison across the regions the reader may compare.
site_urlpatterns = [
    path("impact/comparison/", views.impact_comparison, name="impact-comparison"),
]

urlpatterns = [
    path("impact/", views.impact_page, name="impact-page"),
    path("impact/people/", views.impact_people, name="impact-people"),
    path("impact/people.csv", views.impact_people_csv, name="impact-people-csv"),
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
    # The report's downloads.
    path("impact/report.xlsx", views.impact_report_xlsx, name="impact-report-xlsx"),
    path("impact/report.pdf", views.impact_report_pdf, name="impact-report-pdf"),
]
