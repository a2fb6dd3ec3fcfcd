"""Time-record, approval and pay pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.work.views import costs, payroll, timesheets

urlpatterns: list[URLPattern] = [
    # Time records and weekly approval
    path("work/", timesheets.my_work, name="my-work"),
    path("work/<int:assignment_id>/", timesheets.work_week, name="work-week"),
    path("work/<int:assignment_id>/submit/", timesheets.work_week_submit, name="work-week-submit"),
    path(
        "work/<int:assignment_id>/records/<int:record_id>/edit/",
        timesheets.work_record_edit,
        name="work-record-edit",
    ),
    path(
        "work/<int:assignment_id>/records/<int:record_id>/delete/",
        timesheets.work_record_delete,
        name="work-record-delete",
    ),
    path("approvals/", timesheets.week_approvals, name="week-approvals"),
    path("approvals/<int:assignment_id>/", timesheets.week_review, name="week-review"),
    path("approvals/<int:assignment_id>/approve/", timesheets.week_approve, name="week-approve"),
    path("approvals/<int:assignment_id>/return/", timesheets.week_return, name="week-return"),
    # What the client's projects cost
    path("costs/", costs.project_costs, name="project-costs"),
    path("costs/costs.csv", costs.project_costs_csv, name="project-costs-csv"),
    # Pay runs and statements
    path("pay-runs/", payroll.pay_run_list, name="pay-run-list"),
    path("pay-runs/<int:run_id>/", payroll.pay_run_detail, name="pay-run-detail"),
    path("pay-runs/<int:run_id>/complete/", payroll.pay_run_complete, name="pay-run-complete"),
    path("pay/", payroll.my_pay, name="my-pay"),
    path("pay/<int:statement_id>/", payroll.pay_statement, name="pay-statement"),
    path(
        "pay/<int:statement_id>/statement.pdf", payroll.pay_statement_pdf, name="pay-statement-pdf"
    ),
]
