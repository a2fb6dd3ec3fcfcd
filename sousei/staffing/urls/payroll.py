"""Pay pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.staffing.views import payroll as views

urlpatterns: list[URLPattern] = [
    path("pay-runs/", views.pay_run_list, name="pay-run-list"),
    path("pay-runs/<int:run_id>/", views.pay_run_detail, name="pay-run-detail"),
    path("pay-runs/<int:run_id>/complete/", views.pay_run_complete, name="pay-run-complete"),
    path("pay/", views.my_pay, name="my-pay"),
    path("pay/<int:statement_id>/", views.pay_statement, name="pay-statement"),
    path("pay/<int:statement_id>/statement.pdf", views.pay_statement_pdf, name="pay-statement-pdf"),
]
